"""The one CSV writer of the shop: no cell a spreadsheet opens can run as a formula.

Every CSV the shop sends (staff order export and reports, producers' stock files, the
wholesale order template) is written through ``writer`` or ``SafeUnicodeCSVWriter``. Cells are
escaped by ``defusedcsv`` (a leading ' before = + - @ | %), and cells starting with a tab or a
carriage return, which spreadsheets also strip before reading a formula, get the same ' here.
"""

from numbers import Number

from defusedcsv import csv as defused
from oscar.core.compat import UnicodeCSVWriter

_ALSO_ESCAPED = ("\t", "\r")


def inert(value):
    """``value`` as a cell that a spreadsheet shows as text, never evaluates."""
    if value is None or isinstance(value, Number):
        return value
    value = str(value)
    if value.startswith(_ALSO_ESCAPED):
        return "'" + value
    return value


class _Writer:
    def __init__(self, handle, dialect="excel", **options):
        self._writer = defused.writer(handle, dialect, **options)

    def writerow(self, row):
        return self._writer.writerow([inert(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(handle, dialect="excel", **options):
    """A ``csv.writer`` whose cells are inert (see the module)."""
    return _Writer(handle, dialect, **options)


class SafeUnicodeCSVWriter(UnicodeCSVWriter):
    """Oscar's Excel-friendly writer (byte order mark) with inert cells."""

    def writerow(self, row):
        if self.writer is None:
            self.writer = writer(self.f, dialect=self.dialect, **self.kw)
        self.writer.writerow(list(row))
