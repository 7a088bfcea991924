"""WCAG checks in a real browser: axe-core over every public page type, and the keyboard."""

import pytest
from playwright.sync_api import expect

# The demo content is the package's (demo_site in conftest.py), read through the live
# server. Each test in a transaction of its own, which its reads leave as it was.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("browser-demo-site")]

# What axe-core checks: WCAG 2.0 and 2.1, levels A and AA, plus its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe-core goes into each page as an inline script, which the site's
    # Content-Security-Policy refuses (test_content_security_policy.py checks it).
    return {**browser_context_args, "bypass_csp": True}


def serious_violations(page, axe_script):
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_no_serious_or_critical_axe_violations(page, demo_site, axe_script):
    found = {}
    for name, path in demo_site.paths.items():
        page.goto(demo_site.url + path)
        violations = serious_violations(page, axe_script)
        if violations:
            found[name] = violations
    assert found == {}


def test_the_download_form_with_errors_has_no_serious_axe_violations(page, demo_site, axe_script):
    page.goto(demo_site.url + demo_site.paths["gated e-book"])
    page.get_by_role("button", name="Stuur mij de download").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul je e-mailadres in.")
    assert serious_violations(page, axe_script) == []


def test_the_newsletter_form_with_errors_has_no_serious_axe_violations(
    page, demo_site, axe_script
):
    page.goto(demo_site.url + demo_site.paths["newsletter"])
    page.get_by_role("main").get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Vul je e-mailadres in.")
    assert serious_violations(page, axe_script) == []


def test_pages_fit_narrow_screens_and_200_percent_zoom(page, demo_site):
    # 640 CSS pixels is what a 1280-pixel window shows at 200% zoom. Each page
    # is loaded once and laid out again at each width.
    overflowing = []
    for path in demo_site.paths.values():
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(demo_site.url + path)
        for width in (320, 640):
            page.set_viewport_size({"width": width, "height": 800})
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                overflowing.append((path, width, overflow))
    assert overflowing == []


def test_keyboard_reaches_the_navigation_with_visible_focus(page, demo_site):
    page.goto(demo_site.url + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Thema's":
            break
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Thema's")).to_be_focused()
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] != "none"
    assert outline[1] >= 2
    page.keyboard.press("Enter")
    expect(page).to_have_url(demo_site.url + "/blog/themas/")
    page.wait_for_load_state("load")


def test_the_axe_check_itself_catches_a_violation(page, axe_script):
    page.set_content(
        '<html lang="nl"><head><title>Test</title></head>'
        '<body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    assert any(v.startswith("image-alt") for v in serious_violations(page, axe_script))
