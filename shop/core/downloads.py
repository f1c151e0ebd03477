"""Sending a stored file a user uploaded: always as a download, never as a page."""

from django.http import FileResponse


def attachment_response(file, *, content_type, filename):
    """``file`` sent as an attachment of the fixed ``content_type``.

    The browser saves it instead of showing it, does not guess another type (nosniff), and
    would run no script of it even if opened in place (CSP sandbox).
    """
    response = FileResponse(file, content_type=content_type, as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
