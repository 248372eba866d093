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

// On an event day: the block running now (or else the next one) gets a mark,
// and a link at the top jumps to it. The phone's clock decides; ?now=2026-11-28T10:10
// shows a moment to rehearse, as the venue screens' ?at= does.
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var wanted = new URLSearchParams(location.search).get("now");
  var now = wanted ? new Date(wanted) : new Date();
  if (isNaN(now.getTime())) now = new Date();
  var day = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var hm = pad(now.getHours()) + ":" + pad(now.getMinutes());
  var section = document.querySelector('section.day[data-day="' + day + '"]');
  if (!section) return;
  var running = null, next = null;
  section.querySelectorAll(".start[data-start]").forEach(function (block) {
    if (block.dataset.start <= hm && hm < block.dataset.end) running = running || block;
    else if (!next && block.dataset.start > hm) next = block;
  });
  var chosen = running || next;
  if (!chosen) return;
  var mark = document.createElement("span");
  mark.className = "mark";
  mark.textContent = running ? section.dataset.now : section.dataset.next;
  chosen.querySelector("h3").appendChild(mark);
  chosen.id = "now";
  chosen.classList.add(running ? "is-now" : "is-next");
  var jump = document.querySelector(".jump");
  if (jump) jump.hidden = false;
})();

// The grid's hint to swipe sideways shows only while some day's table is wider than its box.
(function () {
  "use strict";
  var hint = document.querySelector(".gridhint");
  if (!hint) return;
  function check() {
    hint.hidden = !Array.prototype.some.call(document.querySelectorAll(".gridbox"), function (box) {
      return box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1;
    });
  }
  window.addEventListener("resize", check);
  document.querySelectorAll(".filters select").forEach(function (s) { s.addEventListener("change", check); });
  check();
})();
