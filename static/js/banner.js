/* The site-wide banner: remembers in this browser that the visitor closed it.
   Loaded in <head> without defer, so a closed banner is hidden before the
   page is first drawn and nothing shifts. A new banner text shows again. */
(function () {
  "use strict";
  var root = document.documentElement;
  var version = document.currentScript && document.currentScript.dataset.bannerVersion;
  var key = "directeurskamer:banner-dismissed";

  function dismissed() {
    try {
      return window.localStorage.getItem(key) === version;
    } catch (error) {
      return false; // storage blocked: show the banner
    }
  }

  root.classList.add("js-banner");
  if (dismissed()) {
    root.classList.add("banner-dismissed");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-banner-dismiss]");
    if (!button) {
      return;
    }
    button.addEventListener("click", function () {
      try {
        window.localStorage.setItem(key, version);
      } catch (error) {
        /* not remembered, but closed for now */
      }
      root.classList.add("banner-dismissed");
      var next = document.querySelector(".site-header a");
      if (next) {
        next.focus();
      }
    });
  });
})();
