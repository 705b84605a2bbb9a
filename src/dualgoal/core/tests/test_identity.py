"""Citizen ID and phone numbers (core/identity.py, DOMAIN.md "Personal data")."""

import pytest
from django.core.exceptions import ValidationError

from dualgoal.core.identity import normalise_id_number, normalise_phone, validate_id_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("024093001234", "024093001234"),
        (" 0240 9300 1234 ", "024093001234"),
        ("024.093.001.234", "024093001234"),
        ("24093001234", "024093001234"),  # Excel dropped the leading zero
        (24093001234, "024093001234"),
        ("24093001234.0", "024093001234"),  # ... and read it back as a float
        ("121234567", "121234567"),  # CMND
        ("", ""),
        (None, ""),
    ],
)
def test_normalise_id_number(raw, expected):
    assert normalise_id_number(raw) == expected


def test_cccd_twelve_digits_is_valid():
    assert validate_id_number("024093001234") == "024093001234"


def test_cccd_restored_from_eleven_digits_is_valid():
    assert validate_id_number("24093001234", birth_year=1993, sex="M") == "024093001234"
    assert validate_id_number("24093001234.0") == "024093001234"


def test_cmnd_nine_digits_is_valid_without_checks():
    assert validate_id_number("121 234 567", birth_year=1960, sex="F") == "121234567"


def test_empty_is_allowed():
    assert validate_id_number("") == ""


@pytest.mark.parametrize("raw", ["12345", "0240930012345", "1234567890"])
def test_wrong_length_is_refused_with_the_length(raw):
    with pytest.raises(ValidationError) as caught:
        validate_id_number(raw)
    assert caught.value.code == "id_length"
    assert str(len(normalise_id_number(raw))) in caught.value.messages[0]


@pytest.mark.parametrize(
    ("number", "year", "sex"),
    [
        ("024093001234", 1993, "M"),  # 0: male, 1900s
        ("024193001234", 1993, "F"),  # 1: female, 1900s
        ("024205001234", 2005, "M"),  # 2: male, 2000s
        ("024305001234", 2005, "F"),  # 3: female, 2000s
    ],
)
def test_century_and_sex_digit(number, year, sex):
    assert validate_id_number(number, birth_year=year, sex=sex) == number


def test_birth_year_must_match_the_encoded_year():
    with pytest.raises(ValidationError) as caught:
        validate_id_number("024093001234", birth_year=1994)
    assert caught.value.code == "id_birth_year"
    assert "1993" in caught.value.messages[0] and "1994" in caught.value.messages[0]


def test_century_matters_for_the_year():
    with pytest.raises(ValidationError):
        validate_id_number("024205001234", birth_year=1905)  # digit 2 means born in the 2000s


def test_sex_must_match_the_century_and_sex_digit():
    with pytest.raises(ValidationError) as caught:
        validate_id_number("024093001234", sex="F")
    assert caught.value.code == "id_sex"
    with pytest.raises(ValidationError):
        validate_id_number("024305001234", sex="M")


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "0912.345.678",
        "0912 345 678",
        "+84 912 345 678",
        "+84912345678",
        "84912345678",
        "912345678",  # Excel dropped the leading zero
        912345678,
        "912345678.0",
        "(+84) 912-345-678",
    ],
)
def test_phone_formats_normalise_to_ten_digits(raw):
    assert normalise_phone(raw) == "0912345678"


def test_landline_keeps_its_area_code():
    assert normalise_phone("024 3825 3535") == "02438253535"


@pytest.mark.parametrize("raw", ["12345", "0000000000", "abc", "+1 202 555 0143"])
def test_invalid_phone_is_refused(raw):
    with pytest.raises(ValidationError):
        normalise_phone(raw)


def test_empty_phone_is_empty():
    assert normalise_phone("") == ""
    assert normalise_phone(None) == ""
