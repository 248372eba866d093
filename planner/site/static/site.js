// Filters of the public schedule, in the browser: no round trip to the server.
// Without this script every session shows and the filters stay hidden.
(function () {
  "use strict";
  var form = document.querySelector(".filters");
  if (!form) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var KEY = "planner-filters";
  try {
    var saved = JSON.parse(sessionStorage.getItem(KEY) || "{}");
    selects.forEach(function (s) {
      var v = saved[s.dataset.filter];
      if (v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
    });
  } catch (e) { /* private mode: start unfiltered */ }

  function matches(el, f) {
    return (!f.topic || el.dataset.topics.indexOf(" " + f.topic + " ") >= 0) &&
      (!f.room || el.dataset.room === f.room) &&
      (!f.lang || el.dataset.lang === f.lang);
  }

  function apply() {
    var f = {};
    selects.forEach(function (s) { f[s.dataset.filter] = s.value; });
    try { sessionStorage.setItem(KEY, JSON.stringify(f)); } catch (e) { /* ignore */ }
    var any = false;
    document.querySelectorAll("section.day").forEach(function (day) {
      var dayOn = !f.day || day.dataset.day === f.day;
      day.hidden = !dayOn;
      day.querySelectorAll(".card").forEach(function (card) {
        card.hidden = !matches(card, f);
        if (dayOn && !card.hidden) any = true;
      });
      day.querySelectorAll(".start").forEach(function (group) {
        group.hidden = !group.querySelector(".card:not([hidden])");
      });
      day.querySelectorAll(".cell").forEach(function (cell) {
        var on = matches(cell, f);
        cell.classList.toggle("off", !on);
        if (dayOn && on) any = true;
      });
    });
    var none = document.querySelector(".none");
    if (none) none.hidden = any;
  }

  selects.forEach(function (s) { s.addEventListener("change", apply); });
  form.hidden = false;
  apply();
})();
