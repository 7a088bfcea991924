"""The signed link in the confirmation mail of a story (core.signed_links):
to take the sentence off the wall of recognition, or to delete the story.

It never expires: a sentence may stay on the wall for years, and the reader
must be able to take it off with the mail they kept. It names the story by
number only, works only while the story is stored, and can do nothing but
withdraw or delete: whoever holds it cannot read the story or change it.
"""

from core.signed_links import SignedLink


def is_story_number(value):
    # bool is an int too; a payload of ours is only ever a plain number.
    return type(value) is int


WITHDRAW = SignedLink("contributions.withdraw", accepts=is_story_number)
