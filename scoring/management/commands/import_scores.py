from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from scoring.enums import ScoreKind
from scoring.imports import parse_scores_file
from scoring.management.commands._lookup import table_by_code, unit_by_code_or_name
from scoring.services import scores_import, sheet_open
from units.imports import ImportFileError
from units.text import clean_text


class Command(BaseCommand):
    help = "Import a unit's scores (ma, diem_thuc_hien, diem_thuong) onto the newest version of a table."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--table", required=True, help="table code")
        parser.add_argument("--unit", required=True, type=clean_text, help="unit code or exact name")
        parser.add_argument("--kind", choices=ScoreKind.values, default=ScoreKind.SELF)

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        table = table_by_code(options["table"])
        unit = unit_by_code_or_name(options["unit"])
        try:
            # One transaction: a refused file leaves no new sheet behind either.
            with transaction.atomic():
                sheet = sheet_open(table=table, unit=unit, by=None)
                count = scores_import(
                    rows=parse_scores_file(path.name, path.read_bytes()),
                    sheet=sheet,
                    kind=options["kind"],
                    by=None,
                )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"Refused: {len(exc.messages)} bad row(s); nothing was saved.") from exc
        self.stdout.write(self.style.SUCCESS(f"{count} scores saved for {unit.name} on {table}."))
