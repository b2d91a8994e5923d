"""People and their history, the catalogue of award forms and base salaries, the award
fund and the quotas."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from awards import access, exports, queries, services
from awards.filters import PersonFilter
from awards.forms import AwardFormForm, AwardFundForm, BaseSalaryForm, HistoryImportForm
from awards.history_import import history_import as history_save
from awards.history_import import parse_history
from awards.models import AwardForm, BaseSalary
from awards.quotas import quota_totals
from units.audit import audit_record
from units.documents import xlsx_download
from units.enums import AuditAction
from units.imports import ImportFileError
from units.shortcuts import paginate, require


def _person_filter(request):
    return PersonFilter(request.GET, queryset=queries.people_list(request.user))


def person_list(request):
    filterset = _person_filter(request)
    return render(
        request, "awards/person_list.html", {"page": paginate(request, filterset.qs), "filter": filterset}
    )


def person_list_xlsx(request):
    """The people list without sensitive data (exports.py says which)."""
    filterset = _person_filter(request)
    sheet = exports.people_sheet(filterset.qs, text=filterset.value("q"))
    return xlsx_download([sheet], filename="ca-nhan.xlsx")


def person_detail(request, person_id: int):
    person = queries.get_person_for_user(request.user, person_id)
    sensitive = queries.sees_sensitive_data(request.user, person)
    if sensitive and person.ethnicity:
        # Reading sensitive personal data is audited (the person's ethnicity).
        audit_record(
            action=AuditAction.READ_SENSITIVE, by=request.user, obj=person, changes={"field": "ethnicity"}
        )
    return render(
        request,
        "awards/person_detail.html",
        {"person": person, "history": person.history.select_related("award_form"), "sensitive": sensitive},
    )


def person_detail_xlsx(request, person_id: int):
    """The person's history table only: the ethnicity stays on the (audited) page."""
    person = queries.get_person_for_user(request.user, person_id)
    sheet = exports.person_history_sheet(person, person.history.select_related("award_form"))
    return xlsx_download([sheet], filename=f"qua-trinh-{person.pk}.xlsx")


@require_http_methods(["GET", "POST"])
def history_import(request):
    """Past years' history from a file: every bad row listed, nothing saved while any is."""
    require(request.user, request.user.role in access.ACTING_ROLES)
    form = HistoryImportForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = parse_history(upload.name, upload.read(), scope=request.user.unit)
            count = history_save(rows=rows, by=request.user, source=upload.name)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        except ValidationError:
            pass  # the rows carry their errors
        else:
            messages.success(request, _("Đã nhập %(n)s dòng quá trình.") % {"n": count})
            return redirect("awards:person_list")
    return render(request, "awards/history_import.html", {"form": form, "rows": rows})


def catalogue(request):
    return render(
        request,
        "awards/catalogue.html",
        {
            "forms": AwardForm.objects.all(),
            "salaries": BaseSalary.objects.all(),
            "can_manage": access.keeps_catalogue(request.user),
            "salary_form": BaseSalaryForm(),
        },
    )


def catalogue_xlsx(request):
    """The catalogue belongs to the province and is read by every account, like its page."""
    sheets = exports.catalogue_sheets(AwardForm.objects.all(), BaseSalary.objects.all())
    return xlsx_download(sheets, filename="danh-muc-khen-thuong.xlsx")


@require_http_methods(["GET", "POST"])
def award_form_edit(request, award_form_id: int | None = None):
    """Provincial admins keep the catalogue: forms, coefficients, documents, checks."""
    require(request.user, access.keeps_catalogue(request.user))
    # The catalogue is the province's and read by every account: no unit to check.
    instance = get_object_or_404(AwardForm, pk=award_form_id) if award_form_id else None
    form = AwardFormForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        award_form = services.award_form_save(
            award_form=form.save(commit=False),
            eligibility=form.cleaned_data["eligibility_text"],
            created=instance is None,
            by=request.user,
        )
        messages.success(request, _("Đã lưu %(n)s.") % {"n": award_form.name})
        return redirect("awards:catalogue")
    return render(request, "awards/award_form_edit.html", {"form": form, "instance": instance})


@require_POST
def base_salary_add(request):
    require(request.user, access.keeps_catalogue(request.user))
    form = BaseSalaryForm(request.POST)
    if form.is_valid():
        services.base_salary_add(row=form.save(commit=False), by=request.user)
        messages.success(request, _("Đã thêm mức lương cơ sở."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("awards:catalogue")


@require_http_methods(["GET", "POST"])
def fund_list(request):
    """The unit's award fund per year beside the prize money its issued decisions pay."""
    unit = request.user.unit
    can_manage = access.keeps_fund(request.user)
    form = AwardFundForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        require(request.user, can_manage)
        if form.is_valid():
            try:
                fund = services.award_fund_save(owner=unit, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã lưu quỹ khen thưởng năm %(y)s.") % {"y": fund.year})
                return redirect("awards:fund_list")
    return render(
        request,
        "awards/fund_list.html",
        {"rows": queries.fund_rows(unit), "form": form, "can_manage": can_manage, "unit": unit},
    )


def quota_list(request):
    return render(request, "awards/quota_list.html", {"events": queries.quota_list(request.user)[:100]})


def _quota(request, event_id: int):
    event = queries.get_quota_for_user(request.user, event_id)
    allocations = list(event.allocations.select_related("unit"))
    return event, allocations, quota_totals(event), services.quota_use_by_unit(event=event)


def quota_detail(request, event_id: int):
    event, allocations, totals, use = _quota(request, event_id)
    return render(
        request,
        "awards/quota_detail.html",
        {"event": event, "allocations": allocations, "totals": totals, "use": use},
    )


def quota_detail_xlsx(request, event_id: int):
    event, allocations, totals, use = _quota(request, event_id)
    sheet = exports.quota_sheet(event, allocations, totals, use)
    return xlsx_download([sheet], filename=f"phan-bo-{event.year}-{event.pk}.xlsx")
