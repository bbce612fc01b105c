"""Survey results as indicators (surveys/live.py), with the seeds' targets."""

from decimal import Decimal

from django.db import migrations

SHIPPED = [
    ("user_survey_satisfied", "Brukere som er fornøyde (brukerundersøkelsen)",
     "Kunder som är nöjda (brukarenkäten)", "Clients satisfied (user survey)", 90, 75),
    ("staff_survey_satisfied", "Medarbeidere som er fornøyde (medarbeiderundersøkelsen)",
     "Medarbetare som är nöjda (medarbetarenkäten)", "Staff satisfied (staff survey)", 80, 65),
]


def load(apps, schema_editor):
    indicator = apps.get_model("indicators", "Indicator")
    for code, nb, sv, en, target, yellow in SHIPPED:
        indicator.objects.update_or_create(
            code=code,
            defaults={
                "name_nb": nb, "name_sv": sv, "name_en": en, "source": "survey",
                "measure": "percent", "factor": Decimal(100), "direction": "higher",
                "rollup": "sum", "ratio": True, "target": Decimal(target),
                "green_from": Decimal(target), "yellow_from": Decimal(yellow), "period_kind": "Y",
                "by_gender": False, "by_age": False,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_surveys"), ("indicators", "0005_breakdowns")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
