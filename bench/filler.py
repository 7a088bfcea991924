"""Dutch-looking filler text for generated articles (generate_articles): mostly
the vocabulary of the real articles, deterministic for a given random generator."""

import uuid

# Every generated article opens with this word, so that a search for it matches
# every article (bench/run.py benchmarks that search).
SEARCH_WORD = "schoolleider"

TARGET_WORDS = (700, 900)


def words(text):
    return tuple(text.split())


# Word lists of the filler text: mostly the vocabulary of the real articles.
FUNCTION_WORDS = words(
    "de het een en van in op met voor dat die niet ook maar als we ik je er is was zijn "
    "had wel nog dan om te naar bij over toen zo al meer door uit of wat hoe"
)
NOUNS = words(
    "school leerling leerkracht ouder ouders team gesprek besluit klas groep directeur "
    "bestuur collega gang lokaal plein pauze middag ochtend week jaar vraag antwoord "
    "twijfel grens keuze plan verslag dossier wachtlijst jeugdhulp thuiszitter schorsing "
    "klacht handelingsplan arrangement onderwijsassistent rust ruimte stilte toon moed "
    "vertrouwen verantwoordelijkheid samenwerkingsverband inspectie rooster vergadering "
    "begeleider zorg afspraak brief telefoon bureau teamkamer koffie rapport toets "
    "leerlijn visie waarde loyaliteit rechtvaardigheid dilemma werkdruk formatie"
)
VERBS = words(
    "denk weet zie merk vraag kies wacht praat schrijf luister besluit twijfelde "
    "zocht vond hoorde zei belde begon stopte probeerde voelde wilde moest kon "
    "bespraken deelden wogen kozen bleven liepen schreven vroegen leerde"
)
ADJECTIVES = words(
    "lastig eerlijk stil moeilijk open kwetsbaar helder rustig zwaar klein groot "
    "nieuw oud lang kort warm kritisch voorzichtig onzeker duidelijk gewoon"
)
HEADING_OPENERS = (
    "Wat ik leerde van",
    "Over",
    "Waarom ik twijfelde over",
    "Het moment van",
    "Terugkijken op",
    "Wat niemand zegt over",
    "Ruimte voor",
    "Achteraf:",
)
ATTRIBUTIONS = (
    "Een leerkracht van groep 6",
    "Een moeder op het schoolplein",
    "Onze intern begeleider",
    "Een leerling uit groep 8",
    "Een collega-schoolleider",
    "De voorzitter van de MR",
    "",
)
CALLOUT_TITLES = (
    "Vragen om zelf over na te denken",
    "Wat ik anders zou doen",
    "Drie dingen om te onthouden",
    "Voor je volgende teamvergadering",
)


class FillerText:
    """Dutch-looking sentences from word lists, driven by one seeded Random."""

    def __init__(self, rng):
        self.rng = rng
        self.words = 0  # words produced so far, for the reading time

    def sentence(self, low=8, high=18, question=False):
        rng = self.rng
        words = [
            rng.choice(FUNCTION_WORDS)
            if rng.random() < 0.4
            else rng.choice(rng.choice((NOUNS, NOUNS, VERBS, ADJECTIVES)))
            for _ in range(rng.randint(low, high))
        ]
        if len(words) > 10 and rng.random() < 0.4:
            words[rng.randint(3, len(words) - 4)] += ","
        return self.count(" ".join(words).capitalize() + ("?" if question else "."))

    def sentences(self, low, high):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def phrase(self, *parts):
        return self.count(" ".join(parts))

    def count(self, text):
        self.words += len(text.split())
        return text


def article_body(rng):
    """StreamField raw data of about 800 words, and the text's word count."""
    text = FillerText(rng)

    def block(kind, value):
        # Blocks carry ids as the editor saves them; derive them from the seed too.
        return {"type": kind, "value": value, "id": str(uuid.UUID(int=rng.getrandbits(128)))}

    target = rng.randint(*TARGET_WORDS)
    first = text.count(f"Als {SEARCH_WORD}") + " " + text.sentence().lower()
    opening = f"{first} {text.sentences(2, 4)}"
    body = [block("paragraph", f"<p>{opening}</p>")]
    while text.words < target:
        heading = text.phrase(rng.choice(HEADING_OPENERS), "de", rng.choice(NOUNS))
        body.append(block("heading", heading))
        for _ in range(rng.randint(1, 3)):
            body.append(block("paragraph", f"<p>{text.sentences(3, 6)}</p>"))
        extra = rng.random()
        if extra < 0.3:
            attribution = rng.choice(ATTRIBUTIONS)
            quote = text.sentences(1, 2)
            body.append(block("quote", {"quote": quote, "attribution": text.count(attribution)}))
        elif extra < 0.45:
            questions = "".join(
                f"<li>{text.sentence(5, 10, question=True)}</li>" for _ in range(3)
            )
            body.append(
                block(
                    "callout",
                    {
                        "title": text.phrase(rng.choice(CALLOUT_TITLES)),
                        "text": f"<p>{text.sentence()}</p><ul>{questions}</ul>",
                    },
                )
            )
    return body, text.words
