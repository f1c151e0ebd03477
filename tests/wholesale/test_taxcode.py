import pytest
from django.core.exceptions import ValidationError

from shop.wholesale.taxcode import is_valid, validate_tax_code


@pytest.mark.parametrize("code", ["0100109106", "0300588569", "0101248141", "0100109106-001"])
def test_real_tax_codes_pass(code):
    validate_tax_code(code)
    assert is_valid(code)


@pytest.mark.parametrize(
    "code,reason",
    [
        ("010010910", "format"),
        ("01001091066", "format"),
        ("0100109106-01", "format"),
        ("01001O9106", "format"),
        ("0100109107", "check_digit"),
        ("0300588560-001", "check_digit"),
    ],
)
def test_bad_tax_codes_are_refused_with_the_reason(code, reason):
    with pytest.raises(ValidationError) as caught:
        validate_tax_code(code)
    assert caught.value.code == reason
