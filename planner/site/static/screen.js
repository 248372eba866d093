// The venue screen redraws itself: it asks for its drawing every few seconds
// (with the last ETag, so an unchanged screen costs a 304), swaps it in when
// it changed, and keeps showing the last one while the network or the server
// is away; it picks up again by itself when they are back.
(function () {
  "use strict";
  var box = document.getElementById("screen");
  var src = box.getAttribute("data-src");
  var etag = null;
  var EVERY = 5000;
  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(src, { headers: headers, cache: "no-store" })
      .then(function (r) {
        if (r.status === 200) {
          etag = r.headers.get("ETag");
          return r.text().then(function (text) { box.innerHTML = text; });
        }
      })
      .catch(function () {
        // offline or restarting: keep the last drawing; count the misses
        // (data-missed on the box, for whoever looks at a screen that seems stuck)
        box.setAttribute("data-missed", String(+(box.getAttribute("data-missed") || 0) + 1));
      })
      .then(function () { setTimeout(poll, EVERY); });
  }
  setTimeout(poll, EVERY);
})();
