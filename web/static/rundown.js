// Drag to reorder a rundown; the up/down buttons do the same without JavaScript.
(function () {
  "use strict";
  var list = document.getElementById("rundown");
  if (!list) return;
  var dragged = null;
  list.addEventListener("dragstart", function (e) { dragged = e.target.closest("li[data-id]"); if (dragged) dragged.classList.add("dragging"); });
  list.addEventListener("dragend", function () { if (dragged) dragged.classList.remove("dragging"); });
  list.addEventListener("dragover", function (e) {
    var over = e.target.closest("li[data-id]");
    if (!dragged || !over || over === dragged) return;
    e.preventDefault();
    var box = over.getBoundingClientRect();
    list.insertBefore(dragged, (e.clientY - box.top) > box.height / 2 ? over.nextSibling : over);
  });
  list.addEventListener("drop", function (e) {
    e.preventDefault();
    var ids = Array.prototype.map.call(list.querySelectorAll("li[data-id]"), function (li) { return li.dataset.id; });
    var body = new URLSearchParams({csrf_token: list.dataset.csrf, action: "order", order: ids.join(",")});
    fetch(list.dataset.url, {method: "POST", body: body, headers: {"X-Requested-With": "fetch"}})
      .then(function (r) { if (!r.ok) throw r; window.location.reload(); })
      .catch(function () { window.location.reload(); });
  });
})();
