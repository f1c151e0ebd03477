"""Request hygiene, before any view runs.

* A NUL character (``%00`` or a raw ``\\x00``) in the path, in the query string (names or
  values) or in a submitted form (urlencoded or multipart: names and values; Django itself
  drops it from file names) has no legitimate use and breaks PostgreSQL text columns and
  file paths further down: the request is refused with the shop's short 400 page, whatever
  the URL.
* A request body larger than ``UPLOAD_MAX_REQUEST_BYTES`` (as announced by its
  Content-Length) is refused with a 413 page before it is read. Smaller bodies are bounded
  by Django's own limits (``DATA_UPLOAD_MAX_*``), which answer 400 with the same page.
"""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

NUL = "\x00"


def _language_for(request):
    # This runs before LocaleMiddleware: follow the URL's language prefix (/en/…).
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def wants_json(request):
    """API clients (the /api/ paths, or a client asking for JSON only) get JSON errors."""
    accept = request.headers.get("Accept", "")
    return request.path_info.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def refusal(request, status, message):
    """The shop's short error page for a refused request (no database, no session), or the
    same message as JSON (``{"detail": …}``, as the API words its errors) for API clients."""
    with translation.override(_language_for(request)):
        text = str(message() if callable(message) else message)
        if wants_json(request):
            return JsonResponse({"detail": text}, status=status)
        body = render_to_string(f"{status}.html", {"message": text})
    return HttpResponse(body, status=status)


def _has_nul(values):
    return any(NUL in value for value in values)


def _form_has_nul(request):
    for name, values in request.POST.lists():
        if NUL in name or _has_nul(values):
            return True
    # File names need no check: Django's parser drops their non-printable characters.
    return any(NUL in name for name in request.FILES)


def request_has_nul(request):
    if NUL in request.path_info or NUL in request.path:
        return True
    # The raw query string, decoded as QueryDict decodes it (names and values alike).
    query = request.META.get("QUERY_STRING", "").replace("+", " ")
    if b"\x00" in unquote_to_bytes(query):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    return _form_has_nul(request)


def _too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.UPLOAD_MAX_REQUEST_BYTES


def _too_large_message():
    return gettext("The request is too large (at most %(size)d MB in all).") % {
        "size": max(1, settings.UPLOAD_MAX_REQUEST_BYTES // 2**20)
    }


class RequestHygieneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _too_large(request):
            return refusal(request, 413, _too_large_message)
        try:
            has_nul = request_has_nul(request)
        except RequestDataTooBig:
            return refusal(request, 413, _too_large_message)
        except (TooManyFieldsSent, TooManyFilesSent):
            return refusal(request, 400, lambda: gettext("The form has too many fields or files."))
        except MultiPartParserError:
            return refusal(request, 400, lambda: gettext("The form could not be read."))
        if has_nul:
            return refusal(
                request, 400, lambda: gettext("The request contains a forbidden character (NUL).")
            )
        return self.get_response(request)
