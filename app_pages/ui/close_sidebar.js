// On a phone the sidebar lies over the page: close it once a page or a
// language is chosen (Streamlit leaves it open). Installed once per browser tab.
(function () {
  if (window.__plannerSidebarCloser) return;
  window.__plannerSidebarCloser = true;
  document.addEventListener("click", function (event) {
    var chosen = event.target.closest('[data-testid="stSidebarNavLink"], [data-testid="stSidebar"] [data-testid="stButtonGroup"] button');
    if (!chosen || window.innerWidth > 736) return;
    setTimeout(function () {
      var button = document.querySelector('[data-testid="stSidebarCollapseButton"] button[aria-expanded="true"]');
      if (button) button.click();
    }, 150);
  }, true);
})();
