// Checking a hop: bring the highlighted passage into view inside the document's text.
(function () {
  "use strict";
  function show() {
    var box = document.getElementById("document-text");
    var mark = document.getElementById("passage");
    if (!box || !mark) return;
    box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
  }
  if (document.readyState !== "loading") show(); else document.addEventListener("DOMContentLoaded", show);
})();
