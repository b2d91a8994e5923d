"""Award decisions take their numbers from the shared document counters of `units`, so a
decision and any other quyết định of the same body never share a number."""

import django.db.models.functions.datetime
from django.db import migrations, models


def forwards(apps, schema_editor):
    Decision = apps.get_model("awards", "Decision")
    DecisionCounter = apps.get_model("awards", "DecisionCounter")
    DocumentCounter = apps.get_model("units", "DocumentCounter")
    for decision in Decision.objects.all():
        kind, _dash, symbol = decision.number_suffix.partition("-")
        decision.symbol = symbol or kind or "LĐLĐ"
        decision.save(update_fields=["symbol"])
    for counter in DecisionCounter.objects.all():
        row, _created = DocumentCounter.objects.get_or_create(
            issuer_id=counter.issuer_id, year=counter.year, kind="QĐ", symbol="LĐLĐ"
        )
        row.last_number = max(row.last_number, counter.last_number)
        row.save(update_fields=["last_number"])


def backwards(apps, schema_editor):
    Decision = apps.get_model("awards", "Decision")
    DecisionCounter = apps.get_model("awards", "DecisionCounter")
    DocumentCounter = apps.get_model("units", "DocumentCounter")
    for decision in Decision.objects.all():
        decision.number_suffix = f"QĐ-{decision.symbol}"
        decision.save(update_fields=["number_suffix"])
    for row in DocumentCounter.objects.filter(kind="QĐ"):
        counter, _created = DecisionCounter.objects.get_or_create(issuer_id=row.issuer_id, year=row.year)
        counter.last_number = max(counter.last_number, row.last_number)
        counter.save(update_fields=["last_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
        ("units", "0003_unit_document_symbol_documentcounter"),
    ]

    operations = [
        migrations.AddField(
            model_name="decision",
            name="symbol",
            field=models.CharField(default="LĐLĐ", max_length=20, verbose_name="ký hiệu cơ quan"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveConstraint(model_name="decisioncounter", name="decision_counter_unique"),
        migrations.RemoveField(model_name="decision", name="number_suffix"),
        migrations.RemoveConstraint(model_name="decision", name="decision_unique_number"),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                models.F("issuer"),
                models.F("symbol"),
                django.db.models.functions.datetime.ExtractYear("signed_on"),
                models.F("number"),
                condition=models.Q(("number__isnull", False)),
                name="decision_unique_number",
            ),
        ),
        migrations.DeleteModel(name="DecisionCounter"),
    ]
