// Emergency receipts: while the emergency is on air, reload the receipts table every few
// seconds from its JSON route (the page itself refreshes only every 30 s).
(function () {
  "use strict";
  function poll() {
    var box = document.getElementById("emergency-receipts");
    if (!box || box.dataset.active !== "1") { return; }
    fetch(box.dataset.json, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.html) { box.outerHTML = data.html; }
      })
      .catch(function () { /* the next turn tries again */ })
      .finally(function () {
        var again = document.getElementById("emergency-receipts");
        if (again && again.dataset.active === "1") {
          setTimeout(poll, 1000 * Number(again.dataset.refresh || 5));
        }
      });
  }
  var box = document.getElementById("emergency-receipts");
  if (box) { setTimeout(poll, 1000 * Number(box.dataset.refresh || 5)); }
})();
