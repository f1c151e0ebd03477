"""Vietnamese tax codes (mã số thuế).

A tax code has 10 digits (an enterprise) or 10 digits, a dash and 3 digits (a branch or
dependent unit). The tenth digit is a check digit over the first nine:
``N10 = 10 - (31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6 + 7·N7 + 5·N8 + 3·N9) mod 11``;
a remainder giving 10 is never issued.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
FORMAT = re.compile(r"^(\d{10})(-\d{3})?$")


def check_digit(first_nine):
    total = sum(int(d) * w for d, w in zip(first_nine, WEIGHTS, strict=True))
    return 10 - total % 11


def normalise(value):
    return re.sub(r"\s+", "", value or "")


def is_valid(value):
    match = FORMAT.match(normalise(value))
    if not match:
        return False
    digits = match.group(1)
    return check_digit(digits[:9]) == int(digits[9])


def validate_tax_code(value):
    value = normalise(value)
    if not FORMAT.match(value):
        raise ValidationError(
            _("A tax code (mã số thuế) has 10 digits, or 10 digits, a dash and 3 digits."),
            code="format",
        )
    if not is_valid(value):
        raise ValidationError(
            _("This tax code's check digit is wrong: please check the number."),
            code="check_digit",
        )
