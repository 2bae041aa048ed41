// "Phát trực tiếp": capture the microphone, post a chunk every second, show level, time and
// listeners. Without JavaScript the page still plays the stream and names the CLI.
(function () {
  "use strict";
  var box = document.getElementById("go-live");
  var listeners = document.getElementById("live-listeners");
  var i18n = JSON.parse((document.getElementById("live-i18n") || {}).textContent || "{}");

  function pollListeners() {
    if (!listeners) return;
    fetch(listeners.dataset.statusUrl, {headers: {"X-Requested-With": "fetch"}})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        listeners.textContent = s.on_air ? (listeners.dataset.label || "") + s.listeners : listeners.textContent;
        listeners.dataset.count = s.listeners;
        listeners.dataset.onAir = s.on_air ? "1" : "0";
      }).catch(function () {});
  }
  if (listeners) { setInterval(pollListeners, 3000); }
  if (!box) return;

  var startBtn = document.getElementById("live-start");
  var stopBtn = document.getElementById("live-stop");
  var meter = document.getElementById("live-level");
  var elapsed = document.getElementById("live-elapsed");
  var message = document.getElementById("live-message");
  var recorder = null, session = null, queue = Promise.resolve(), t0 = 0, timer = null, stream = null;

  function post(url, body, type) {
    return fetch(url, {method: "POST", body: body, credentials: "same-origin",
                       headers: {"X-CSRFToken": box.dataset.csrf, "Content-Type": type}})
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  function level(analyser) {
    var data = new Uint8Array(analyser.fftSize);
    (function frame() {
      if (!recorder) { meter.value = 0; return; }
      analyser.getByteTimeDomainData(data);
      var sum = 0;
      for (var i = 0; i < data.length; i++) { var v = (data[i] - 128) / 128; sum += v * v; }
      meter.value = Math.min(1, Math.sqrt(sum / data.length) * 3);
      meter.dataset.peak = Math.max(Number(meter.dataset.peak || 0), meter.value);
      requestAnimationFrame(frame);
    })();
  }

  function tick() {
    var s = Math.floor((Date.now() - t0) / 1000);
    elapsed.textContent = String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  }

  startBtn.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
      message.textContent = i18n.no_mic; return;
    }
    startBtn.disabled = true;
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (s) {
      stream = s;
      return post(box.dataset.startUrl, new URLSearchParams({}), "application/x-www-form-urlencoded");
    }).then(function (info) {
      session = info;
      var type = MediaRecorder.isTypeSupported("audio/webm;codecs=opus") ? "audio/webm;codecs=opus" : "";
      recorder = new MediaRecorder(stream, type ? {mimeType: type} : {});
      recorder.ondataavailable = function (ev) {
        if (!ev.data || !ev.data.size) return;
        var blob = ev.data;
        queue = queue.then(function () { return post(session.chunk_url, blob, "application/octet-stream"); })
          .catch(function () { message.textContent = i18n.error; });
      };
      recorder.onstop = function () {
        queue.then(function () { return post(session.stop_url, new URLSearchParams({}), "application/x-www-form-urlencoded"); })
          .then(function () { message.textContent = i18n.stopped; box.dataset.state = "stopped"; });
      };
      recorder.start(1000);
      var ctx = new (window.AudioContext || window.webkitAudioContext)();
      var analyser = ctx.createAnalyser();
      ctx.createMediaStreamSource(stream).connect(analyser);
      level(analyser);
      t0 = Date.now(); timer = setInterval(tick, 500);
      stopBtn.disabled = false;
      message.textContent = i18n.on_air;
      box.dataset.state = "live";
    }).catch(function () {
      startBtn.disabled = false;
      message.textContent = stream ? i18n.error : i18n.no_mic;
    });
  });

  stopBtn.addEventListener("click", function () {
    stopBtn.disabled = true;
    clearInterval(timer);
    if (recorder) { var r = recorder; recorder = null; r.stop(); }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    startBtn.disabled = false;
  });
})();
