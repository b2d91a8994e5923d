"""Scheduled generation of a formal document:

    manage.py make_report annual --year 2023 --unit LDLD-LC --format pdf --out bao-cao-2023.pdf

An issued document is written from its archive, byte for byte (never rendered again);
otherwise the newest draft is rendered as it reads now; otherwise a draft is assembled
from the template without saving anything. What was written goes to stderr.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from emulation.indicators import parse_period
from reports.assembly import assemble
from reports.default_templates import KINDS
from reports.enums import DocumentState, FileFormat, RenderState
from reports.models import Document, DocumentTemplate
from reports.queries import suggested_sources
from reports.services import draft_from_template, missing_for_issue, render_bytes, template_needs
from units.formatting import format_number
from units.models import EmulationGrouping
from units.queries import unit_by_code_or_name


class Command(BaseCommand):
    help = "Tạo văn bản (báo cáo, kế hoạch, quyết định) thành tệp PDF hoặc DOCX."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="mã mẫu văn bản: " + ", ".join(KINDS))
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", required=True, help="mã hoặc tên đơn vị ban hành")
        parser.add_argument("--format", choices=FileFormat.values, default=FileFormat.PDF)
        parser.add_argument("--out", required=True, help="tệp ghi ra")
        parser.add_argument("--grouping", help="tên khối, cụm thi đua (mặc định: cụm của đơn vị trong năm)")
        parser.add_argument("--period", help="kỳ chỉ tiêu, ví dụ 2023-H1 hoặc 2023")

    def handle(self, *args, **options):
        template = DocumentTemplate.objects.filter(code=options["kind"]).first()
        if template is None:
            codes = ", ".join(DocumentTemplate.objects.values_list("code", flat=True))
            raise CommandError(f"Không có mẫu văn bản “{options['kind']}”. Các mẫu: {codes}.")
        try:
            unit = unit_by_code_or_name(options["unit"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        year, fmt, out = options["year"], options["format"], Path(options["out"])

        documents = Document.objects.filter(issuer=unit, template=template, year=year)
        issued = documents.filter(state=DocumentState.ISSUED).order_by("-issued_on").first()
        if issued is not None:
            archive = issued.renderings.filter(archived=True, format=fmt).first()
            if archive is None or archive.state != RenderState.DONE:
                raise CommandError(
                    f"{issued.number_text}: tệp lưu trữ {fmt.upper()} chưa tạo xong "
                    "(chạy manage.py db_worker)."
                )
            with archive.file.open("rb") as handle:
                data = handle.read()
            self._write(out, data, f"{issued} (đã ban hành, bản lưu trữ)")
            return

        draft = documents.filter(state=DocumentState.DRAFT).order_by("-updated_at").first()
        if draft is not None:
            subject = " ".join(draft.subject_lines)
            content, label = assemble(draft), f"{draft.get_kind_display()} {subject} (dự thảo)"
            missing = missing_for_issue(draft)
        else:
            sources = self._sources(template, unit, year, options)
            document, sections = draft_from_template(
                template=template, issuer=unit, year=year, sources=sources
            )
            content, label = assemble(document, sections), f"{template.name} {year} (theo mẫu, chưa lưu)"
            missing = missing_for_issue(document, sections)
        data, _pages = render_bytes(content, fmt)
        self._write(out, data, label)
        # The file leaves out the sections without their data; whoever runs the job is told.
        for problem in missing:
            self.stderr.write(f"Cảnh báo: {problem}")

    def _sources(self, template, unit, year, options) -> dict:
        needs = template_needs(template.sections.all())
        sources = suggested_sources(unit, year=year, needs=needs)
        if options.get("grouping"):
            grouping = EmulationGrouping.objects.filter(year=year, name=options["grouping"]).first()
            if grouping is None:
                raise CommandError(f"Không có khối, cụm “{options['grouping']}” năm {year}.")
            sources["grouping"] = grouping
        if options.get("period"):
            try:
                _year, sources["period"] = parse_period(options["period"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        return sources

    def _write(self, out: Path, data: bytes, label: str) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        self.stderr.write(f"{label} → {out} ({format_number(len(data))} bytes)")
