"""IPLOS (Norway) and IBIC (Sweden) as data, from shared/reference/care-domain.md.

Both lists are marked (check) there: an installation corrects wording and items in the admin.
"""

from django.db import migrations

SCALES = [
    ("iplos", "NO", False, ("IPLOS funksjonsvurdering", "IPLOS funktionsbedömning",
                            "IPLOS functional assessment"),
     [
        ("social_participation", "Sosial deltakelse", "Socialt deltagande", "Social participation"),
        ("daily_decisions", "Beslutninger i dagliglivet", "Beslut i det dagliga livet", "Decisions in daily life"),
        ("behaviour", "Styre atferd", "Styra sitt beteende", "Controlling behaviour"),
        ("housework", "Alminnelig husarbeid", "Vanligt hushållsarbete", "Ordinary housework"),
        ("goods_services", "Skaffe seg varer og tjenester", "Skaffa varor och tjänster", "Obtaining goods and services"),
        ("hygiene", "Personlig hygiene", "Personlig hygien", "Personal hygiene"),
        ("dressing", "Kle av og på seg", "Klä av och på sig", "Dressing"),
        ("eating", "Spise", "Äta", "Eating"),
        ("preparing_food", "Lage mat", "Laga mat", "Preparing food"),
        ("toilet", "Toalett", "Toalett", "Toilet"),
        ("moving_indoors", "Bevege seg innendørs", "Förflytta sig inomhus", "Moving indoors"),
        ("moving_outdoors", "Bevege seg utendørs", "Förflytta sig utomhus", "Moving outdoors"),
        ("own_health", "Ivareta egen helse", "Sköta sin hälsa", "Looking after own health"),
        ("memory", "Hukommelse", "Minne", "Memory"),
        ("communication", "Kommunikasjon", "Kommunikation", "Communication"),
        ("vision", "Syn", "Syn", "Vision"),
        ("hearing", "Hørsel", "Hörsel", "Hearing"),
     ],
     [
        (1, "Ingen problemer", "Inga problem", "No problems"),
        (2, "Klarer seg selv med noe vansker, ikke behov for personlig bistand",
         "Klarar sig själv med viss svårighet, inget behov av personlig hjälp",
         "Manages alone with difficulty, no personal help"),
        (3, "Middels bistandsbehov: utfører deler, hjelper kan gå fra og til",
         "Medelstort hjälpbehov: utför delar, hjälparen kan komma och gå",
         "Medium need: does parts, helper may come and go"),
        (4, "Stort bistandsbehov: hjelper til stede hele tiden",
         "Stort hjälpbehov: hjälparen närvarande hela tiden",
         "Large need: helper present the whole time"),
        (5, "Fullt bistandsbehov", "Fullständigt hjälpbehov", "Full need"),
        (9, "Ikke relevant", "Inte relevant", "Not relevant"),
     ]),
    ("ibic", "SE", True, ("IBIC livsområder", "IBIC livsområden", "IBIC life areas"),
     [
        ("learning", "Læring og anvendelse av kunnskap", "Lärande och att tillämpa kunskap", "Learning and applying knowledge"),
        ("general_tasks", "Allmenne oppgaver og krav", "Allmänna uppgifter och krav", "General tasks and demands"),
        ("communication", "Kommunikasjon", "Kommunikation", "Communication"),
        ("mobility", "Forflytning", "Förflyttning", "Mobility"),
        ("self_care", "Personlig stell", "Personlig vård", "Self-care"),
        ("domestic_life", "Hjemmeliv", "Hemliv", "Domestic life"),
        ("relationships", "Mellommenneskelig samspill og relasjoner", "Mellanmänskliga interaktioner och relationer", "Interpersonal interactions and relationships"),
        ("work_economy", "Utdanning, arbeid og økonomi", "Utbildning, arbete och ekonomiskt liv", "Education, work and economic life"),
        ("community", "Samfunnsliv, sosialt liv og medborgerskap", "Samhällsgemenskap, socialt och medborgerligt liv", "Community, social and civic life"),
        ("security", "Følelse av trygghet", "Känsla av trygghet", "Sense of security"),
        ("carer_support", "Støtte fra en som hjelper en nærstående", "Stöd från person som vårdar eller stödjer en närstående", "Support from a person caring for a relative"),
     ],
     [
        (0, "Ingen vansker", "Inga svårigheter", "No difficulty"),
        (1, "Lette vansker", "Lätta svårigheter", "Mild difficulty"),
        (2, "Moderate vansker", "Måttliga svårigheter", "Moderate difficulty"),
        (3, "Store vansker", "Stora svårigheter", "Severe difficulty"),
        (4, "Totale vansker", "Totala svårigheter", "Complete difficulty"),
        (8, "Ikke spesifisert", "Ej specificerat", "Not specified"),
        (9, "Ikke aktuelt", "Ej tillämpligt", "Not applicable"),
     ]),
]


def load(apps, schema_editor):
    Scale = apps.get_model("assessments", "Scale")
    ScaleItem = apps.get_model("assessments", "ScaleItem")
    ScaleLevel = apps.get_model("assessments", "ScaleLevel")
    for code, country, needs, names, items, levels in SCALES:
        scale = Scale.objects.create(
            code=code, country=country, describes_needs=needs,
            name_nb=names[0], name_sv=names[1], name_en=names[2],
        )
        for order, (item, nb, sv, en) in enumerate(items, start=1):
            ScaleItem.objects.create(
                scale=scale, code=item, order=order, name_nb=nb, name_sv=sv, name_en=en
            )
        for value, nb, sv, en in levels:
            ScaleLevel.objects.create(scale=scale, value=value, name_nb=nb, name_sv=sv, name_en=en)


def unload(apps, schema_editor):
    apps.get_model("assessments", "Scale").objects.filter(code__in=["iplos", "ibic"]).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
