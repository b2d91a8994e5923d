from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from emulation import access, exports, queries, services
from emulation.forms import CampaignForm
from units.documents import xlsx_download
from units.shortcuts import form_errors_from, paginate, require


def campaign_list(request):
    return render(
        request,
        "emulation/campaign_list.html",
        {
            "page": paginate(request, queries.campaign_list(request.user)),
            "can_manage": access.can_manage_cycle(request.user),
        },
    )


def campaign_list_xlsx(request):
    sheet = exports.campaign_list_sheet(queries.campaign_list(request.user))
    return xlsx_download([sheet], filename="phong-trao-thi-dua.xlsx")


def _may_manage(user, campaign) -> bool:
    return access.can_manage_cycle(user) and campaign.owner.is_in_subtree_of(user.unit)


def campaign_detail(request, campaign_id: int):
    campaign = queries.get_campaign_for_user(request.user, campaign_id)
    return render(
        request,
        "emulation/campaign_detail.html",
        {
            "campaign": campaign,
            "targets": queries.target_units(campaign),
            "can_manage": _may_manage(request.user, campaign),
        },
    )


def _campaign_form(request, campaign=None):
    form = CampaignForm(request.POST or None, request.FILES or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "document"}
        try:
            campaign = services.campaign_save(
                campaign=campaign,
                owner=campaign.owner if campaign else request.user.unit,
                by=request.user,
                document=form.cleaned_data.get("document") or None,
                **data,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Đã lưu phong trào."))
            return redirect(campaign)
    title = _("Sửa phong trào") if campaign else _("Thêm phong trào thi đua")
    return render(request, "emulation/form.html", {"form": form, "title": title, "multipart": True})


@require_http_methods(["GET", "POST"])
def campaign_create(request):
    require(request.user, access.can_manage_cycle(request.user))
    return _campaign_form(request)


@require_http_methods(["GET", "POST"])
def campaign_update(request, campaign_id: int):
    campaign = queries.get_campaign_for_user(request.user, campaign_id)
    require(request.user, _may_manage(request.user, campaign))
    return _campaign_form(request, campaign)


@require_POST
def campaign_state(request, campaign_id: int):
    campaign = queries.get_campaign_for_user(request.user, campaign_id)
    try:
        services.set_campaign_state(obj=campaign, to=request.POST.get("to", ""), by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Phong trào: %(s)s.") % {"s": campaign.get_state_display()})
    return redirect(campaign)
