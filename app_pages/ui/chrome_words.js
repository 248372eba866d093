// Streamlit's own words in its widgets ("Press Enter to submit form", the
// file drop zone, "No results", "Select all" and "Add: ..." in a drop-down
// list, the "Page not found" box) are English whatever the
// page's language. This puts the page's words in their place, only inside
// those widgets and only for a text that is exactly one of them, whenever
// Streamlit draws them. The frame fills in the words (app_pages/ui,
// page_language_script): {"exact": {english: ours}, "patterns": [[regex, ours]]}.
(function () {
  window.__plannerWords = __WORDS__;
  // A drop-down's own message is an option straight in the list; the
  // choices (user text, never touched) sit deeper, in the list's rows.
  // Streamlit's own rows in a list ("Select all", "Add: ...") have keys
  // like __select_all__; a choice's key is its number. The only dialogs
  // are Streamlit's own ("Page not found"): the app has none.
  var SCOPES = '[data-testid="InputInstructions"], [data-testid="stFileUploaderDropzone"], ' +
    '[role="listbox"] > [role="option"], [role="option"][data-key^="__"], [role="dialog"], ' +
    '[data-testid="stFileChip"], [data-testid="stStatusWidget"]';

  function replacement(text) {
    var words = window.__plannerWords, key = text.trim();
    if (!key) return null;
    if (Object.prototype.hasOwnProperty.call(words.exact, key)) return words.exact[key];
    for (var i = 0; i < words.patterns.length; i++) {
      var found = new RegExp(words.patterns[i][0]).exec(key);
      if (found) return words.patterns[i][1].replace("{0}", found[1]);
    }
    return null;
  }

  function mend() {
    document.querySelectorAll(SCOPES).forEach(function (scope) {
      var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT), node;
      while ((node = walker.nextNode())) {
        var ours = replacement(node.data);
        if (ours !== null && ours !== node.data.trim()) node.data = node.data.replace(node.data.trim(), ours);
      }
    });
  }

  if (window.__plannerWordsObserver) { mend(); return; }
  var pending = false;
  window.__plannerWordsObserver = new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; mend(); });
  });
  window.__plannerWordsObserver.observe(document.body, {childList: true, subtree: true, characterData: true});
  mend();
})();
