"""What a reader did that an article may have led them to: a download, a
story or guest-blog pitch sent, a newsletter signup.

The apps that take these (resources, contributions, newsletter) announce
each one here when it succeeds, with the request; readership, in a layer
above them, counts it for the article the reader came from. So neither side
imports the other, and an app's form knows nothing of reading figures.
"""

from django.dispatch import Signal

DOWNLOAD = "download"
STORY = "story"  # a story in one sentence or a guest-blog pitch
SIGNUP = "signup"

# Sent with `request` and `kind` (one of the above). Receivers that write
# should do so once the reader's own data is committed (transaction.on_commit).
reader_converted = Signal()


def announce(request, kind):
    reader_converted.send(sender=None, request=request, kind=kind)
