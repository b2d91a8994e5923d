from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from awards.history_import import history_import, parse_history
from units.enums import UnitKind
from units.imports import ImportFileError
from units.models import Unit


class Command(BaseCommand):
    help = "Import past years' titles, ratings, awards, initiatives and discipline of people and collectives."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--unit", default="", help="only units under this code (default: the province)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        scope = (
            Unit.objects.filter(code=options["unit"].upper()).first()
            if options["unit"]
            else Unit.objects.filter(parent__isnull=True, kind=UnitKind.PROVINCE).order_by("pk").first()
        )
        if scope is None:
            raise CommandError("No such unit.")
        try:
            count = history_import(
                rows=parse_history(path.name, path.read_bytes(), scope=scope), by=None, source=path.name
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"Refused: {len(exc.messages)} bad row(s); nothing was saved.") from exc
        self.stdout.write(self.style.SUCCESS(f"{count} history rows imported."))
