"""The shop's slugs: Vietnamese titles become readable ASCII (“Mộ Đức” → ``mo-duc``).

Oscar's default slugifier decomposes text with NFKD, which leaves “Đ”/“đ” whole (they are
letters of their own, not D with a mark) and then escapes them as ``u0110``. This function is
set as ``OSCAR_SLUG_FUNCTION``, so Oscar's products, categories, partners and pages and every
slug the shop makes itself (through ``oscar.core.utils.slugify``) transliterate with Unidecode.
"""

import hashlib
import re

from unidecode import unidecode

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(value, allow_unicode=False):
    """An ASCII slug of ``value`` ([a-z0-9-], never empty).

    ``allow_unicode`` is accepted for Oscar's call signature; the shop's slugs are always
    ASCII so that links survive any mail client or spreadsheet.
    """
    text = str(value or "")
    slug = _NOT_SLUG.sub("-", unidecode(text).lower()).strip("-")
    if not slug:
        # Text with no letter or digit that has an ASCII spelling (symbols, emoji…).
        slug = "x-" + hashlib.blake2b(text.encode(), digest_size=4).hexdigest()
    return slug
