"""Live indicators whose records are people are broken down by gender and age band."""

from django.db import migrations

BY_GENDER_AND_AGE = [
    "plan_and_contact",
    "first_contact_in_time",
    "days_to_decision",
    "plans_followed_up",
    "staff_continuity",
    "decisions_past_review",
]


def load(apps, schema_editor):
    indicator = apps.get_model("indicators", "Indicator")
    indicator.objects.filter(code__in=BY_GENDER_AND_AGE).update(by_gender=True, by_age=True)
    indicator.objects.filter(code="concern_screened_in_time").update(by_gender=True)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_import_runs")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
