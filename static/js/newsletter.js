// The newsletter forms on cached pages carry no CSRF token (a token would keep
// the page out of the cache). Fetch one just before the form is sent.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-newsletter-form]");
  const field = form && form.querySelector("[data-csrf-field]");
  if (!field || field.value) {
    return;
  }
  event.preventDefault();
  try {
    const response = await fetch(form.dataset.tokenUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (response.ok) {
      field.value = (await response.json()).token;
    }
  } catch {
    // Sent without a token, the form comes back filled in, to send once more.
  }
  form.submit();
});

// Newsletter preferences: ticking a theme means "only articles on the themes I
// choose", so that choice is made too.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!box.checked || !box.closest(".preference-themes")) {
    return;
  }
  const choice = box.form && box.form.querySelector('input[name="preference"][value="themes"]');
  if (choice) {
    choice.checked = true;
  }
});
