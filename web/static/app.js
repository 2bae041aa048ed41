// Small enhancements shared by every page. No inline scripts (the CSP forbids them) and every
// page works without JavaScript: these only save a click or ask before a destructive step.
(function () {
  "use strict";

  // <form data-confirm="Question?">: ask before submitting.
  document.addEventListener("submit", function (e) {
    var question = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) e.preventDefault();
  });

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  ready(function () {
    // <select data-navigate>: each option's value is a URL; choosing one goes there.
    document.querySelectorAll("select[data-navigate]").forEach(function (select) {
      select.addEventListener("change", function () { window.location.href = select.value; });
    });

    // <fieldset data-shown-by="role" data-shown-value="operator">: shown only while the
    // form's select named "role" has that value (the server ignores the field otherwise).
    document.querySelectorAll("[data-shown-by]").forEach(function (field) {
      var form = field.closest("form");
      var select = form && form.querySelector("select[name='" + field.dataset.shownBy + "']");
      if (!select) return;
      function sync() { field.hidden = select.value !== field.dataset.shownValue; }
      select.addEventListener("change", sync);
      sync();
    });
  });
})();
