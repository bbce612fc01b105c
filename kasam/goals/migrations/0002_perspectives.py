"""The five perspectives of the municipal plans (balanced-scorecard style); configurable."""

from django.db import migrations

PERSPECTIVES = [
    ("clients", "Brukere og pårørende", "Kunder och närstående", "Clients and relatives"),
    ("economy", "Økonomi", "Ekonomi", "Economy"),
    ("staff", "Medarbeidere og ledere", "Medarbetare och ledare", "Staff and leaders"),
    ("processes", "Prosesser", "Processer", "Processes"),
    ("society", "Samfunn", "Samhälle", "Society"),
]


def load(apps, schema_editor):
    perspective = apps.get_model("goals", "Perspective")
    for order, (code, nb, sv, en) in enumerate(PERSPECTIVES):
        perspective.objects.update_or_create(
            code=code, defaults={"name_nb": nb, "name_sv": sv, "name_en": en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_goal_tree")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
