"""Default service catalogues. Legal references are data: an installation checks and corrects
them in the admin (Sweden's social services act was replaced by SFS 2025:400 from July 2025;
its paragraph references are left for each installation to fill in)."""

from django.db import migrations

HOL = "Helse- og omsorgstjenesteloven"
SOL = "Socialtjänstlagen (2025:400), bistånd"
HSL = "Hälso- och sjukvårdslagen (2017:30)"

SERVICES = [
    # country, code, scope unit, max, legal basis, register code, (nb, sv, en)
    ("NO", "home_nursing", "hours_week", 168, f"{HOL} § 3-2 første ledd nr. 6 bokstav a", "helsetjenester_hjem",
     ("Helsetjenester i hjemmet", "Hemsjukvård", "Home nursing")),
    ("NO", "practical_help", "hours_week", 168, f"{HOL} § 3-2 første ledd nr. 6 bokstav b", "praktisk_bistand",
     ("Praktisk bistand", "Praktisk hjälp", "Practical help")),
    ("NO", "personal_assistance", "hours_week", 168, f"{HOL} § 3-8", "bpa",
     ("Brukerstyrt personlig assistanse", "Personlig assistans", "Personal assistance")),
    ("NO", "safety_alarm", "none", 0, f"{HOL} § 3-1", "trygghetsalarm",
     ("Trygghetsalarm", "Trygghetslarm", "Safety alarm")),
    ("NO", "meals", "visits_week", 14, f"{HOL} § 3-1", "matombringing",
     ("Matombringing", "Matdistribution", "Meal delivery")),
    ("NO", "day_centre", "days", 7, f"{HOL} § 3-2 første ledd nr. 7", "dagaktivitet",
     ("Dagaktivitetstilbud", "Dagverksamhet", "Day centre")),
    ("NO", "respite", "days", 31, f"{HOL} § 3-6 første ledd nr. 2", "avlastning",
     ("Avlastning", "Avlösning", "Respite")),
    ("NO", "short_term_place", "days", 365, f"{HOL} § 3-2 første ledd nr. 6 bokstav c", "tidsbegrenset_opphold",
     ("Korttidsopphold i institusjon", "Korttidsvistelse", "Short-term nursing home place")),
    ("NO", "long_term_place", "place", 0, f"{HOL} § 3-2 første ledd nr. 6 bokstav c; pasient- og brukerrettighetsloven § 2-1 e", "langtidsopphold",
     ("Langtidsopphold i sykehjem", "Särskilt boende", "Long-term nursing home place")),
    ("NO", "support_contact", "hours_week", 40, f"{HOL} § 3-2 første ledd nr. 6 bokstav b", "støttekontakt",
     ("Støttekontakt", "Kontaktperson", "Support contact")),
    ("NO", "coordinator", "none", 0, f"{HOL} § 7-2", "",
     ("Koordinator", "Samordnare", "Coordinator")),
    ("NO", "individual_plan", "none", 0, f"{HOL} § 7-1", "",
     ("Individuell plan", "Individuell plan (SIP)", "Individual plan")),
    ("SE", "home_nursing", "hours_week", 168, f"{HSL} 12 kap.", "",
     ("Helsetjenester i hjemmet", "Hemsjukvård", "Home nursing")),
    ("SE", "practical_help", "hours_week", 168, SOL, "",
     ("Praktisk bistand", "Hemtjänst – serviceinsatser", "Practical help")),
    ("SE", "personal_care", "hours_week", 168, SOL, "",
     ("Personlig stell", "Hemtjänst – personlig omsorg", "Personal care")),
    ("SE", "personal_assistance", "hours_week", 168, "Lag (1993:387) om stöd och service till vissa funktionshindrade, 9 § 2", "",
     ("Personlig assistanse", "Personlig assistans", "Personal assistance")),
    ("SE", "safety_alarm", "none", 0, SOL, "",
     ("Trygghetsalarm", "Trygghetslarm", "Safety alarm")),
    ("SE", "meals", "visits_week", 14, SOL, "",
     ("Matombringing", "Matdistribution", "Meal delivery")),
    ("SE", "day_centre", "days", 7, SOL, "",
     ("Dagsenter", "Dagverksamhet", "Day centre")),
    ("SE", "respite", "hours_week", 168, SOL, "",
     ("Avlastning i hjemmet", "Avlösning i hemmet", "Respite at home")),
    ("SE", "short_term_place", "days", 365, SOL, "",
     ("Korttidsopphold", "Korttidsvistelse", "Short-term place")),
    ("SE", "long_term_place", "place", 0, SOL, "",
     ("Sykehjemsplass", "Särskilt boende", "Long-term nursing home place")),
    ("SE", "support_contact", "hours_week", 40, SOL, "",
     ("Støttekontakt", "Kontaktperson", "Support contact")),
    ("SE", "coordinator", "none", 0, f"{HSL} 16 kap. 4 §", "",
     ("Koordinator", "Samordnare", "Coordinator")),
    ("SE", "individual_plan", "none", 0, f"{HSL} 16 kap. 4 §", "",
     ("Individuell plan", "Samordnad individuell plan (SIP)", "Coordinated individual plan")),
]


def load(apps, schema_editor):
    Service = apps.get_model("decisions", "Service")
    for country, code, unit, maximum, basis, register, names in SERVICES:
        Service.objects.create(
            country=country, code=code, scope_unit=unit, max_scope=maximum,
            min_scope={"hours_week": "0.25", "visits_week": 1, "days": 1}.get(unit, 0),
            legal_basis=basis, register_code=register,
            name_nb=names[0], name_sv=names[1], name_en=names[2],
        )


def unload(apps, schema_editor):
    apps.get_model("decisions", "Service").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("decisions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
