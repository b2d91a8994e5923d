"""Two shipped template texts put a word before a value that already carries it: "Phát
động thi đua {campaign}" before a campaign named "Thi đua chào mừng …", and "{period} năm
{year}" after a period whose label ends in "năm" ("6 tháng đầu năm năm 2023"). The
templates loaded by earlier versions get the new shipped text, unless staff changed it."""

from django.db import migrations

CHANGES = [
    # (template code, old text, new text, whether the text is a section heading or the subject)
    ("campaign-plan", "Phát động thi đua {campaign}", "Phát động phong trào thi đua {campaign}", False),
    (
        "midyear-cluster",
        "Số liệu thực hiện các chỉ tiêu thi đua {period} năm {year}",
        "Số liệu thực hiện các chỉ tiêu thi đua {period}",
        True,
    ),
]


def _apply(apps, *, forward: bool):
    DocumentTemplate = apps.get_model("reports", "DocumentTemplate")
    TemplateSection = apps.get_model("reports", "TemplateSection")
    for code, old, new, in_section in CHANGES:
        before, after = (old, new) if forward else (new, old)
        if in_section:
            TemplateSection.objects.filter(template__code=code, heading=before).update(heading=after)
        else:
            DocumentTemplate.objects.filter(code=code, subject=before).update(subject=after)


def forwards(apps, schema_editor):
    _apply(apps, forward=True)


def backwards(apps, schema_editor):
    _apply(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_constraint_messages")]

    operations = [migrations.RunPython(forwards, backwards)]
