"""Writes for formal documents: templates, drafts, issue, supersession, renderings."""

import hashlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from awards.enums import DecisionState
from emulation.services import issued_document_record
from reports import access
from reports.assembly import assemble, content_hash
from reports.blocks import REGISTRY, missing_sources
from reports.content import Content, sanitise_prose, text_to_prose
from reports.default_templates import TEMPLATES
from reports.enums import BlockKey, DocumentState, FileFormat, RenderState, SectionKind
from reports.models import Document, DocumentSection, DocumentTemplate, Rendering, TemplateSection
from reports.placeholders import fill, placeholder_values, unknown_placeholders
from reports.render_docx import docx_bytes
from reports.render_html import pdf_render
from reports.tasks import render_document
from units.audit import audit_record, diff, snapshot
from units.enums import AuditAction, DocumentKind, UnitKind
from units.models import Unit, User
from units.services import document_number_take

log = logging.getLogger(__name__)

HEADER_FIELDS = (
    "superior_body",
    "issuing_body",
    "symbol",
    "place",
    "subject",
    "recipients",
    "signing_authority",
    "signer_post",
    "signer_name",
)
SOURCE_FIELDS = (
    "scope",
    "grouping",
    "period",
    "plan",
    "campaign",
    "quota_event",
    "decision",
    "criteria_table",
)
TEMPLATE_FIELDS = (
    "name",
    "kind",
    "subject",
    "superior_body",
    "issuing_body",
    "symbol",
    "place",
    "recipients",
    "signing_authority",
    "signer_post",
    "signer_name",
    "active",
)
SECTION_FIELDS = ("order", "kind", "heading", "level", "text", "block", "appendix", "landscape")
# A provincial federation answers to the Tổng Liên đoàn, which is not a unit of the tree.
SUPERIOR_OF_PROVINCE = "Tổng LĐLĐ Việt Nam"


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


# --- Templates --------------------------------------------------------------------------------


def template_needs(sections) -> list[str]:
    """The document fields a template's computed blocks read (needed or optional), in a
    stable order: what the drafting form asks for."""
    blocks = [REGISTRY[s.block] for s in sections if s.kind == SectionKind.BLOCK]
    needed = {name for spec in blocks for name in (*spec.needs, *spec.uses)}
    return [name for name in SOURCE_FIELDS if name in needed]


def _check_texts(values: dict, sections: list[dict]) -> None:
    texts = [values.get("subject", ""), values.get("recipients", "")]
    texts += [s.get("heading", "") for s in sections] + [s.get("text", "") for s in sections]
    unknown = sorted({name for text in texts for name in unknown_placeholders(text)})
    if unknown:
        raise ValidationError(
            _("Không có trường thay thế: %(p)s.") % {"p": ", ".join("{" + name + "}" for name in unknown)}
        )
    for index, section in enumerate(sections, start=1):
        if section["kind"] == SectionKind.BLOCK and section.get("block") not in REGISTRY:
            raise ValidationError(_("Mục %(n)s: chọn loại số liệu tự động.") % {"n": index})
        if section["kind"] == SectionKind.HEADING and not section.get("heading", "").strip():
            raise ValidationError(_("Mục %(n)s: đề mục không được để trống.") % {"n": index})


@transaction.atomic
def template_save(*, template: DocumentTemplate | None, values: dict, sections: list[dict], by: User):
    """Create or change a template with its sections in one go (all or nothing). Only the
    province's staff keep templates. Placeholders must be known ones; prose is
    sanitised; documents already drafted keep their own copy of the sections."""
    _require(access.keeps_templates(by))
    _check_texts(values, sections)
    creating = template is None
    template = template or DocumentTemplate(code=values["code"])
    before = snapshot(template, TEMPLATE_FIELDS) if not creating else {}
    before_sections = [] if creating else list(template.sections.values(*SECTION_FIELDS))
    for name in TEMPLATE_FIELDS:
        if name in values:
            setattr(template, name, values[name])
    template.updated_by = by
    template.full_clean()
    template.save()
    cleaned = [
        {**s, "text": sanitise_prose(s.get("text", "")) if s["kind"] == SectionKind.PROSE else ""}
        for s in sections
    ]
    template.sections.all().delete()
    defaults = {k: TemplateSection._meta.get_field(k).get_default() for k in SECTION_FIELDS}
    TemplateSection.objects.bulk_create(
        TemplateSection(template=template, **{k: s.get(k, defaults[k]) for k in SECTION_FIELDS})
        for s in cleaned
    )
    after_sections = list(template.sections.values(*SECTION_FIELDS))
    changes = diff(before, snapshot(template, TEMPLATE_FIELDS)) if not creating else {"code": template.code}
    if before_sections != after_sections:
        changes["sections"] = [len(before_sections), len(after_sections)]
    audit_record(
        action=AuditAction.CREATE if creating else AuditAction.UPDATE, by=by, obj=template, changes=changes
    )
    return template


