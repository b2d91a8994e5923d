import json
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from awards.quotas import parse_quota, quota_import, quota_totals
from units.enums import UPPER_LEVEL_KINDS, UnitKind
from units.imports import ImportFileError
from units.models import Unit
from units.text import clean_text


class Command(BaseCommand):
    help = (
        "Import an event's quota per upper-level union "
        "(don_vi, tap_the_hcsn, tap_the_sxkd, ca_nhan_hcsn, ca_nhan_sxkd)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--event", required=True, type=clean_text, help="the event's name")
        parser.add_argument("--year", type=int, help="default: the last year written in the event's name")
        parser.add_argument(
            "--owner", default="", help="code of the unit that shares out (default: the province)"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        year = options["year"]
        if year is None:
            years = re.findall(r"(?:19|20)\d\d", options["event"])
            if not years:
                raise CommandError("Give --year: the event's name has no year in it.")
            year = int(years[-1])
        owner = (
            Unit.objects.filter(code=options["owner"].upper()).first()
            if options["owner"]
            else Unit.objects.filter(parent__isnull=True, kind=UnitKind.PROVINCE).order_by("pk").first()
        )
        if owner is None:
            raise CommandError("No owner unit: pass --owner CODE.")
        units = list(Unit.objects.subtree_of(owner).active().filter(kind__in=UPPER_LEVEL_KINDS))
        try:
            rows = parse_quota(path.name, path.read_bytes(), units=units)
            event = quota_import(rows=rows, name=options["event"], year=year, owner=owner, by=None)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"Refused: {len(exc.messages)} bad row(s); nothing was saved.") from exc
        totals = quota_totals(event)
        if options["json"]:
            self.stdout.write(
                json.dumps({"event": event.name, "year": event.year, **totals}, ensure_ascii=False)
            )
        else:
            summary = f"{totals['total']} = {totals['collectives']} tập thể + {totals['individuals']} cá nhân"
            self.stdout.write(f"{event.name}: {summary}")
