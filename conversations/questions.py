"""The questions of a team conversation, as the questionnaire had them at the
start, and its answers side by side per question."""

from dataclasses import dataclass, field

from .models import SCALE

OPEN = "open"
SCALE_TYPE = "scale"


def snapshot(questionnaire):
    """The sections and questions of a questionnaire page, as plain data.

    Numbered 1, 2, 3... across the sections: answers are stored by number, so
    a later edit of the page (a question added, moved or removed) leaves a
    conversation as it was.
    """
    sections, number = [], 0
    for block in questionnaire.questions:
        if block.block_type != "section":
            continue
        questions = []
        for question in block.value["questions"]:
            number += 1
            questions.append(
                {
                    "number": number,
                    "text": question["question"],
                    "hint": question.get("hint") or "",
                    "type": SCALE_TYPE if question["answer_type"] == SCALE_TYPE else OPEN,
                }
            )
        sections.append(
            {
                "title": block.value["title"],
                "intro": block.value.get("intro") or "",
                "questions": questions,
            }
        )
    return sections


@dataclass
class QuestionResult:
    number: int
    text: str
    hint: str
    type: str
    answers: list = field(default_factory=list)  # open: the texts
    counts: dict = field(default_factory=dict)  # scale: score -> how many

    @property
    def is_scale(self):
        return self.type == SCALE_TYPE

    @property
    def answer_count(self):
        return sum(self.counts.values()) if self.is_scale else len(self.answers)

    @property
    def average(self):
        total = self.answer_count
        if not (self.is_scale and total):
            return None
        return sum(score * count for score, count in self.counts.items()) / total

    @property
    def rows(self):
        """(score, count, share of the most given score in %) for the table and its bars."""
        most = max(self.counts.values(), default=0)
        return [
            (score, count, round(100 * count / most) if most else 0)
            for score, count in sorted(self.counts.items())
        ]


def results(conversation):
    """The sections with each question's answers: open answers in alphabetical
    order, so that neither the order in which they came nor who wrote which
    answers to other questions can be read from them; scale answers as
    counts per score."""
    answers = conversation.answers.values_list("question", "text", "score")
    found = {}
    for section in conversation.questions:
        for question in section["questions"]:
            found[question["number"]] = QuestionResult(
                number=question["number"],
                text=question["text"],
                hint=question["hint"],
                type=question["type"],
                counts=dict.fromkeys(SCALE, 0) if question["type"] == SCALE_TYPE else {},
            )
    for number, text, score in answers:
        result = found.get(number)
        if result is None:
            continue
        if result.is_scale and score in result.counts:
            result.counts[score] += 1
        elif not result.is_scale and text:
            result.answers.append(text)
    for result in found.values():
        result.answers.sort(key=lambda text: (text.casefold(), text))
    return [
        {
            "title": section["title"],
            "intro": section["intro"],
            "questions": [found[question["number"]] for question in section["questions"]],
        }
        for section in conversation.questions
    ]
