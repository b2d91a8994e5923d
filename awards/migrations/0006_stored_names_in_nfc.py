"""Names stored before text was cleaned on the way in may be decomposed (NFD): a search
typed precomposed does not find them. Rewrite the searched names of units, accounts and
people in NFC; rows already in NFC are left untouched."""

import unicodedata

from django.db import migrations

FIELDS = {
    ("units", "Unit"): ("name", "short_name"),
    ("units", "User"): ("full_name", "position"),
    ("awards", "Person"): ("full_name", "position", "ethnicity"),
}


def forwards(apps, schema_editor):
    for (app, model_name), fields in FIELDS.items():
        model = apps.get_model(app, model_name)
        changed = []
        for row in model.objects.only("pk", *fields).iterator(chunk_size=2000):
            dirty = False
            for field in fields:
                value = getattr(row, field)
                normal = unicodedata.normalize("NFC", value)
                if normal != value:
                    setattr(row, field, normal)
                    dirty = True
            if dirty:
                changed.append(row)
        model.objects.bulk_update(changed, fields, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_award_form_collective_coefficient_positive"),
        ("units", "0004_constraint_messages"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
