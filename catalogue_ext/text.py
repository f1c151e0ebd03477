"""Vietnamese text folding for search: tone marks and đ/Đ do not matter to shoppers."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold_vietnamese(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic, mapping đ to d.

    >>> fold_vietnamese("Tỏi Lý Sơn — Đường phèn")
    'toi ly son duong phen'
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D").lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped).strip()


def search_terms(query: str) -> list[str]:
    """The folded words of a shopper's query, without duplicates, in order."""
    seen = []
    for word in fold_vietnamese(query).split():
        if word not in seen:
            seen.append(word)
    return seen
