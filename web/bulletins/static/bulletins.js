// Nghe thử in place: post the form to the preview URL and play the WAV it returns.
(function () {
  "use strict";
  var form = document.getElementById("bulletin-form");
  var button = document.getElementById("bulletin-preview");
  var player = document.getElementById("preview-player");
  if (!form || !button || !player || !window.fetch) return;
  var words = JSON.parse(document.getElementById("bulletin-i18n").textContent);
  var lastUrl = null;
  button.addEventListener("click", function (ev) {
    ev.preventDefault();
    var data = new FormData(form);
    data.delete("file");
    data.set("action", "preview");
    player.textContent = words.loading;
    fetch(form.dataset.preview, {method: "POST", body: data, credentials: "same-origin"})
      .then(function (resp) {
        if (!resp.ok) return resp.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var msg = doc.querySelector("p.flash.error");
          throw new Error(msg ? msg.textContent.trim() : words.failed);
        });
        return resp.blob();
      })
      .then(function (blob) {
        if (lastUrl) URL.revokeObjectURL(lastUrl);
        lastUrl = URL.createObjectURL(blob);
        player.textContent = "";
        var audio = document.createElement("audio");
        audio.controls = true;
        audio.src = lastUrl;
        audio.id = "preview-audio";
        player.appendChild(audio);
        audio.play().catch(function () {});
      })
      .catch(function (err) { player.textContent = err.message || words.failed; });
  });
})();