# --- Drafting ----------------------------------------------------------------------------------


def _default_header(template: DocumentTemplate, issuer: Unit) -> dict:
    parent = issuer.parent
    if template.superior_body:
        superior = template.superior_body
    elif parent is not None:
        superior = parent.short_name or parent.name
    else:
        superior = SUPERIOR_OF_PROVINCE if issuer.kind == UnitKind.PROVINCE else ""
    last = (
        Document.objects.filter(issuer=issuer, template=template)
        .exclude(signer_name="")
        .order_by("-created_at")
        .values_list("signer_name", flat=True)
        .first()
    )
    return {
        "superior_body": superior,
        "issuing_body": template.issuing_body or issuer.short_name or issuer.name,
        "symbol": template.symbol or issuer.symbol,
        "place": template.place,
        "signing_authority": template.signing_authority,
        "signer_post": template.signer_post,
        "signer_name": template.signer_name or last or "",
    }


def draft_from_template(*, template: DocumentTemplate, issuer: Unit, year: int, sources: dict, by=None):
    """An unsaved document and its unsaved sections, placeholders filled: what
    `document_create` saves and what `make_report` renders when nothing is saved yet."""
    with translation.override("vi"):
        document = Document(
            issuer=issuer,
            template=template,
            kind=template.kind,
            year=year,
            created_by=by,
            **_default_header(template, issuer),
            **{name: value for name, value in sources.items() if name in SOURCE_FIELDS},
        )
        values = placeholder_values(document)
        document.subject = fill(template.subject, values)
        document.recipients = fill(template.recipients, values)
        sections = [
            DocumentSection(
                document=document,
                order=s.order,
                kind=s.kind,
                heading=fill(s.heading, values),
                level=s.level,
                text=fill(s.text, values),
                block=s.block,
                appendix=s.appendix,
                landscape=s.landscape,
            )
            for s in template.sections.all()
        ]
    return document, sections


@transaction.atomic
def document_create(
    *, template: DocumentTemplate, issuer: Unit, year: int, sources: dict, by: User
) -> Document:
    """Draft a document of `issuer` from a template. Preconditions: `by` writes for the
    issuer, and every source the caller passes was fetched through a scoped helper."""
    _require(access.can_write(by) and issuer.is_in_subtree_of(by.unit))
    if not template.active:
        raise ValidationError(_("Mẫu văn bản này đã ngừng dùng."))
    document, sections = draft_from_template(
        template=template, issuer=issuer, year=year, sources=sources, by=by
    )
    document.full_clean(exclude=["frozen"])
    document.save()
    for section in sections:
        section.document = document
    DocumentSection.objects.bulk_create(sections)
    audit_record(
        action=AuditAction.CREATE,
        by=by,
        obj=document,
        changes={"template": template.code, "year": year, **{k: str(v) for k, v in sources.items() if v}},
    )
    return document


def _draft_only(document: Document) -> None:
    if document.state != DocumentState.DRAFT:
        raise ValidationError(_("Văn bản đã ban hành không sửa được; hãy soạn văn bản thay thế."))


