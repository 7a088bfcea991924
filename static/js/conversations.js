/* Team conversations (nagesprek): copy a link, print the page, and send the
   team's form once. The buttons are hidden until this script shows them:
   without it, the links can still be selected and the page printed. */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    var link = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.copyStatus);
    if (!link || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(link.href).then(
        function () {
          status.textContent = button.dataset.copied;
        },
        function () {
          status.textContent = button.dataset.notCopied;
        }
      );
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // A second tap while the answers are on their way sends nothing more (the
  // server stores a form once in any case).
  var form = document.querySelector("[data-answer-form]");
  if (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending) {
        event.preventDefault();
        return;
      }
      form.dataset.sending = "1";
      window.setTimeout(function () {
        delete form.dataset.sending; // the page is still here: the network failed
      }, 10000);
    });
  }
})();
