from __future__ import annotations

import datetime

import pytest

from kasam.core.national_id import IdKind, InvalidNationalId, parse_national_id

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("raw", "number", "kind", "birth", "test"),
    [
        ("15058912317", "15058912317", IdKind.FODSELSNUMMER, datetime.date(1989, 5, 15), False),
        ("150589 12317", "15058912317", IdKind.FODSELSNUMMER, datetime.date(1989, 5, 15), False),
        ("55058912300", "55058912300", IdKind.D_NUMMER, datetime.date(1989, 5, 15), False),
        ("15858912382", "15858912382", IdKind.FODSELSNUMMER, datetime.date(1989, 5, 15), True),
        ("01010049918", "01010049918", IdKind.FODSELSNUMMER, datetime.date(1900, 1, 1), False),
        ("31129995044", "31129995044", IdKind.FODSELSNUMMER, datetime.date(1999, 12, 31), False),
        ("01012050190", "01012050190", IdKind.FODSELSNUMMER, datetime.date(2020, 1, 1), False),
    ],
)
def test_valid_norwegian_numbers(raw, number, kind, birth, test):
    parsed = parse_national_id(raw, country="NO", today=TODAY)
    assert (parsed.number, parsed.kind, parsed.birth_date, parsed.is_test_number) == (
        number,
        kind,
        birth,
        test,
    )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("15058912318", "check digits"),
        ("1505891231", "11 digits"),
        ("150589123177", "11 digits"),
        ("29020012380", "birth date"),  # 1900 was not a leap year
        ("１５０５８９１２３１７", "0-9"),  # full-width digits
        ("١٥٠٥٨٩١٢٣١٧", "0-9"),  # Arabic-Indic digits
        ("15058912a17", "0-9"),
        ("", "0-9"),
        ("15058912317\x00", "0-9"),
    ],
)
def test_invalid_norwegian_numbers_are_refused_with_a_reason(raw, reason):
    with pytest.raises(InvalidNationalId, match=reason):
        parse_national_id(raw, country="NO", today=TODAY)


@pytest.mark.parametrize(
    ("raw", "number", "kind", "birth", "test"),
    [
        ("811218-1238", "198112181238", IdKind.PERSONNUMMER, datetime.date(1981, 12, 18), False),
        ("8112181238", "198112181238", IdKind.PERSONNUMMER, datetime.date(1981, 12, 18), False),
        ("198112181238", "198112181238", IdKind.PERSONNUMMER, datetime.date(1981, 12, 18), False),
        ("19811218-1238", "198112181238", IdKind.PERSONNUMMER, datetime.date(1981, 12, 18), False),
        ("811218-9876", "198112189876", IdKind.PERSONNUMMER, datetime.date(1981, 12, 18), True),
        (
            "811278-1235",
            "198112781235",
            IdKind.SAMORDNINGSNUMMER,
            datetime.date(1981, 12, 18),
            False,
        ),
        ("190303-9889", "201903039889", IdKind.PERSONNUMMER, datetime.date(2019, 3, 3), True),
        ("190303+9889", "191903039889", IdKind.PERSONNUMMER, datetime.date(1919, 3, 3), True),
        ("000229-1235", "200002291235", IdKind.PERSONNUMMER, datetime.date(2000, 2, 29), False),
    ],
)
def test_valid_swedish_numbers(raw, number, kind, birth, test):
    parsed = parse_national_id(raw, country="SE", today=TODAY)
    assert (parsed.number, parsed.kind, parsed.birth_date, parsed.is_test_number) == (
        number,
        kind,
        birth,
        test,
    )


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("811218-9877", "check digit"),
        ("811218-987", "10 or 12"),
        ("0102291234", "birth date"),  # 2001 was not a leap year
        ("８１１２１８-９８７６", "0-9"),
        ("811218/9876", "0-9"),
        ("9811218-9876", "10 or 12"),
    ],
)
def test_invalid_swedish_numbers_are_refused_with_a_reason(raw, reason):
    with pytest.raises(InvalidNationalId, match=reason):
        parse_national_id(raw, country="SE", today=TODAY)


def test_unknown_country_is_refused():
    with pytest.raises(InvalidNationalId, match="Unknown country"):
        parse_national_id("15058912317", country="DK")


def test_test_numbers_can_be_refused():
    with pytest.raises(InvalidNationalId, match="Test numbers"):
        parse_national_id("15858912382", country="NO", allow_test=False)


def test_formatting_of_stored_numbers():
    assert parse_national_id("15058912317", country="NO").formatted() == "150589 12317"
    assert parse_national_id("8112181238", country="SE").formatted() == "19811218-1238"
