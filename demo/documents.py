"""The PDF files of the demo downloads, written locally with fpdf2.

A real, readable A4 document: a title page in the resource's colours, chapters
with headings, paragraphs and numbered lists, and for a questionnaire the
questions with room to write. The same content always gives the same bytes.
"""

import datetime
from pathlib import Path

try:
    from fpdf import FPDF
except ImportError as error:  # fpdf2 comes with the dev and test extras only
    raise ImportError(
        "The demo content's PDF files need fpdf2: pip install -e '.[dev]'"
    ) from error

# Debian's DejaVu covers every character the demo texts use; without it the
# PDF falls back to the built-in Helvetica, which covers latin-1 (ë, é, ï).
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}

# Fixed, so that generating the demo again gives an identical file.
CREATION_DATE = datetime.datetime(2025, 9, 1, 9, 0, tzinfo=datetime.UTC)

PUBLISHER = "De Directeurskamer"
INK = (38, 38, 38)
MUTED = (100, 100, 100)
RULE = (190, 190, 190)
LINE_HEIGHT = 6

# What the built-in fonts cannot encode, replaced by its nearest latin-1 cousin.
_LATIN1_FALLBACKS = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "–": "-", "—": "-", "…": "..."}
)


def _rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


class _Document(FPDF):
    def __init__(self, title, palette, font_dir):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.document_title = title
        self.colours = [_rgb(c) for c in palette] or [(31, 78, 95), (242, 232, 207)]
        while len(self.colours) < 3:
            self.colours.append(self.colours[-1])
        self.family = self._register_fonts(font_dir)
        self.set_margins(22, 22, 22)
        self.set_auto_page_break(True, margin=22)
        self.set_creation_date(CREATION_DATE)
        self.set_lang("nl")
        self.set_title(self.plain(title))
        self.set_author(PUBLISHER)
        self.set_creator(PUBLISHER)

    def _register_fonts(self, font_dir):
        paths = {style: Path(font_dir) / name for style, name in FONT_FILES.items()}
        if not all(path.is_file() for path in paths.values()):
            return None
        for style, path in paths.items():
            self.add_font("DejaVu", style, str(path))
        return "DejaVu"

    def plain(self, text):
        """The text as the current font can write it."""
        if self.family:
            return text
        return text.translate(_LATIN1_FALLBACKS).encode("latin-1", "replace").decode("latin-1")

    def use_font(self, style="", size=11, colour=INK):
        self.set_font(self.family or "helvetica", style, size)
        self.set_text_color(*colour)

    def write_block(self, text, height=LINE_HEIGHT):
        # Ragged right: easier to read than justified text.
        self.multi_cell(0, height, self.plain(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-14)
        self.use_font(size=8, colour=MUTED)
        self.cell(0, 5, self.plain(f"{PUBLISHER} · {self.document_title}"), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, str(self.page_no()), align="R")


def render(title, document, *, palette=(), questions=(), font_dir=FONT_DIR):
    """Return the PDF bytes of a demo download.

    `document` holds the label, subtitle, colophon, chapters and optional
    closing chapters as in resources.json; `questions` are the sections of a
    questionnaire, printed between the chapters and the closing.
    """
    pdf = _Document(title, palette, font_dir)
    pdf.set_subject(pdf.plain(document["subtitle"]))
    _title_page(pdf, title, document)
    for chapter in document["chapters"]:
        _chapter(pdf, chapter)
    number = 0
    for section in questions:
        number = _question_section(pdf, section, number)
    for chapter in document.get("closing", ()):
        _chapter(pdf, chapter)
    return bytes(pdf.output())


def _title_page(pdf, title, document):
    pdf.add_page()
    background, accent, highlight = pdf.colours[:3]
    pdf.set_fill_color(*background)
    pdf.rect(0, 0, pdf.w, 150, style="F")
    # A few quiet circles, like the cover image on the site.
    pdf.set_fill_color(*highlight)
    pdf.ellipse(pdf.w - 88, 72, 96, 96, style="F")
    pdf.set_fill_color(*accent)
    pdf.ellipse(pdf.w - 36, 24, 28, 28, style="F")
    # Crop the big circle at the band's edge.
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(0, 150, pdf.w, pdf.h - 150, style="F")

    pdf.set_xy(pdf.l_margin, 40)
    pdf.use_font("B", 10, colour=accent)
    pdf.write_block(document["label"].upper())
    pdf.ln(4)
    pdf.set_right_margin(60)
    pdf.use_font("B", 28, colour=accent)
    pdf.write_block(title, height=12)
    pdf.set_right_margin(22)

    pdf.set_xy(pdf.l_margin, 162)
    pdf.use_font(size=14)
    pdf.write_block(document["subtitle"], height=8)
    pdf.set_y(pdf.h - 50)
    pdf.use_font("B", 11)
    pdf.write_block(PUBLISHER)
    pdf.use_font(size=9, colour=MUTED)
    pdf.write_block(document["colophon"], height=5)


def _heading(pdf, text):
    pdf.start_section(pdf.plain(text))
    pdf.use_font("B", 17, colour=pdf.colours[0])
    pdf.write_block(text, height=8)
    pdf.ln(4)


def _chapter(pdf, chapter):
    pdf.add_page()
    _heading(pdf, chapter["title"])
    for item in chapter["paragraphs"]:
        if isinstance(item, list):
            _numbered_list(pdf, item)
        else:
            pdf.use_font(size=11)
            pdf.write_block(item)
        pdf.ln(3)


def _numbered_list(pdf, items):
    pdf.use_font(size=11)
    indent = 8
    for number, item in enumerate(items, start=1):
        pdf.use_font("B", 11, colour=pdf.colours[0])
        pdf.cell(indent, LINE_HEIGHT, f"{number}.")
        pdf.use_font(size=11)
        pdf.multi_cell(0, LINE_HEIGHT, pdf.plain(item), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def _question_section(pdf, section, number):
    pdf.add_page()
    _heading(pdf, section["title"])
    if section.get("intro"):
        pdf.use_font("I", 11, colour=MUTED)
        pdf.write_block(section["intro"])
        pdf.ln(4)
    for question in section["questions"]:
        number += 1
        _question(pdf, question, number)
    return number


def _question(pdf, question, number):
    text = f"{number}. {question['question']}"
    hint = question.get("hint") or ""
    answer_height = 22 if question["answer_type"] == "scale" else 40
    pdf.use_font("B", 11)
    needed = pdf.multi_cell(
        0, LINE_HEIGHT, pdf.plain(text), align="L", dry_run=True, output="HEIGHT"
    )
    if hint:
        pdf.use_font("I", 10)
        needed += pdf.multi_cell(0, 5, pdf.plain(hint), align="L", dry_run=True, output="HEIGHT")
    if pdf.will_page_break(needed + answer_height):
        pdf.add_page()

    pdf.use_font("B", 11)
    pdf.write_block(text)
    if hint:
        pdf.use_font("I", 10, colour=MUTED)
        pdf.write_block(hint, height=5)
    pdf.ln(2)
    if question["answer_type"] == "scale":
        _scale(pdf)
        _writing_lines(pdf, 1, label="Toelichting:")
    else:
        _writing_lines(pdf, 4)
    pdf.ln(6)


def _scale(pdf):
    """Five boxes to circle a score in, from 1 (not at all) to 5 (completely)."""
    box, gap = 9, 5
    pdf.use_font(size=9, colour=MUTED)
    pdf.cell(28, box, pdf.plain("helemaal niet"), align="R")
    pdf.set_x(pdf.get_x() + gap)
    pdf.set_draw_color(*pdf.colours[0])
    pdf.use_font("B", 11)
    for score in range(1, 6):
        pdf.cell(box, box, str(score), border=1, align="C")
        pdf.set_x(pdf.get_x() + gap)
    pdf.use_font(size=9, colour=MUTED)
    pdf.cell(28, box, pdf.plain("helemaal wel"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _writing_lines(pdf, count, label=""):
    pdf.set_draw_color(*RULE)
    pdf.use_font(size=9, colour=MUTED)
    for line in range(count):
        top = pdf.get_y()
        if label and line == 0:
            pdf.cell(0, 8, pdf.plain(label))
        pdf.line(pdf.l_margin, top + 8, pdf.w - pdf.r_margin, top + 8)
        pdf.set_xy(pdf.l_margin, top + 9)
