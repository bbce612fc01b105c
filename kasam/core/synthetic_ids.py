"""Synthetic national ID numbers that follow the official test-number conventions.

Norway: the Tax Administration's synthetic numbers (Tenor) add 80 to the month.
Sweden: Skatteverket's published test personnummer use birth numbers 980-999.
Both are refused by `parse_national_id(..., allow_test=False)`, i.e. in production.
"""

from __future__ import annotations

import datetime

from faker import Faker
from stdnum import luhn
from stdnum.no import fodselsnummer

from kasam.core.national_id import NO_SYNTHETIC_MONTH, SE_TEST_BIRTH_NUMBERS


def generate(country: str, fake: Faker, *, birth_year: int) -> str:
    birth = datetime.date(birth_year, 1, 1) + datetime.timedelta(days=fake.random_int(0, 364))
    if country == "NO":
        return _norwegian(birth, fake)
    return _swedish(birth, fake)


def _norwegian(birth: datetime.date, fake: Faker) -> str:
    while True:
        individual = fake.random_int(0, 499) if birth.year < 2000 else fake.random_int(500, 999)
        first_nine = f"{birth:%d}{birth.month + NO_SYNTHETIC_MONTH:02d}{birth:%y}{individual:03d}"
        first = fodselsnummer.calc_check_digit1(first_nine)
        second = fodselsnummer.calc_check_digit2(first_nine + first)
        if len(first) == 1 and len(second) == 1:  # a check digit of 10 makes no valid number
            return first_nine + first + second


def _swedish(birth: datetime.date, fake: Faker) -> str:
    serial = fake.random_int(SE_TEST_BIRTH_NUMBERS.start, SE_TEST_BIRTH_NUMBERS.stop - 1)
    first_nine = f"{birth:%y%m%d}{serial:03d}"
    return f"{birth:%Y%m%d}{serial:03d}{luhn.calc_check_digit(first_nine)}"