@transaction.atomic
def document_update(*, document: Document, by: User, **values) -> Document:
    """Change a draft's header texts and data sources."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _require(access.can_edit(by, document))
    _draft_only(document)
    fields = [name for name in (*HEADER_FIELDS, *SOURCE_FIELDS) if name in values]
    before = snapshot(document, fields)
    for name in fields:
        setattr(document, name, values[name])
    document.full_clean(exclude=["frozen"])
    changes = diff(before, snapshot(document, fields))
    if changes:
        document.save()
        audit_record(action=AuditAction.UPDATE, by=by, obj=document, changes=changes)
    return document


@transaction.atomic
def document_section_update(*, section: DocumentSection, text: str, by: User) -> DocumentSection:
    """Rewrite a narrative section of a draft. The HTML is cleaned to paragraphs, bold,
    italic and lists before it is stored."""
    document = Document.objects.select_for_update().get(pk=section.document_id)
    _require(access.can_edit(by, document))
    _draft_only(document)
    if section.kind != SectionKind.PROSE:
        raise ValidationError(_("Phần này tính từ số liệu, không soạn thảo được."))
    cleaned = sanitise_prose(text)
    if cleaned == section.text:
        return section
    before = section.text
    section.text, section.updated_by = cleaned, by
    section.save(update_fields=["text", "updated_by", "updated_at"])
    document.save(update_fields=["updated_at"])
    audit_record(
        action=AuditAction.UPDATE,
        by=by,
        obj=document,
        changes={"section": section.heading or section.pk, "text": [before, cleaned]},
    )
    return section


@transaction.atomic
def document_delete(*, document: Document, by: User) -> None:
    """Delete a draft that will not be issued, with its preview files. An issued document
    is never deleted: it is superseded."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    _require(access.can_edit(by, document))
    _draft_only(document)
    files = [r.file for r in document.renderings.all() if r.file]
    audit_record(
        action=AuditAction.DELETE,
        by=by,
        obj=document,
        changes={"kind": document.kind, "year": document.year, "subject": document.subject},
    )
    document.delete()
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


@transaction.atomic
def document_section_remove(*, section: DocumentSection, by: User) -> None:
    """Leave a section out of a draft (an appendix with no score table this year, a
    heading not wanted). The template keeps it for the next document."""
    document = Document.objects.select_for_update().get(pk=section.document_id)
    _require(access.can_edit(by, document))
    _draft_only(document)
    removed = {"heading": section.heading, "kind": section.kind, "block": section.block}
    section.delete()
    document.save(update_fields=["updated_at"])
    audit_record(action=AuditAction.DELETE, by=by, obj=document, changes={"section": removed})


# --- Issue and supersession --------------------------------------------------------------------

MOVES = {
    DocumentState.DRAFT: {DocumentState.ISSUED},
    DocumentState.ISSUED: {DocumentState.SUPERSEDED},
    DocumentState.SUPERSEDED: set(),
}


def missing_for_issue(document: Document, sections=None) -> list[str]:
    """One sentence per computed section whose source is not chosen yet, naming the
    section, its block and what to choose. The draft page shows them, issuing waits until
    there are none, and the document itself prints nothing in their place.
    `sections` for a document not saved yet (make_report)."""
    if sections is None:
        sections = document.sections.filter(kind=SectionKind.BLOCK)
    problems = []
    for section in sections:
        if section.kind != SectionKind.BLOCK or not (missing := missing_sources(document, section.block)):
            continue
        names = [str(Document._meta.get_field(name).verbose_name) for name in missing]
        values = {
            "section": section.heading.strip(),
            "block": BlockKey(section.block).label,
            "source": get_text_list(names, _("và")),
        }
        if values["section"]:
            problems.append(_("Phần “%(section)s” (%(block)s) chưa có số liệu: chọn %(source)s.") % values)
        else:
            problems.append(_("Phần “%(block)s” chưa có số liệu: chọn %(source)s.") % values)
    return problems


def _take_number(document: Document, issued_on) -> None:
    if document.decision_id:
        decision = document.decision
        if decision.state != DecisionState.ISSUED:
            raise ValidationError(
                _("Quyết định khen thưởng chưa ban hành: ban hành quyết định trước để có số.")
            )
        document.kind, document.symbol = DocumentKind.DECISION, decision.symbol
        document.number, document.issued_on = decision.number, decision.signed_on
        return
    document.number = document_number_take(
        issuer=document.issuer, year=issued_on.year, kind=document.kind, symbol=document.symbol
    )
    document.issued_on = issued_on


def _check_issue(document: Document, issued_on) -> None:
    if issued_on is None:
        raise ValidationError(_("Nhập ngày ban hành."))
    if issued_on > timezone.localdate():
        raise ValidationError(_("Ngày ban hành không được sau hôm nay."))
    missing = missing_for_issue(document)
    if missing:
        raise ValidationError(
            _("Chưa ban hành được. %(m)s Chọn trong “Sửa thông tin văn bản”, hoặc bỏ phần đó.")
            % {"m": " ".join(missing)}
        )


