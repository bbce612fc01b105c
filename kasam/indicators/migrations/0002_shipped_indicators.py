"""The live indicators Kasam ships, with the municipal plans' targets (correct them in the
admin). Codes match kasam/indicators/live.py."""

from decimal import Decimal

from django.db import migrations

SHIPPED = [
    # code, nb, sv, en, measure, factor, direction, rollup, ratio, target, green, yellow
    ("plan_and_contact", "Brukere med gjeldende tiltaksplan og primærkontakt",
     "Kunder med aktuell genomförandeplan och kontaktman",
     "Clients with a current plan and a contact person",
     "percent", 100, "higher", "last", True, 100, 100, 90),
    ("first_contact_in_time", "Personlig kontakt innen 2 virkedager etter søknad",
     "Personlig kontakt inom 2 helgfria vardagar efter ansökan",
     "Personal contact within 2 working days of an application",
     "percent", 100, "higher", "sum", True, 100, 100, 90),
    ("concern_screened_in_time", "Bekymringsmeldinger vurdert innen fristen",
     "Orosanmälningar bedömda inom tidsfristen",
     "Reports of concern screened within the deadline",
     "percent", 100, "higher", "sum", True, 100, 100, 90),
    ("days_to_decision", "Virkedager fra søknad til vedtak (median)",
     "Arbetsdagar från ansökan till beslut (median)",
     "Working days from application to decision (median)",
     "days", 1, "lower", "median", True, 15, 15, 20),
    ("plans_followed_up", "Tiltaksplaner fulgt opp innen evalueringsdato",
     "Genomförandeplaner uppföljda i tid",
     "Plans followed up by their review date",
     "percent", 100, "higher", "sum", True, 90, 90, 75),
    ("staff_continuity", "Personalkontinuitet: ulike ansatte per bruker på 14 dager",
     "Personalkontinuitet: antal personal per kund under 14 dagar",
     "Staff continuity: different staff per client in 14 days",
     "number", 1, "lower", "last", True, 10, 10, 15),
    ("decisions_past_review", "Vedtak som har passert revurderingsdato",
     "Beslut som passerat omprövningsdatum",
     "Decisions past their review date",
     "percent", 100, "lower", "last", True, 0, 2, 10),
    ("emergency_unreviewed", "Nødtilganger ikke gjennomgått innen 7 dager",
     "Nödåtkomster som inte granskats inom 7 dagar",
     "Emergency accesses not reviewed within 7 days",
     "number", 1, "lower", "sum", False, 0, 0, 2),
]


def load(apps, schema_editor):
    indicator = apps.get_model("indicators", "Indicator")
    for row in SHIPPED:
        code, nb, sv, en, measure, factor, direction, rollup, ratio, target, green, yellow = row
        indicator.objects.update_or_create(
            code=code,
            defaults={
                "name_nb": nb,
                "name_sv": sv,
                "name_en": en,
                "source": "live",
                "measure": measure,
                "factor": Decimal(factor),
                "direction": direction,
                "rollup": rollup,
                "ratio": ratio,
                "target": Decimal(target),
                "green_from": Decimal(green),
                "yellow_from": Decimal(yellow),
                "period_kind": "M",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_indicators")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
