/* The online questionnaire: answers are kept in this browser's localStorage
   only (nothing is sent anywhere), restored on the next visit, and printed
   with the page. */
(function () {
  "use strict";
  var form = document.querySelector("[data-questionnaire]");
  if (!form) {
    return;
  }
  var key = "directeurskamer:questionnaire:" + form.dataset.questionnaire;
  var status = form.querySelector("[data-questionnaire-status]");

  function read() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(key));
      return stored && typeof stored === "object" ? stored : {};
    } catch (error) {
      return {};
    }
  }

  function write(answers) {
    try {
      window.localStorage.setItem(key, JSON.stringify(answers));
    } catch (error) {
      /* storage full or blocked: the answers still print */
    }
  }

  function mirror(field) {
    var copy = form.querySelector('[data-print-answer-for="' + field.id + '"]');
    if (copy) {
      copy.textContent = field.value;
    }
  }

  function collect() {
    var answers = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.tagName === "TEXTAREA" && field.value) {
        answers[field.name] = field.value;
      } else if (field.type === "radio" && field.checked) {
        answers[field.name] = field.value;
      }
    });
    return answers;
  }

  function restore(answers) {
    var restored = false;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!Object.prototype.hasOwnProperty.call(answers, field.name)) {
        return;
      }
      if (field.tagName === "TEXTAREA") {
        field.value = answers[field.name];
        mirror(field);
        restored = true;
      } else if (field.type === "radio") {
        field.checked = field.value === answers[field.name];
        restored = restored || field.checked;
      }
    });
    return restored;
  }

  if (restore(read()) && status) {
    status.textContent = status.dataset.restored;
  }

  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") {
      mirror(event.target);
    }
    write(collect());
  });
  form.addEventListener("change", function () {
    write(collect());
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault(); // nothing is ever sent
  });

  form.querySelector("[data-questionnaire-print]").addEventListener("click", function () {
    window.print();
  });
  var clear = form.querySelector("[data-questionnaire-clear]");
  clear.addEventListener("click", function () {
    if (!window.confirm(clear.dataset.confirm)) {
      return;
    }
    try {
      window.localStorage.removeItem(key);
    } catch (error) {
      /* nothing stored */
    }
    form.reset();
    Array.prototype.forEach.call(form.querySelectorAll("textarea"), mirror);
    if (status) {
      status.textContent = status.dataset.cleared;
    }
  });
})();
