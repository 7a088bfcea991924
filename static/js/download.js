/* The thank-you page of a download: starts the download at once.
   The link stays on the page for when it does not. */
(function () {
  "use strict";
  var link = document.querySelector("[data-auto-download]");
  if (link) {
    link.click();
  }
})();
