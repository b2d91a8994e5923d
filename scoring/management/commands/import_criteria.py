from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from scoring.enums import TableStatus
from scoring.imports import parse_criteria_file
from scoring.services import criteria_table_import, set_criteria_table_state
from units.enums import UnitKind
from units.imports import ImportFileError
from units.models import EmulationGrouping, Unit
from units.text import clean_text


class Command(BaseCommand):
    help = "Import a criteria table (CSV or XLSX in the format of the README) as a new draft version."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--code", required=True)
        parser.add_argument("--name", required=True, type=clean_text)
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument(
            "--bloc",
            type=clean_text,
            help="the bloc or cluster it scores: its exact name (of that year) or id",
        )
        parser.add_argument(
            "--owner", default="", help="code of the unit that keeps it (default: the province)"
        )
        parser.add_argument(
            "--publish", action="store_true", help="publish it at once (it can then be scored)"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        grouping = None
        if options["bloc"]:
            groupings = EmulationGrouping.objects.filter(year=options["year"])
            bloc = options["bloc"]
            grouping = (
                groupings.filter(pk=int(bloc)) if bloc.isdigit() else groupings.filter(name=bloc)
            ).first()
            if grouping is None:
                raise CommandError(f"No bloc or cluster {bloc!r} in {options['year']}.")
        owner = (
            Unit.objects.filter(code=options["owner"].upper()).first()
            if options["owner"]
            else grouping.owner
            if grouping
            else Unit.objects.filter(parent__isnull=True, kind=UnitKind.PROVINCE).order_by("pk").first()
        )
        if owner is None:
            raise CommandError("No owner unit: pass --owner CODE.")
        try:
            rows = parse_criteria_file(path.name, path.read_bytes())
            table = criteria_table_import(
                rows=rows,
                code=options["code"],
                name=options["name"],
                year=options["year"],
                owner=owner,
                grouping=grouping,
                by=None,
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"Refused: {len(exc.messages)} bad row(s); nothing was saved.") from exc
        if options["publish"]:
            set_criteria_table_state(obj=table, to=TableStatus.PUBLISHED, by=None)
        leaves = table.criteria.filter(standard__isnull=False).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {table.code} v{table.version}: "
                f"{table.criteria.count()} criteria, {leaves} scored items."
            )
        )
