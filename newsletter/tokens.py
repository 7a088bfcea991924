"""The signed links in newsletter mails (core.signed_links).

A confirmation link expires; an unsubscribe link never does, since it must
work from any old mail. A preferences link works for a year (every mail
brings a fresh one; an expired one can ask for a new link by mail). All
name the subscriber by number only.
"""

from core.signed_links import SignedLink


def is_subscriber_number(value):
    # bool is an int too; a payload of ours is only ever a plain number.
    return type(value) is int


CONFIRM = SignedLink(
    "newsletter.confirm",
    accepts=is_subscriber_number,
    max_age_setting="NEWSLETTER_CONFIRMATION_MAX_AGE",
)
UNSUBSCRIBE = SignedLink("newsletter.unsubscribe", accepts=is_subscriber_number)
PREFERENCES = SignedLink(
    "newsletter.preferences",
    accepts=is_subscriber_number,
    max_age_setting="NEWSLETTER_PREFERENCES_MAX_AGE",
)
