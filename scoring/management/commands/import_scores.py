import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from scoring.access import appraised_outside
from scoring.enums import ScoreKind
from scoring.imports import parse_scores_file
from scoring.management.commands._lookup import table_by_code, unit_by_code_or_name
from scoring.services import scores_import, sheet_appraisal_record, sheet_open
from units.imports import ImportFileError
from units.text import clean_text


def _day(text: str) -> datetime.date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise CommandError(f"Not a date (dd/mm/yyyy): {text!r}")


class Command(BaseCommand):
    help = (
        "Import a unit's scores (ma, diem_thuc_hien, diem_thuong) onto the newest version of a table. "
        "In an outside bloc or cluster the appraised scores are the leader's result, recorded with "
        "its document (--document-number, --document-date)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--table", required=True, help="table code")
        parser.add_argument("--unit", required=True, type=clean_text, help="unit code or exact name")
        parser.add_argument("--kind", choices=ScoreKind.values, default=ScoreKind.SELF)
        parser.add_argument("--document-number", default="", help="the leader's document, e.g. 12/TB-MTTQ")
        parser.add_argument("--document-date", default="", help="its date, dd/mm/yyyy")
        parser.add_argument("--appraiser", default="", help="who scored (code or name); default the leader")
        parser.add_argument("--publish", action="store_true", help="publish the recorded result")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        table = table_by_code(options["table"])
        unit = unit_by_code_or_name(options["unit"])
        recorded = options["kind"] == ScoreKind.APPRAISED and appraised_outside(table)
        if recorded and not (options["document_number"] and options["document_date"]):
            raise CommandError(
                f"{table.grouping.name} is scored by its leader: record its result with "
                "--document-number and --document-date."
            )
        try:
            # One transaction: a refused file leaves no new sheet behind either.
            with transaction.atomic():
                sheet = sheet_open(table=table, unit=unit, by=None)
                rows = parse_scores_file(path.name, path.read_bytes())
                if recorded:
                    appraiser = options["appraiser"]
                    sheet_appraisal_record(
                        sheet=sheet,
                        rows=rows,
                        appraiser=unit_by_code_or_name(appraiser) if appraiser else table.grouping.leader,
                        document_number=options["document_number"],
                        document_date=_day(options["document_date"]),
                        publish=options["publish"],
                        source=path.name,
                        by=None,
                    )
                    count = len(rows)
                else:
                    count = scores_import(rows=rows, sheet=sheet, kind=options["kind"], by=None)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            noun = "error(s)" if recorded else "bad row(s)"
            raise CommandError(f"Refused: {len(exc.messages)} {noun}; nothing was saved.") from exc
        self.stdout.write(self.style.SUCCESS(f"{count} scores saved for {unit.name} on {table}."))
