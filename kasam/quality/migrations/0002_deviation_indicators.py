"""The indicators computed from deviations (quality/live.py); correct targets in the admin."""

from decimal import Decimal

from django.db import migrations

SHIPPED = [
    ("deviations_per_1000_visits", "Avvik per 1 000 besøk", "Avvikelser per 1 000 besök",
     "Deviations per 1,000 visits", "per_mille", 1000, "lower", "sum", 2, 2, 5),
    ("deviations_closed_in_time", "Avvik lukket innen 30 dager", "Avvikelser avslutade inom 30 dagar",
     "Deviations closed within 30 days", "percent", 100, "higher", "sum", 90, 90, 75),
]


def load(apps, schema_editor):
    indicator = apps.get_model("indicators", "Indicator")
    for code, nb, sv, en, measure, factor, direction, rollup, target, green, yellow in SHIPPED:
        indicator.objects.update_or_create(
            code=code,
            defaults={
                "name_nb": nb, "name_sv": sv, "name_en": en, "source": "live",
                "measure": measure, "factor": Decimal(factor), "direction": direction,
                "rollup": rollup, "ratio": True, "target": Decimal(target),
                "green_from": Decimal(green), "yellow_from": Decimal(yellow), "period_kind": "M",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_deviations"), ("indicators", "0005_breakdowns")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
