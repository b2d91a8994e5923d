"""The reports pages' lists as XLSX sheets: the rows the page lists, every page of them."""

from django.utils.translation import gettext as _

from units.documents import DATE, Column, Sheet, local_date


def document_register_sheet(documents, *, year: int | None) -> Sheet:
    """The register of documents (sổ văn bản) as the list shows it."""
    columns = [
        Column(_("STT"), 6),
        Column(_("Số, ký hiệu"), 16),
        Column(_("Loại"), 14),
        Column(_("Trích yếu"), 60),
        Column(_("Đơn vị ban hành"), 32),
        Column(_("Năm"), 8),
        Column(_("Ngày ban hành"), 14, DATE),
        Column(_("Trạng thái"), 18),
    ]
    rows = [
        [
            i,
            d.number_text if d.number else "",
            d.get_kind_display(),
            " ".join(d.subject_lines),
            d.issuer.name,
            d.year,
            d.issued_on,
            d.get_state_display(),
        ]
        for i, d in enumerate(documents, start=1)
    ]
    heading = _("Sổ văn bản năm %(y)s") % {"y": year} if year else _("Sổ văn bản")
    return Sheet(_("Văn bản"), columns, rows, heading=heading)


def template_list_sheet(templates) -> Sheet:
    columns = [
        Column(_("Tên mẫu"), 50),
        Column(_("Mã"), 18),
        Column(_("Loại văn bản"), 16),
        Column(_("Cập nhật"), 12, DATE),
        Column(_("Trạng thái"), 14),
    ]
    rows = [
        [
            t.name,
            t.code,
            t.get_kind_display(),
            local_date(t.updated_at),
            _("Đang dùng") if t.active else _("Ngừng dùng"),
        ]
        for t in templates
    ]
    return Sheet(_("Mẫu văn bản"), columns, rows, heading=_("Mẫu văn bản"))
