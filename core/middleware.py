from csp.constants import SELF
from django.conf import settings

from .errors import error_response

# Outside the admin, no request body may be larger than this: the public forms
# take text only, and a story or pitch is a few KB.
PUBLIC_REQUEST_MAX_BYTES = 256 * 1024


class PublicRequestSizeMiddleware:
    """Refuse a request body over PUBLIC_REQUEST_MAX_BYTES anywhere but in the admin.

    The public forms take text only, and their fields have lengths of their
    own. Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count files sent along
    with a form, which it would write to disk; this refuses those too, before
    anything is read. Uploads (images, documents) belong to the admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(f"/{settings.ADMIN_PATH}/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0  # Django reads no body then either
            if length > PUBLIC_REQUEST_MAX_BYTES:
                return error_response("413.html", status=413, request=request)
        return self.get_response(request)


class PreviewFramingMiddleware:
    """Let the admin frame its own previews, which the public policy forbids.

    Wagtail renders a preview by sending a made-up request for the page through
    the whole middleware chain, so the public Content-Security-Policy, with its
    `frame-ancestors 'none'`, comes along and the browser refuses to show the
    preview in the admin's side panel. For those made-up requests only
    (`request.is_preview`, set by Wagtail), pages of the same origin may frame
    the response; every real request to a public page keeps 'none' and
    X-Frame-Options DENY. Sits inside django-csp's middleware, so that this runs
    first on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response._csp_replace = {
                **getattr(response, "_csp_replace", {}),
                "frame-ancestors": [SELF],
            }
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
