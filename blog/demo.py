"""Demo articles that are not simply live, so that Blog › Planning shows each
of its sections in `make run`: an editor's draft and an article scheduled to
go live a week after the demo content is loaded (publish_scheduled, which
`make run` runs every minute, then publishes it). The draft in review is the
guest author's (demo.management.commands.ensure_demo_accounts); the published
demo articles are recent for a month after the first load.

Called by load_demo_content; an article that exists (by slug) is left alone,
so loading twice changes nothing.
"""

import datetime

from django.utils import timezone

from .models import ArticlePage, ArticlePageAuthor

SCHEDULED_AFTER = datetime.timedelta(days=7)


def _paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


DRAFT = {
    "title": "Het schooljaarplan als moreel document",
    "slug": "het-schooljaarplan-als-moreel-document",
    "subtitle": "Wat er gebeurt als je bij elk doel vraagt wie er beter van wordt, "
    "en wie ervoor inlevert.",
    "author": "marieke-van-dalen",
    "themes": ["leiderschapsdilemmas", "morele-reflectie"],
    "image_theme": "morele-reflectie",
    "caption": "Illustratie bij het thema morele reflectie.",
    "body": [
        *_paragraphs(
            "Elk voorjaar schrijf ik het schooljaarplan. Het is een document dat de inspectie "
            "kan lezen, dat het bestuur vraagt en dat het team vooral kent als een lijst met "
            "doelen. Dit jaar heb ik geprobeerd het anders te lezen: niet als een plan, maar "
            "als een reeks keuzes over wie er aandacht krijgt en wie niet."
        ),
        {"type": "heading", "value": "Doelen zijn keuzes"},
        *_paragraphs(
            "Neem het doel om de resultaten voor begrijpend lezen te verhogen. Niemand is "
            "ertegen. Maar wie een doel kiest, kiest ook waar de uren heen gaan. Extra "
            "instructie voor de middengroep betekent minder ruimte voor de kinderen die nog "
            "worstelen met technisch lezen, of voor de leerkracht die vastloopt in groep zes. "
            "Dat is geen reden om het doel te schrappen. Het is wel een reden om de keuze "
            "hardop te maken.",
            "Ik merkte dat ik die keuzes tot nu toe verstopte in formuleringen. ‘We zetten in "
            "op’ klinkt als een besluit zonder verliezers. In werkelijkheid blijft er altijd "
            "iets liggen, en meestal weten de mensen op de werkvloer precies wat dat is.",
        ),
        {
            "type": "quote",
            "value": {
                "quote": "Als je dit doel haalt, wie heeft er dan het meest voor ingeleverd?",
                "attribution": "Een vraag uit de teamvergadering",
            },
        },
        {"type": "heading", "value": "Drie vragen bij elk doel"},
        *_paragraphs(
            "Samen met de intern begeleider en twee leerkrachten heb ik elk doel langs drie "
            "vragen gelegd. Wie wordt hier beter van? Wat laten we hiervoor liggen? En wie "
            "heeft daar last van, en weet die persoon dat? De eerste vraag was makkelijk. De "
            "tweede kostte een middag. De derde leverde het gesprek op dat ik al jaren had "
            "moeten voeren.",
            "Het bleek dat de uren voor het leesproject grotendeels uit de begeleiding van "
            "nieuwe collega’s kwamen. Niemand had dat zo besloten; het was gewoon zo gegroeid. "
            "Twee startende leerkrachten vertelden dat ze zich het afgelopen jaar vaak alleen "
            "hadden gevoeld. Dat stond nergens in het plan, maar het was wel een gevolg ervan.",
        ),
        {"type": "heading", "value": "Wat ik nog niet weet"},
        *_paragraphs(
            "Het plan is nog niet af. Ik twijfel of ik de afwegingen in het document zelf moet "
            "opnemen, of dat ze thuishoren in de gesprekken eromheen. Een plan dat zijn eigen "
            "nadelen benoemt, is eerlijker. Het is ook kwetsbaarder, zeker als het bestuur of "
            "de medezeggenschapsraad het leest met een andere bril.",
            "Wat ik wel weet: een schooljaarplan is nooit neutraal. Het verdeelt tijd, "
            "aandacht en geduld. Als schoolleider kun je die verdeling niet vermijden, maar je "
            "kunt haar wel zichtbaar maken, zodat het team kan meedenken over wat we bereid "
            "zijn te laten liggen, en voor wie.",
        ),
        {
            "type": "callout",
            "value": {
                "title": "Probeer het zelf",
                "text": "<p>Kies één doel uit je eigen jaarplan en stel de drie vragen in je "
                "eerstvolgende teamoverleg. Noteer vooral de antwoorden op de laatste "
                "vraag.</p>",
            },
        },
    ],
}

