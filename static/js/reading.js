/* Reading figures (readership): tells the site once that this article was
   shown, and once that its end came into view. It sends the article's id and
   which of the two happened, nothing else; it sets no cookie and stores
   nothing in the browser. A request of its own, so that a page served from
   the cache is counted too. Nothing is sent when the browser asks not to be
   tracked (Do Not Track, Global Privacy Control). The article's id and where
   to send it are on this script's own tag (data-article, data-url).

   Links to a download or to the story and guest-blog forms get ?van=<id>, so
   that a download, story or signup sent from there counts for this article. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URLSearchParams) {
    return;
  }
  if (navigator.doNotTrack === "1" || window.doNotTrack === "1" || navigator.globalPrivacyControl) {
    return;
  }
  var id = script.dataset.article;
  var url = script.dataset.url;

  function send(event) {
    var body = new URLSearchParams({ article: id, event: event });
    if (navigator.sendBeacon && navigator.sendBeacon(url, body)) {
      return;
    }
    if (window.fetch) {
      fetch(url, { method: "POST", body: body, keepalive: true, credentials: "same-origin" }).catch(
        function () {
          /* not counted: nothing for the reader to know */
        }
      );
    }
  }

  // Only once the reader can see the page: not while a browser renders it
  // ahead of time, nor in a tab opened in the background until it is opened.
  function whenShown(callback) {
    if (document.prerendering) {
      document.addEventListener("prerenderingchange", function () { whenShown(callback); }, { once: true });
    } else if (document.visibilityState === "hidden") {
      document.addEventListener("visibilitychange", function shown() {
        if (document.visibilityState !== "hidden") {
          document.removeEventListener("visibilitychange", shown);
          callback();
        }
      });
    } else {
      callback();
    }
  }

  function watchTheEnd() {
    var end = document.querySelector("[data-reading-end]");
    if (!end || !window.IntersectionObserver) {
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        send("end");
      }
    });
    observer.observe(end);
  }

  whenShown(function () {
    send("view");
    watchTheEnd();
  });

  var links = document.querySelectorAll("[data-from-article] a[href], a[data-from-article]");
  Array.prototype.forEach.call(links, function (link) {
    var target = new URL(link.href, window.location.href);
    if (target.origin === window.location.origin) {
      target.searchParams.set("van", id);
      link.setAttribute("href", target.pathname + target.search + target.hash);
    }
  });
})();
