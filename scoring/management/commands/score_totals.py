import json

from django.core.management.base import BaseCommand, CommandError

from scoring.enums import ScoreKind
from scoring.management.commands._lookup import table_by_code, unit_by_code_or_name
from scoring.models import ScoreSheet
from scoring.queries import sheet_totals
from units.formatting import format_points as fp


class Command(BaseCommand):
    help = "Print a unit's totals on a table, computed from its item scores."

    def add_arguments(self, parser):
        parser.add_argument("--table", required=True)
        parser.add_argument("--unit", required=True)
        parser.add_argument("--kind", choices=ScoreKind.values, default=ScoreKind.SELF)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        table = table_by_code(options["table"])
        unit = unit_by_code_or_name(options["unit"])
        sheet = ScoreSheet.objects.filter(table=table, unit=unit).first()
        if sheet is None:
            raise CommandError(f"{unit.name} has no score sheet on {table}.")
        result = sheet_totals(sheet, options["kind"])
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(f"{unit.name} — {table} ({ScoreKind(options['kind']).label})")
        for section in result["sections"]:
            self.stdout.write(
                f"  {section['code']:<5} {fp(section['achieved']):>8} / {fp(section['standard'])}"
                f"  + {fp(section['bonus'])} / {fp(section['bonus_max'])}"
            )
        self.stdout.write(f"  Tổng: {fp(result['achieved'])} + {fp(result['bonus'])} = {fp(result['total'])}")
