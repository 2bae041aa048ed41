// Our own date field: <input type="text" data-date-field> holds dd/mm/yyyy whatever the
// browser's language. This script adds a mask (digits only, slashes inserted, an ISO date pasted
// becomes dd/mm/yyyy) and a small month calendar behind a button. Without JavaScript the text
// input stays, and the server reads dd/mm/yyyy (web/args.py parse_date).
(function () {
  "use strict";

  var WORDS = {
    vi: { days: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"], month: "Tháng", open: "Chọn ngày",
          prev: "Tháng trước", next: "Tháng sau", today: "Hôm nay" },
    en: { days: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"], month: "Month", open: "Pick a date",
          prev: "Previous month", next: "Next month", today: "Today" }
  };
  var words = WORDS[document.documentElement.lang] || WORDS.vi;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }

  function read(text) {
    var m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text || "");
    if (!m) return null;
    var d = new Date(+m[3], +m[2] - 1, +m[1]);
    return d.getDate() === +m[1] && d.getMonth() === +m[2] - 1 ? d : null;
  }

  // Digits only, "/" after day and month; "2026-12-03" (pasted or filled) becomes 03/12/2026.
  function mask(value) {
    var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (iso) return iso[3] + "/" + iso[2] + "/" + iso[1];
    var digits = value.replace(/\D/g, "").slice(0, 8);
    var out = digits.slice(0, 2);
    if (digits.length > 2) out += "/" + digits.slice(2, 4);
    if (digits.length > 4) out += "/" + digits.slice(4);
    return out;
  }

  function calendar(input) {
    var box = document.createElement("div");
    box.className = "datefield-calendar";
    box.hidden = true;
    box.setAttribute("role", "dialog");
    var shown = read(input.value) || new Date();
    var month = new Date(shown.getFullYear(), shown.getMonth(), 1);

    function button(text, label, fn) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      if (label) b.setAttribute("aria-label", label);
      // Redrawing detaches the clicked button: keep the page's "click outside closes" away.
      b.addEventListener("click", function (e) { e.stopPropagation(); fn(); });
      return b;
    }

    function draw() {
      box.textContent = "";
      var head = document.createElement("div");
      head.className = "datefield-head";
      head.appendChild(button("‹", words.prev, function () {
        month = new Date(month.getFullYear(), month.getMonth() - 1, 1); draw();
      }));
      var title = document.createElement("span");
      title.className = "datefield-title";
      title.textContent = words.month + " " + pad(month.getMonth() + 1) + "/" + month.getFullYear();
      head.appendChild(title);
      head.appendChild(button("›", words.next, function () {
        month = new Date(month.getFullYear(), month.getMonth() + 1, 1); draw();
      }));
      box.appendChild(head);
      var grid = document.createElement("div");
      grid.className = "datefield-grid";
      words.days.forEach(function (name) {
        var cell = document.createElement("span");
        cell.className = "datefield-dow";
        cell.textContent = name;
        grid.appendChild(cell);
      });
      var lead = (month.getDay() + 6) % 7;  // Monday first
      for (var i = 0; i < lead; i++) grid.appendChild(document.createElement("span"));
      var chosen = read(input.value);
      var last = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
      for (var day = 1; day <= last; day++) {
        (function (d) {
          var b = button(String(d.getDate()), show(d), function () {
            input.value = show(d);
            input.dispatchEvent(new Event("change", { bubbles: true }));
            box.hidden = true;
            input.focus();
          });
          b.className = "datefield-day";
          b.setAttribute("data-date", show(d));
          if (chosen && +chosen === +d) b.classList.add("chosen");
          grid.appendChild(b);
        })(new Date(month.getFullYear(), month.getMonth(), day));
      }
      box.appendChild(grid);
      box.appendChild(button(words.today, null, function () {
        input.value = show(new Date());
        input.dispatchEvent(new Event("change", { bubbles: true }));
        box.hidden = true;
      }));
    }

    var open = button("▾", words.open, function () {
      if (box.hidden) {
        var current = read(input.value);
        if (current) month = new Date(current.getFullYear(), current.getMonth(), 1);
        draw();
      }
      box.hidden = !box.hidden;
    });
    open.className = "datefield-open";
    var wrap = document.createElement("span");
    wrap.className = "datefield";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    wrap.appendChild(open);
    wrap.appendChild(box);
    document.addEventListener("click", function (e) {
      if (!box.hidden && !box.contains(e.target) && e.target !== open && e.target !== input) {
        box.hidden = true;
      }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") box.hidden = true;
    });
  }

  function setup(input) {
    if (input.dataset.dateReady) return;
    input.dataset.dateReady = "1";
    input.value = mask(input.value);
    input.addEventListener("input", function () {
      var next = mask(input.value);
      if (next !== input.value) input.value = next;
      input.setCustomValidity(input.value && !read(input.value) && input.value.length === 10
        ? (document.documentElement.lang === "en" ? "Not a date (dd/mm/yyyy)"
          : "Ngày không hợp lệ (dd/mm/yyyy)") : "");
    });
    calendar(input);
  }

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }
  ready(function () { document.querySelectorAll("input[data-date-field]").forEach(setup); });
})();
