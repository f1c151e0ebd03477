"""Images and scans that producers upload: type, size and content checked, images re-encoded.

A scan's type is detected from its content (never its name) and the file must parse whole as
that type: a PDF opens with pypdf, an image decodes with Pillow.

An uploaded image is decoded with Pillow (so a file that only claims to be a picture is
refused), must be JPEG, PNG or WebP within the size limits, and is saved re-encoded: the
stored file holds the pixels only (EXIF, GPS position, comments and anything appended to the
file are gone), turned upright according to its EXIF orientation.
"""

import io
import os

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {
    "JPEG": ("jpg", "image/jpeg"),
    "PNG": ("png", "image/png"),
    "WEBP": ("webp", "image/webp"),
}
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# The accepted scan types and the extension each is stored with (never the uploader's).
DOCUMENT_TYPES = {"application/pdf": "pdf", **{v[1]: v[0] for v in IMAGE_FORMATS.values()}}


def _size_error(limit):
    return ValidationError(
        _("The file is too large (at most %(size)s MB).") % {"size": limit // 2**20},
        code="too_large",
    )


def _open_image(uploaded):
    uploaded.seek(0)
    data = uploaded.read(MAX_DOCUMENT_BYTES + 1)
    uploaded.seek(0)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
        if fmt not in IMAGE_FORMATS:
            raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="invalid_image_type")
        if width * height > MAX_IMAGE_PIXELS:
            raise ValidationError(_("The image has too many pixels."), code="too_many_pixels")
        image = Image.open(io.BytesIO(data))
        image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not a readable image."), code="invalid_image"
        ) from None
    return image, fmt


def reencoded_image(uploaded):
    """A new upload holding ``uploaded`` decoded and re-encoded, without metadata.

    Raises ValidationError for a file that is too large, not JPEG/PNG/WebP, or not decodable.
    """
    if uploaded.size > MAX_IMAGE_BYTES:
        raise _size_error(MAX_IMAGE_BYTES)
    image, fmt = _open_image(uploaded)
    image = ImageOps.exif_transpose(image)
    extension, content_type = IMAGE_FORMATS[fmt]
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=88, optimize=True)
    elif fmt == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(out, "WEBP", quality=88)
    stem = os.path.splitext(os.path.basename(uploaded.name or "image"))[0][:80] or "image"
    size = out.tell()
    out.seek(0)
    return InMemoryUploadedFile(out, None, f"{stem}.{extension}", content_type, size, None)


def _read_all(uploaded, limit):
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    uploaded.seek(0)
    return data


def _check_pdf(data):
    """``data`` must open as a PDF with pypdf, every page readable, nothing after its end."""
    refused = ValidationError(
        _("The file is not a readable PDF (or is protected by a password)."), code="invalid_pdf"
    )
    # A PDF ends with %%EOF (each incremental update too): anything else after it (an HTML
    # page, a script) makes the file a polyglot, refused.
    end = data.rfind(b"%%EOF")
    if end < 0 or data[end + 5 :].strip():
        raise refused
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted or not len(reader.pages):
            raise refused
        for page in reader.pages:
            page.mediabox  # noqa: B018 (parses the page dictionary)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds of error for a broken file
        raise refused from None


def validate_document(uploaded):
    """The content type of a certificate scan, detected from its content (not its name).

    Only a PDF that pypdf opens whole or a JPEG, PNG or WebP image that Pillow decodes is
    accepted; anything else, or a file that only starts like one of them, is refused.
    """
    if uploaded.size > MAX_DOCUMENT_BYTES:
        raise _size_error(MAX_DOCUMENT_BYTES)
    data = _read_all(uploaded, MAX_DOCUMENT_BYTES)
    kind = filetype.guess(data[:8192])
    if kind is None or kind.mime not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Upload a PDF, JPEG, PNG or WebP file."), code="invalid_document_type"
        )
    if kind.mime == "application/pdf":
        _check_pdf(data)
        return kind.mime
    image, fmt = _open_image(uploaded)
    image.close()
    if IMAGE_FORMATS[fmt][1] != kind.mime:
        raise ValidationError(_("The file is not a readable image."), code="invalid_image")
    return kind.mime
