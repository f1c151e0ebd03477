"""Moving files users uploaded before they were kept private out of MEDIA_ROOT.

Run by the workspace's data migration (0003) and by ``manage.py move_private_files`` (which
may be run again at any time: a file already moved is skipped).
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from shop.core.storage import private_storage

from .images import DOCUMENT_TYPES, validate_document

UNKNOWN_TYPE = "application/octet-stream"


def _take_public(name):
    """The bytes of the public media file ``name`` (None when there is none)."""
    public = storages["default"]
    if not name or not public.exists(name):
        return None
    with public.open(name, "rb") as handle:
        return handle.read()


def move_documents(document_model):
    """Application scans: re-checked, renamed by their detected type, moved private."""
    public, private, moved = storages["default"], private_storage(), 0
    for document in document_model.objects.all().iterator():
        data = _take_public(document.file.name)
        if data is None:
            continue
        try:
            content_type = validate_document(ContentFile(data, name="scan"))
        except ValidationError:
            content_type = UNKNOWN_TYPE  # kept for staff, sent as an opaque download
        extension = DOCUMENT_TYPES.get(content_type, "bin")
        name = private.save(
            f"workspace/applications/{uuid.uuid4().hex}.{extension}", ContentFile(data)
        )
        document_model.objects.filter(pk=document.pk).update(
            file=name, content_type=content_type, size=len(data)
        )
        public.delete(document.file.name)
        moved += 1
    return moved


def move_stock_files(stock_import_model):
    """Stock CSV files: moved private under the same random name."""
    public, private, moved = storages["default"], private_storage(), 0
    for stock_import in stock_import_model.objects.all().iterator():
        data = _take_public(stock_import.file.name)
        if data is None:
            continue
        name = private.save(stock_import.file.name, ContentFile(data))
        stock_import_model.objects.filter(pk=stock_import.pk).update(file=name)
        public.delete(stock_import.file.name)
        moved += 1
    return moved
