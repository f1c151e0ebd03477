"""The private file storage: uploads that only staff may see, kept outside MEDIA_ROOT.

Its folder is ``settings.PRIVATE_MEDIA_ROOT`` (read when used, so a test may point it
elsewhere). Its files have no URL: a view checks who asks and sends them as attachments
(``shop.core.downloads.attachment_response``).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileStorage(FileSystemStorage):
    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


def private_storage():
    """The "private" entry of ``settings.STORAGES`` (a callable, for model fields)."""
    return storages["private"]