def _issue(obj: Document, *, by: User | None, issued_on) -> None:
    """The issuing move of set_document_state, on the locked row."""
    _check_issue(obj, issued_on)
    _take_number(obj, issued_on)
    obj.state, obj.issued_by, obj.issued_at = DocumentState.ISSUED, by, timezone.now()
    obj.frozen = assemble(obj).to_data()
    obj.save()
    renderings = [
        Rendering.objects.create(document=obj, format=fmt, archived=True, requested_by=by)
        for fmt in FileFormat.values
    ]
    if obj.replaces_id:
        set_document_state(obj=obj.replaces, to=DocumentState.SUPERSEDED, by=None)
    if obj.kind == DocumentKind.PLAN:
        # The plan or the campaign this Kế hoạch puts out now carries its number.
        for source in (obj.plan, obj.campaign):
            if source is not None:
                issued_document_record(obj=source, number=obj.number_text, day=obj.issued_on, by=by)
    transaction.on_commit(lambda: [_enqueue(r.pk) for r in renderings])


@transaction.atomic
def set_document_state(*, obj: Document, to: str, by: User | None, issued_on=None) -> Document:
    """dự thảo → đã ban hành → đã được thay thế.

    Issuing takes the next number of the issuer's body, type and calendar year under a
    row lock (an award decision's document takes the decision's number and date),
    freezes the content as it reads at that moment and queues the PDF and the DOCX for
    the archive; issuing a replacement supersedes the document it replaces. Only the
    system (`by` None) supersedes directly.
    """
    if by is not None:
        # The role first: an account that may not issue is refused before anything is
        # said about the document's state.
        _require(to == DocumentState.ISSUED and access.can_edit(by, obj))
    if to not in DocumentState.values:
        raise ValidationError(_("Trạng thái không hợp lệ."))
    given = obj
    obj = (
        Document.objects.select_for_update(of=("self",))
        .select_related("issuer", "decision", "plan", "campaign")
        .get(pk=obj.pk)
    )
    if obj.state == to:
        return obj
    if to not in MOVES[obj.state]:
        raise ValidationError(
            _("Không thể chuyển văn bản từ “%(a)s” sang “%(b)s”.")
            % {"a": obj.get_state_display(), "b": DocumentState(to).label}
        )
    before = obj.state
    if to == DocumentState.ISSUED:
        _issue(obj, by=by, issued_on=issued_on)
    else:
        obj.state = to
        obj.save(update_fields=["state", "updated_at"])
    audit_record(
        action=AuditAction.STATE,
        by=by,
        obj=obj,
        changes={"state": [before, to], "number": obj.number_text if obj.number else ""},
    )
    for name in ("state", "number", "issued_on", "kind", "symbol", "frozen", "issued_by", "issued_at"):
        setattr(given, name, getattr(obj, name))
    return obj


@transaction.atomic
def document_replace(*, document: Document, by: User) -> Document:
    """A new draft to correct an issued document (văn bản thay thế): a copy of it that,
    once issued with its own number, marks the original superseded."""
    _require(access.can_edit(by, document))
    if document.state != DocumentState.ISSUED:
        raise ValidationError(_("Chỉ thay thế được văn bản đang có hiệu lực."))
    if document.replacements.filter(state=DocumentState.DRAFT).exists():
        raise ValidationError(_("Văn bản này đã có một dự thảo thay thế."))
    sections = list(document.sections.all())
    copy = Document.objects.get(pk=document.pk)
    copy.pk = None
    copy.state, copy.number, copy.issued_on, copy.frozen = DocumentState.DRAFT, None, None, None
    copy.issued_by = copy.issued_at = None
    copy.replaces, copy.created_by = document, by
    copy.save()
    for section in sections:
        section.pk, section.document = None, copy
    DocumentSection.objects.bulk_create(sections)
    audit_record(action=AuditAction.CREATE, by=by, obj=copy, changes={"replaces": document.number_text})
    return copy


# --- Renderings ---------------------------------------------------------------------------------


def _enqueue(rendering_id: int) -> None:
    render_document.enqueue(rendering_id)


