"""A team conversation in real browsers: a school leader starts it on a phone, a
team member answers on their own phone, the leader reads the answer and deletes it."""

import pytest
from playwright.sync_api import expect

from conversations.models import TeamAnswer, TeamConversation
from tests.browser.demo_site.test_accessibility import serious_violations
from tests.conversations.factories import OPEN_QUESTION, SCALE_QUESTION, questionnaire

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
ANSWER = "We hebben te lang gewacht met hulp vragen.\nVolgende keer eerder."

# Playwright's init scripts are not subject to the page's policy.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => {
    window.__violations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"}`);
});
"""


def overflow(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_a_leader_starts_a_debrief_the_team_answers_and_the_leader_deletes_it(
    live_server, browser, resource_index
):
    page_of_questionnaire = questionnaire(resource_index)
    leader_context = browser.new_context(viewport=PHONE)
    leader_context.grant_permissions(["clipboard-read", "clipboard-write"])
    leader_context.add_init_script(RECORD_VIOLATIONS)
    leader = leader_context.new_page()

    # The leader finds the button on the questionnaire and starts, on a phone.
    leader.goto(live_server.url + page_of_questionnaire.url)
    leader.get_by_role("link", name="Start een nagesprek met je team").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text("Start een nagesprek met je team")
    leader.get_by_label("Titel voor je team (niet verplicht)").fill("Nagesprek groep 6, november")
    leader.get_by_role("button", name="Start het nagesprek").click()

    expect(leader.get_by_role("heading", level=1)).to_have_text("Je nagesprek staat klaar")
    expect(leader.get_by_role("heading", name="1. Bewaar je eigen link")).to_be_visible()
    team_link = leader.locator("#team-link").get_attribute("href")
    leader_link = leader.locator("#leader-link").get_attribute("href")
    assert team_link.startswith(live_server.url + "/nagesprek/doe-mee/")
    assert leader_link.startswith(live_server.url + "/nagesprek/leider/")
    assert overflow(leader) <= 0

    leader.get_by_role("button", name="Kopieer de teamlink").click()
    expect(leader.get_by_text("De link is gekopieerd.")).to_be_visible()
    assert leader.evaluate("navigator.clipboard.readText()") == team_link

    # A team member answers on their own phone, in a browser of their own.
    member_context = browser.new_context(viewport=PHONE)
    member_context.add_init_script(RECORD_VIOLATIONS)
    member = member_context.new_page()
    member.goto(team_link)
    expect(member.get_by_role("heading", level=1)).to_have_text("Nagesprek groep 6, november")
    assert overflow(member) <= 0
    member.get_by_label(OPEN_QUESTION).fill(ANSWER)
    member.get_by_role("group", name=SCALE_QUESTION).get_by_label("4").check()
    # An impatient double tap sends the form once.
    member.get_by_role("button", name="Verstuur mijn antwoorden").dblclick()
    expect(member.get_by_role("heading", level=1)).to_have_text(
        "Dank je wel, je antwoorden zijn verstuurd"
    )
    assert TeamConversation.objects.get().response_count == 1
    assert TeamAnswer.objects.count() == 2

    # The leader sees the answer, side by side with the others, and can print it.
    leader.get_by_role("link", name="Naar de antwoorden").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text("Nagesprek groep 6, november")
    answers = leader.get_by_role("region", name=OPEN_QUESTION)
    expect(answers.get_by_role("listitem")).to_have_text(ANSWER)
    scale = leader.get_by_role("table", name=SCALE_QUESTION)
    expect(scale.get_by_role("row", name="4").get_by_role("cell").first).to_have_text("1")
    assert overflow(leader) <= 0

    leader.emulate_media(media="print")
    expect(leader.locator(".site-header")).to_be_hidden()
    expect(leader.get_by_role("link", name="Verwijder nu")).to_be_hidden()
    expect(leader.get_by_text(team_link)).to_be_hidden()
    expect(answers.get_by_role("listitem")).to_be_visible()
    leader.emulate_media(media="screen")

    # And deletes it, after a question.
    leader.get_by_role("link", name="Verwijder nu").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text("Nagesprek verwijderen?")
    assert TeamConversation.objects.exists()
    leader.get_by_role("button", name="Ja, verwijder nu").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text("Het nagesprek is verwijderd")
    assert not TeamConversation.objects.exists()
    assert not TeamAnswer.objects.exists()

    for person, link in ((member, team_link), (leader, leader_link)):
        response = person.goto(link)
        assert response.status == 404
        expect(person.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet (meer)")

    # Nothing on any of these pages was refused by the Content-Security-Policy.
    assert leader.evaluate("window.__violations") == []
    assert member.evaluate("window.__violations") == []
    leader_context.close()
    member_context.close()


def test_the_pages_of_a_debrief_have_no_serious_axe_violations(
    live_server, browser, resource_index, axe_script
):
    page_of_questionnaire = questionnaire(resource_index)
    # axe-core goes into each page as an inline script, which the policy refuses.
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/nagesprek/starten/{page_of_questionnaire.pk}/")
    found = {"start": serious_violations(page, axe_script)}
    page.get_by_role("button", name="Start het nagesprek").click()
    found["links"] = serious_violations(page, axe_script)
    team_link = page.locator("#team-link").get_attribute("href")
    results_link = page.locator("#leader-link").get_attribute("href")

    page.goto(team_link)
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(page.get_by_role("alert")).to_contain_text("Beantwoord minstens één vraag")
    found["team form with its error"] = serious_violations(page, axe_script)
    page.get_by_label(OPEN_QUESTION).fill(ANSWER)
    page.get_by_role("group", name=SCALE_QUESTION).get_by_label("2").check()
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    found["thanks"] = serious_violations(page, axe_script)

    page.goto(results_link)
    found["answers"] = serious_violations(page, axe_script)
    page.get_by_role("link", name="Verwijder nu").click()
    found["delete"] = serious_violations(page, axe_script)
    page.goto(live_server.url + "/nagesprek/doe-mee/bestaat-niet-1234567890abcdef/")
    found["wrong link"] = serious_violations(page, axe_script)
    context.close()
    assert found == dict.fromkeys(found, [])
