import json

from django.core.management.base import BaseCommand

from emulation.indicators import figures, figures_json
from emulation.management.commands._grouping import grouping_and_period
from units.formatting import format_number, format_percent


class Command(BaseCommand):
    help = "Print each indicator's total and every member's actual, plan and percentage."

    def add_arguments(self, parser):
        parser.add_argument("--grouping", required=True)
        parser.add_argument("--period", required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        grouping, year, period = grouping_and_period(options["grouping"], options["period"])
        members = [m.unit for m in grouping.memberships.select_related("unit")]
        blocks = figures(members, year=year, period=period)
        if options["json"]:
            self.stdout.write(json.dumps(figures_json(blocks), ensure_ascii=False))
            return
        for block in blocks:
            self.stdout.write(
                f"{block.indicator.name}: {format_number(block.total)} {block.indicator.measure}"
            )
            for m in block.members:
                plan = f"/{format_number(m.planned)}" if m.planned is not None else ""
                share = f" ({format_percent(m.percent, 0)})" if m.percent is not None else ""
                self.stdout.write(
                    f"  {m.unit.short_name or m.unit.name}: {format_number(m.actual)}{plan}{share}"
                )
