/* The checkpoint phone page: an optional camera scanner using the browser's own BarcodeDetector (no library,
   no network). Where the browser has none, the officer scans with the phone's camera app or a scanner gun. */
(function () {
  "use strict";
  var button = document.querySelector("[data-camera]");
  var video = document.querySelector("[data-camera-view]");
  var input = document.getElementById("id_scan");
  if (!button || !video || !input || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream; video.hidden = false; video.play();
      function stop() { stream.getTracks().forEach(function (t) { t.stop(); }); video.hidden = true; }
      function tick() {
        detector.detect(video).then(function (codes) {
          if (codes.length) { input.value = codes[0].rawValue; stop(); }
          else requestAnimationFrame(tick);
        }).catch(function () { requestAnimationFrame(tick); });
      }
      tick();
    }).catch(function () { button.hidden = true; });
  });
})();
