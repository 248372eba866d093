// Streamlit's own words in its widgets ("Press Enter to submit form", the
// file drop zone, "No results", "Select all" and "Add: ..." in a drop-down
// list, the "Page not found" box, the toolbar over a chart or a table) are
// English whatever the page's language, and so are the names it gives a
// screen reader ("Show password", "Help for ...", "Decrement"). This puts the
// page's words in their place, only inside those widgets and only for a text
// that is exactly one of them, whenever Streamlit draws them. The frame fills
// in the words (app_pages/ui, page_language_script):
// {"exact": {english: ours}, "patterns": [[regex, ours]]}.
(function () {
  window.__plannerWords = __WORDS__;
  // A drop-down's own message is an option straight in the list; the
  // choices (user text, never touched) sit deeper, in the list's rows.
  // Streamlit's own rows in a list ("Select all", "Add: ...") have keys
  // like __select_all__; a choice's key is its number. The only dialogs
  // are Streamlit's own ("Page not found"): the app has none. A table's
  // search bar, an open calendar and the main menu hold no user text; a
  // table's column list only the columns' names (ours) after "Select all".
  var SCOPES = '[data-testid="InputInstructions"], [data-testid="stFileUploaderDropzone"], ' +
    '[role="listbox"] > [role="option"], [role="option"][data-key^="__"], [role="dialog"], ' +
    '[data-testid="stFileChip"], [data-testid="stStatusWidget"], .gdg-search-bar, ' +
    '[data-testid="stDateInputCalendar"], [data-testid="stMainMenuList"], ' +
    '[data-testid="stDataFrameColumnVisibilityMenu"]';
  // Elements whose title, aria-label and placeholder Streamlit writes itself
  // (a widget's own label, ours, is never one of its English words). Not the
  // tags of a multiselect or a chart's marks: their names are user text.
  var LABELLED = [
    '[data-testid="stBaseButton-elementToolbar"]',  // over a chart, a table, a code box
    '.gdg-search-bar button',
    '[data-testid="stTooltipIcon"] button',  // the (?) after a label
    '[data-testid="stTextInputRootElement"] button',  // show password
    '[data-testid="stNumberInputContainer"] button',  // - and +
    '[data-testid="stSelectbox"] input', '[data-testid="stSelectbox"] button',
    '[data-testid="stMultiSelect"] input', '[data-testid="stMultiSelect"] button',
    '[data-testid="stMultiSelectTagsContainer"] > [role="group"]',
    '[data-testid="stDateInputField"] [aria-label]', '[data-testid="stDateInputCalendar"]',
    '[data-testid="stDateInputCalendar"] [aria-label]',
    '[data-testid="stColorPicker"] button', '[role="dialog"][aria-label$=" color picker"]',
    '[data-testid="stFileUploaderDropzoneInput"]',
    '[data-testid="stVegaLiteChart"]',
    '[data-testid="stSidebar"]', '[data-testid="stSidebarCollapseButton"] button',
    '[data-testid="stExpandSidebarButton"]', '[data-testid="stSidebarNav"]',
    '[data-testid="stMainMenuButton"]', '[data-testid="stHeaderActionElements"] a',
    '[data-testid="stStatusWidgetRunningIcon"]', '[data-testid^="stTabsScroll"]',
    '[role="dialog"] button'  // "Close"
  ].join(', ');
  var ATTRIBUTES = ["aria-label", "title", "placeholder"];
  // What this script wrote and over which English, so a change of language
  // puts the new words over Streamlit's, not over the old ones.
  var written = new WeakMap();

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

  // A toolbar button's name is its word, or its word and the chart's
  // description after ": ".
  function labelReplacement(text) {
    var ours = replacement(text), cut = text.indexOf(": ");
    if (ours === null && cut > 0 && (ours = replacement(text.slice(0, cut))) !== null) ours += text.slice(cut);
    return ours;
  }

  function english(owner, slot, shown) {
    var mine = written.get(owner);
    return mine && mine[slot] && mine[slot][1] === shown ? mine[slot][0] : shown;
  }

  function remember(owner, slot, original, ours) {
    var mine = written.get(owner) || {};
    mine[slot] = [original, ours];
    written.set(owner, mine);
  }

  function mendText(scope) {
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) {
      var shown = node.data.trim(), original = english(node, "text", shown), ours = replacement(original);
      if (ours !== null && ours !== shown) {
        node.data = node.data.replace(shown, ours);
        remember(node, "text", original, ours);
      }
    }
  }

  function mend() {
    document.querySelectorAll(SCOPES).forEach(mendText);
    // A toolbar button's tooltip shows its word: found through the button's aria-describedby.
    document.querySelectorAll('[data-testid="stElementToolbarButton"] [aria-describedby]').forEach(function (target) {
      var tooltip = document.getElementById(target.getAttribute("aria-describedby"));
      if (tooltip) mendText(tooltip);
    });
    document.querySelectorAll(LABELLED).forEach(function (element) {
      ATTRIBUTES.forEach(function (name) {
        var shown = element.getAttribute(name);
        if (!shown) return;
        var original = english(element, name, shown), ours = labelReplacement(original);
        if (ours !== null && ours !== shown) {
          element.setAttribute(name, ours);
          remember(element, name, original, ours);
        }
      });
    });
  }

  if (window.__plannerWordsObserver) { mend(); return; }
  var pending = false;
  window.__plannerWordsObserver = new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; mend(); });
  });
  window.__plannerWordsObserver.observe(document.body, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES,
  });
  mend();
})();
