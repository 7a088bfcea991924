"""The demo's wall of recognition: the page *Herkenning* under the home page,
with sentences readers might have sent, approved on the demo's themes.

Made once, with the page: loading the demo again changes nothing, and the
sentences an editor took off or deleted stay that way. The demo stories carry
no name or address.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from .forms import STORY_CONSENT_TEXT, WALL_CONSENT_TEXT
from .models import RecognitionPage, Story

PAGE = {
    "title": "Herkenning",
    "slug": "herkenning",
    "intro": (
        "<p>Wat lezers herkenden in de verhalen van De Directeurskamer, in één zin. "
        "Anoniem, ingekort door de redactie en alleen met hun toestemming.</p>"
    ),
    "search_description": "Wat schoolleiders herkenden, in één zin en anoniem.",
}

# (what the reader sent, what the wall shows, theme slugs), oldest first.
SENTENCES = [
    (
        "Bij ons op school in Zwolle moest ik kiezen tussen een leerling die vastliep en een "
        "team dat opbrandde, en ik weet nog steeds niet of ik goed koos.",
        "Ik moest kiezen tussen een leerling die vastliep en een team dat opbrandde, en ik "
        "weet nog steeds niet of ik goed koos.",
        ["zorg-voor-het-team", "leiderschapsdilemmas"],
    ),
    (
        "Twee jaar wachten op jeugdhulp voor een jongen uit groep 6, en al die tijd was "
        "onze klas zijn enige veilige plek.",
        "Twee jaar wachten op jeugdhulp, en al die tijd was onze klas zijn enige veilige plek.",
        ["jeugdhulp-en-zorgpartners", "leerlingenzorg"],
    ),
    (
        "De ouders van Sem zeiden dat ik hun zoon had opgegeven toen ik over het sbo begon.",
        "De ouders zeiden dat ik hun zoon had opgegeven toen ik over het sbo begon.",
        ["ouders-en-school", "passend-onderwijs"],
    ),
    (
        "Ik schorste een leerling voor een dag en heb daarna de hele nacht wakker gelegen.",
        "Ik schorste een leerling voor een dag en heb daarna de hele nacht wakker gelegen.",
        ["schorsing-en-verwijdering", "morele-reflectie"],
    ),
    (
        "Onze ib'er zei op vrijdagmiddag dat ze niet meer kon, en ik had het niet gezien.",
        "Onze ib'er zei op vrijdagmiddag dat ze niet meer kon, en ik had het niet gezien.",
        ["zorg-voor-het-team", "leerlingenzorg"],
    ),
    (
        "Passend onderwijs paste voor dit meisje niet meer, maar er was nergens een plek "
        "die wel paste.",
        "Passend onderwijs paste niet meer, maar er was nergens een plek die wel paste.",
        ["passend-onderwijs", "leiderschapsdilemmas"],
    ),
    (
        "Tien minuten samen stilstaan bij een dilemma leverde ons team meer op dan een "
        "hele studiedag.",
        "Tien minuten samen stilstaan bij een dilemma leverde ons team meer op dan een "
        "hele studiedag.",
        ["morele-reflectie", "zorg-voor-het-team"],
    ),
]


@transaction.atomic
def load_demo_wall(home, themes):
    """The page and its sentences under `home`, unless there is a wall already;
    `themes` maps the demo's theme slugs to themes. The number of objects made."""
    if RecognitionPage.objects.exists():  # at most one on the site, whatever its slug
        return 0
    page = home.add_child(instance=RecognitionPage(show_in_menus=False, **PAGE))
    page.save_revision().publish()
    start = timezone.now() - datetime.timedelta(days=len(SENTENCES))
    with translation.override(settings.LANGUAGE_CODE):  # the consent as a reader reads it
        consent_text, wall_consent_text = str(STORY_CONSENT_TEXT), str(WALL_CONSENT_TEXT)
    for number, (sentence, wall_text, slugs) in enumerate(SENTENCES):
        sent_at = start + datetime.timedelta(days=number)
        story = Story.objects.create(
            sentence=sentence,
            anonymous=True,
            consent_text=consent_text,
            wall_consent=True,
            wall_consent_text=wall_consent_text,
            wall_text=wall_text,
            on_wall=True,
            wall_approved_at=sent_at + datetime.timedelta(hours=20),
            status=Story.Status.IN_PROGRESS,
            created_at=sent_at,
        )
        story.wall_themes.set([themes[slug] for slug in slugs if slug in themes])
    return 1 + len(SENTENCES)
