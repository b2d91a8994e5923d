from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from emulation.indicators import figures_import, parse_figures
from emulation.management.commands._grouping import grouping_and_period
from units.imports import ImportFileError
from units.text import clean_text


class Command(BaseCommand):
    help = "Import members' indicator figures (tinh/don_vi, chi_tieu, don_vi_tinh, thuc_hien, ke_hoach)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--grouping", required=True, type=clean_text, help="exact name of the bloc or cluster"
        )
        parser.add_argument("--period", required=True, help="2023-H1 (mid-year) or 2023 (year)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        grouping, year, period = grouping_and_period(options["grouping"], options["period"])
        members = [m.unit for m in grouping.memberships.select_related("unit")]
        try:
            rows = parse_figures(path.name, path.read_bytes(), units=members)
            count = figures_import(rows=rows, year=year, period=period, by=None, source=path.name)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"Refused: {len(exc.messages)} bad row(s); nothing was saved.") from exc
        message = f"{count} figures saved for {grouping.name} ({options['period']})."
        self.stdout.write(self.style.SUCCESS(message))