@transaction.atomic
def rendering_request(*, document: Document, fmt: str, by: User) -> Rendering:
    """Queue a PDF or DOCX of a draft for the worker. An issued document is never
    rendered again: its archive was made at issue."""
    _require(access.can_edit(by, document))
    if fmt not in FileFormat.values:
        raise ValidationError(_("Định dạng không hợp lệ."))
    _draft_only(document)
    pending = document.renderings.filter(
        format=fmt, archived=False, state__in=[RenderState.QUEUED, RenderState.RUNNING]
    ).first()
    if pending is not None:
        return pending
    rendering = Rendering.objects.create(document=document, format=fmt, requested_by=by)
    transaction.on_commit(lambda: _enqueue(rendering.pk))
    return rendering


@transaction.atomic
def rendering_retry(*, rendering: Rendering, by: User) -> Rendering:
    """Queue again an archive rendering that failed (it renders the frozen content)."""
    _require(access.can_edit(by, rendering.document))
    rendering = Rendering.objects.select_for_update().get(pk=rendering.pk)
    if rendering.state != RenderState.FAILED:
        return rendering
    rendering.state, rendering.error = RenderState.QUEUED, ""
    rendering.save(update_fields=["state", "error"])
    transaction.on_commit(lambda: _enqueue(rendering.pk))
    return rendering


def render_bytes(content: Content, fmt: str) -> tuple[bytes, int | None]:
    if fmt == FileFormat.PDF:
        return pdf_render(content)
    return docx_bytes(content), None


def rendering_run(*, rendering_id: int) -> Rendering:
    """The worker's job: render, store under a generated name, record the checksum.
    Idempotent: a finished rendering is left alone. A failure is recorded, not raised,
    so the page can say so and offer to try again."""
    with transaction.atomic():
        rendering = Rendering.objects.select_for_update().select_related("document").get(pk=rendering_id)
        if rendering.state == RenderState.DONE:
            return rendering
        rendering.state = RenderState.RUNNING
        rendering.save(update_fields=["state"])
    document = rendering.document
    try:
        # An issued document is rendered from what was frozen at issue, never from the data.
        content = Content.from_data(document.frozen) if rendering.archived else assemble(document)
        data, pages = render_bytes(content, rendering.format)
    except Exception as exc:  # a broken render must not leave the rendering "running"
        log.exception("Rendering %s of document %s failed", rendering.pk, document.pk)
        rendering.state, rendering.error, rendering.finished_at = (
            RenderState.FAILED,
            str(exc)[:2000],
            timezone.now(),
        )
        rendering.save(update_fields=["state", "error", "finished_at"])
        return rendering
    rendering.file.save(f"{rendering.format}", ContentFile(data), save=False)
    rendering.sha256 = hashlib.sha256(data).hexdigest()
    rendering.size, rendering.pages = len(data), pages
    rendering.content_hash = content_hash(content)
    rendering.state, rendering.finished_at = RenderState.DONE, timezone.now()
    rendering.save()
    return rendering


def archive_is_intact(rendering: Rendering) -> bool:
    """The archived file still has the checksum recorded when it was made."""
    digest = hashlib.sha256()
    with rendering.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest() == rendering.sha256


@transaction.atomic
def default_templates_load(*, reset: bool = False) -> list[str]:
    """Create the seeds' templates that are missing (by code); `reset` puts back the
    shipped text of existing ones. Staff's edits are kept otherwise. Returns the codes
    written."""
    written = []
    for spec in TEMPLATES:
        template = DocumentTemplate.objects.filter(code=spec["code"]).first()
        if template is not None and not reset:
            continue
        values = {k: v for k, v in spec.items() if k != "sections"}
        template = template or DocumentTemplate(code=spec["code"])
        for name, value in values.items():
            setattr(template, name, value)
        template.order = [t["code"] for t in TEMPLATES].index(spec["code"])
        template.full_clean()
        template.save()
        template.sections.all().delete()
        TemplateSection.objects.bulk_create(
            TemplateSection(
                template=template,
                order=position,
                kind=section["kind"],
                heading=section.get("heading", ""),
                level=section.get("level", 1),
                text=sanitise_prose(text_to_prose(section.get("text", ""))),
                block=section.get("block", ""),
                appendix=section.get("appendix", False),
                landscape=section.get("landscape", False),
            )
            for position, section in enumerate(spec["sections"], start=1)
        )
        if reset:  # putting back the shipped text over staff's edits is a change worth a record
            audit_record(
                action=AuditAction.IMPORT, by=None, obj=template, changes={"template": template.code}
            )
        written.append(template.code)
    return written