SCHEDULED = {
    "title": "Het gesprek na de time-out",
    "slug": "het-gesprek-na-de-time-out",
    "subtitle": "Over de eerste minuten na een escalatie, en wat ik daarin heb leren zeggen.",
    "author": "samira-el-amrani",
    "themes": ["ouders-en-school", "leerlingenzorg"],
    "image_theme": "ouders-en-school",
    "caption": "Illustratie bij het thema ouders en school.",
    "names_changed": True,
    "body": [
        *_paragraphs(
            "Een leerling uit groep zeven liep vorige maand de klas uit, gooide een stoel om en "
            "sloot zich op in de wc. Na twintig minuten kwam hij eruit. Wat er daarna gebeurde, "
            "bepaalde meer dan de escalatie zelf hoe de week verder ging: voor hem, voor de "
            "klas en voor de leerkracht."
        ),
        {"type": "heading", "value": "De eerste minuten"},
        *_paragraphs(
            "In de eerste minuten na een time-out wil iedereen iets. De leerkracht wil uitleg, "
            "de klasgenoten willen weten of het voorbij is, en de leerling wil vooral dat "
            "niemand iets van hem wil. Ik heb geleerd dat ik in die minuten weinig moet "
            "zeggen. Een glas water, een rustige plek, en de mededeling dat we later praten. "
            "Niet nu.",
            "Dat voelt als uitstel, en soms wordt het ook zo uitgelegd. Een collega zei ooit "
            "dat ik de leerling daarmee de regie gaf. Ik zie het anders: wie nog in de stress "
            "zit, kan niet terugkijken. Een gesprek dat te vroeg begint, wordt een verhoor, en "
            "een verhoor levert zelden iets op dat de volgende keer helpt.",
        ),
        {
            "type": "quote",
            "value": {
                "quote": "Ik wist niet meer wat ik deed. Ik wilde gewoon weg.",
                "attribution": "Een leerling uit groep zeven",
            },
        },
        {"type": "heading", "value": "Het gesprek met de ouders"},
        *_paragraphs(
            "Dezelfde dag bel ik de ouders. Niet om te vertellen wat hun kind fout deed, maar "
            "om te vertellen wat er gebeurde en hoe het nu met hem gaat. De ouders van deze "
            "jongen waren eerst boos, op school en op hem. Toen ik vroeg hoe zijn ochtend thuis "
            "was geweest, bleef het even stil. Hij had slecht geslapen; er was spanning thuis "
            "waar wij niets van wisten.",
            "Dat verandert niets aan de omgevallen stoel. Het verandert wel het gesprek dat we "
            "de volgende dag met hem voerden, en de afspraak die we maakten over een plek waar "
            "hij heen kan voordat het misgaat.",
        ),
        {"type": "heading", "value": "En de leerkracht?"},
        *_paragraphs(
            "In al die aandacht voor de leerling vergeten we gemakkelijk de leerkracht die het "
            "meemaakte. Zij stond voor een klas van achtentwintig kinderen terwijl een van hen "
            "ontspoorde. Ik loop na afloop altijd even bij haar langs, liefst voordat ze naar "
            "huis gaat. Niet om te evalueren, maar om te vragen wat ze nodig heeft. Soms is dat "
            "een vrije middag, soms alleen dat iemand het heeft gezien.",
            "Achteraf denk ik dat het gesprek na de time-out net zo belangrijk is als de "
            "time-out zelf. Het is het moment waarop een leerling merkt of hij na een slechte "
            "dag nog welkom is. Dat geldt eigenlijk voor iedereen in de school.",
        ),
        {
            "type": "callout",
            "value": {
                "title": "Voor je team",
                "text": "<p>Spreek samen af wie na een escalatie de ouders belt, wie bij de "
                "leerkracht langsgaat en wanneer het gesprek met de leerling plaatsvindt. "
                "Schrijf het op, zodat niemand het op het moment zelf hoeft te bedenken.</p>",
            },
        },
    ],
}


def _article(blog_index, data, themes, authors, **fields):
    theme_image = themes[data["image_theme"]].image
    article = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        subtitle=data["subtitle"],
        names_changed=data.get("names_changed", False),
        hero_image=theme_image,
        hero_caption=data["caption"],
        body=data["body"],
        article_authors=[ArticlePageAuthor(author=authors[data["author"]])],
        live=False,
        **fields,
    )
    article.themes.add(*(themes[slug] for slug in data["themes"]))
    blog_index.add_child(instance=article)
    return article


def load_planned_articles(blog_index, themes, authors):
    """The draft and the scheduled article, unless they exist; how many were made."""
    existing = set(
        ArticlePage.objects.child_of(blog_index)
        .filter(slug__in=[DRAFT["slug"], SCHEDULED["slug"]])
        .values_list("slug", flat=True)
    )
    made = 0
    if DRAFT["slug"] not in existing:
        _article(blog_index, DRAFT, themes, authors).save_revision()
        made += 1
    if SCHEDULED["slug"] not in existing:
        morning = timezone.localtime().replace(hour=7, minute=0, second=0, microsecond=0)
        goes_live = morning + SCHEDULED_AFTER
        article = _article(
            blog_index,
            SCHEDULED,
            themes,
            authors,
            go_live_at=goes_live,
            publication_date=goes_live.date(),
        )
        article.save_revision().publish()
        made += 1
    return made
