"""English as Kasam writes it for Nordic readers: day before month, a 24-hour clock.
Norwegian and Swedish use Django's own formats."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
