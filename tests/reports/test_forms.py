from reports.enums import BlockKey, HeadingLevel, SectionKind
from reports.forms import TemplateForm, TemplateSectionFormSet
from tests.reports.conftest import template
from units.enums import DocumentKind

HEADER = {
    "name": "Báo cáo",
    "kind": DocumentKind.REPORT,
    "subject": "V/v",
    "place": "Lai Châu",
    "signer_post": "CHỦ TỊCH",
}


def _sections(*rows, initial=0) -> dict:
    data = {"sections-TOTAL_FORMS": str(len(rows)), "sections-INITIAL_FORMS": str(initial)}
    for i, row in enumerate(rows):
        data.update({f"sections-{i}-{name}": value for name, value in row.items()})
    return data


def test_a_new_template_starts_as_lai_chau_signs_and_refuses_a_code_in_use(db):
    blank = TemplateForm(template=None)
    assert (blank["place"].value(), blank["signer_post"].value(), blank["active"].value()) == (
        "Lai Châu",
        "CHỦ TỊCH",
        True,
    )
    taken = TemplateForm({**HEADER, "code": "annual"}, template=None)
    assert taken.errors == {"code": ["Mã mẫu đã tồn tại."]}
    assert TemplateForm({**HEADER, "code": "bao-cao-moi"}, template=None).is_valid()


def test_a_template_keeps_its_code(db):
    annual = template("annual")
    form = TemplateForm({**HEADER, "code": "doi-ma"}, template=annual)
    assert form.is_valid()
    assert form.cleaned_data["code"] == "annual"  # a disabled field keeps the stored value


def test_sections_are_the_kept_rows_in_their_order_without_the_deleted_ones(db):
    heading = {"kind": SectionKind.HEADING, "level": HeadingLevel.PART, "heading": "I. Tình hình"}
    block = {"kind": SectionKind.BLOCK, "level": HeadingLevel.PART, "block": BlockKey.AWARD_TABLE}
    data = _sections(
        {**heading, "order": "2"},
        {**block, "order": "1"},
        {**heading, "order": "3", "DELETE": "on"},
        {"order": "", "heading": "", "text": ""},  # the blank row left as it came
    )
    formset = TemplateSectionFormSet(data, template=None)
    assert formset.is_valid(), formset.errors
    assert [(s["order"], s["kind"], s["heading"], s["block"]) for s in formset.sections()] == [
        (1, SectionKind.BLOCK, "", BlockKey.AWARD_TABLE),
        (2, SectionKind.HEADING, "I. Tình hình", ""),
    ]
    assert all("DELETE" not in s for s in formset.sections())


def test_a_heading_without_words_and_a_block_without_its_kind_are_refused(db):
    formset = TemplateSectionFormSet(
        _sections(
            {"order": "1", "kind": SectionKind.HEADING, "level": HeadingLevel.PART, "heading": " "},
            {"order": "2", "kind": SectionKind.BLOCK, "level": HeadingLevel.PART},
        ),
        template=None,
    )
    assert not formset.is_valid()
    assert formset.errors[0] == {"heading": ["Đề mục không được để trống."]}
    assert formset.errors[1] == {"block": ["Chọn loại số liệu tự động."]}


def test_an_existing_templates_sections_are_its_rows(db):
    annual = template("annual")
    formset = TemplateSectionFormSet(template=annual)
    assert len(formset.initial_forms) == annual.sections.count()
    assert formset.forms[0]["order"].value() == annual.sections.first().order
