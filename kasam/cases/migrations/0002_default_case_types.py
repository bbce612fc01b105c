"""Default case types for Norway and Sweden. An installation corrects them in the admin.

Statutory limits come from `shared/reference/care-domain.md`; local promises from the seeds
(personal contact within 2 working days; decision whether to investigate a report of concern
within 5 working days). The decision limit for applications (20 working days) is an example
default for each municipality to set.
"""

from django.db import migrations

WD, CD, MONTHS, WEEKS = "working_days", "calendar_days", "months", "weeks"
LOCAL = "Local service promise"

TYPES = [
    # country, code, kind, (nb, sv, en), appeal days, appeal handling days, rules
    ("NO", "application", "application",
     ("Søknad om helse- og omsorgstjenester", "Ansökan om hälso- och omsorgstjänster",
      "Application for health and care services"), 28, 21,
     [("first_contact", "local", 2, WD, LOCAL), ("decision", "local", 20, WD, LOCAL)]),
    ("NO", "referral", "referral",
     ("Henvisning fra sykehus, fastlege eller pårørende",
      "Remiss från sjukhus, husläkare eller anhöriga",
      "Referral from hospital, GP or relatives"), 28, 21,
     [("first_contact", "local", 2, WD, LOCAL), ("decision", "local", 20, WD, LOCAL)]),
    ("NO", "discharge", "referral",
     ("Melding om utskrivningsklar pasient", "Meddelande om utskrivningsklar patient",
      "Notice that a hospital patient is ready for discharge"), 28, 21,
     [("first_contact", "local", 1, WD, LOCAL), ("decision", "local", 5, WD, LOCAL)]),
    ("NO", "concern", "concern",
     ("Bekymringsmelding om barn", "Orosanmälan om barn", "Report of concern about a child"),
     21, 21,
     [("screening", "statutory", 1, WEEKS, "Barnevernsloven § 2-1"),
      ("screening", "local", 5, WD, LOCAL),
      ("decision", "statutory", 3, MONTHS, "Barnevernsloven § 2-2")]),
    ("SE", "application", "application",
     ("Søknad om bistand", "Ansökan om bistånd", "Application for assistance"), 21, 7,
     [("first_contact", "local", 2, WD, LOCAL), ("decision", "local", 20, WD, LOCAL)]),
    ("SE", "referral", "referral",
     ("Henvisning fra sykehus, lege eller pårørende",
      "Remiss från sjukhus, läkare eller anhöriga",
      "Referral from hospital, GP or relatives"), 21, 7,
     [("first_contact", "local", 2, WD, LOCAL), ("decision", "local", 20, WD, LOCAL)]),
    ("SE", "discharge", "referral",
     ("Melding om utskrivningsklar pasient", "Underrättelse om utskrivningsklar patient",
      "Notice that a hospital patient is ready for discharge"), 21, 7,
     [("first_contact", "local", 1, WD, LOCAL), ("decision", "local", 5, WD, LOCAL)]),
    ("SE", "concern", "concern",
     ("Bekymringsmelding om barn", "Orosanmälan om barn", "Report of concern about a child"),
     21, 7,
     [("screening", "statutory", 14, CD, "Socialtjänstlagen: förhandsbedömning"),
      ("screening", "local", 5, WD, LOCAL),
      ("decision", "statutory", 4, MONTHS, "Socialtjänstlagen: utredning")]),
]


def load(apps, schema_editor):
    CaseType = apps.get_model("cases", "CaseType")
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    for country, code, kind, names, appeal, handling, rules in TYPES:
        case_type = CaseType.objects.create(
            country=country, code=code, kind=kind,
            name_nb=names[0], name_sv=names[1], name_en=names[2],
            appeal_days=appeal, appeal_handling_days=handling,
        )
        for milestone, layer, amount, unit, source in rules:
            DeadlineRule.objects.create(
                case_type=case_type, milestone=milestone, layer=layer,
                amount=amount, unit=unit, source=source,
            )


def unload(apps, schema_editor):
    apps.get_model("cases", "CaseType").objects.filter(code__in=[t[1] for t in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
