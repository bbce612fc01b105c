"""The Swedish national continuity measure as its own card, and the receiving office's
deadline and review-date figures counted by serving unit (issue 17). Codes match
kasam/indicators/live.py."""

from decimal import Decimal

from django.db import migrations

SHIPPED = [
    # code, nb, sv, en, measure, direction, rollup, target, green, yellow
    ("staff_continuity_national",
     "Personalkontinuitet, svensk nasjonal definisjon (65+, hjelp morgen og kveld)",
     "Personalkontinuitet enligt nationell definition (65+, insatser morgon och kväll)",
     "Staff continuity, Swedish national definition (65+, help morning and evening)",
     "number", "lower", "last", 10, 10, 15),
    ("first_contact_in_time_served",
     "Personlig kontakt innen 2 virkedager etter søknad, etter tjenestested",
     "Personlig kontakt inom 2 helgfria vardagar efter ansökan, per utförarenhet",
     "Personal contact within 2 working days of an application, by serving unit",
     "percent", "higher", "sum", 100, 100, 90),
    ("decisions_past_review_served",
     "Vedtak som har passert revurderingsdato, etter tjenestested",
     "Beslut som passerat omprövningsdatum, per utförarenhet",
     "Decisions past their review date, by serving unit",
     "percent", "lower", "last", 0, 2, 10),
]
BY_GENDER_AND_AGE = ["staff_continuity_national", "first_contact_in_time_served",
                     "decisions_past_review_served"]


def load(apps, schema_editor):
    indicator = apps.get_model("indicators", "Indicator")
    for code, nb, sv, en, measure, direction, rollup, target, green, yellow in SHIPPED:
        indicator.objects.update_or_create(
            code=code,
            defaults={
                "name_nb": nb,
                "name_sv": sv,
                "name_en": en,
                "source": "live",
                "measure": measure,
                "factor": Decimal(100 if measure == "percent" else 1),
                "direction": direction,
                "rollup": rollup,
                "ratio": True,
                "target": Decimal(target),
                "green_from": Decimal(green),
                "yellow_from": Decimal(yellow),
                "period_kind": "M",
                "by_gender": code in BY_GENDER_AND_AGE,
                "by_age": code in BY_GENDER_AND_AGE,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("indicators", "Indicator").objects.filter(
        code__in=[row[0] for row in SHIPPED]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0005_breakdowns")]
    operations = [migrations.RunPython(load, unload)]
