"""The site under its own Content-Security-Policy: nothing on a public page is refused."""

import pytest

# The demo content is the package's (demo_site in conftest.py), read through the live
# server. Each test in a transaction of its own, which its reads leave as it was.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("browser-demo-site")]

# Playwright's init scripts are not subject to the page's policy.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
    window.__violations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"}`);
});
"""


def violations_on(page, url):
    page.goto(url)
    page.wait_for_load_state("load")
    return page.evaluate("window.__violations")


def test_no_public_page_breaks_the_policy(page, demo_site):
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(demo_site.url + "/")
    policy = response.header_value("content-security-policy")
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy

    found = {}
    for name, path in demo_site.paths.items():
        if violations := violations_on(page, demo_site.url + path):
            found[name] = violations
    assert found == {}


def test_the_policy_refuses_an_injected_inline_script(page, demo_site):
    # The check above can fail: an inline script is reported.
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(demo_site.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.append(s); }"
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.ran") is None
    assert page.evaluate("window.__violations")[0].startswith("script-src")
