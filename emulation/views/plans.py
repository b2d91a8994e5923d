from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from emulation import access, exports, imports, queries, services
from emulation.enums import TaskStatus
from emulation.forms import PlanImportForm
from units.documents import xlsx_download
from units.imports import ImportFileError
from units.shortcuts import require


def plan_list(request):
    return render(
        request,
        "emulation/plan_list.html",
        {"plans": queries.plan_list(request.user)[:50], "can_manage": access.can_manage_cycle(request.user)},
    )


def _plan_context(plan):
    tasks = queries.plan_tasks(plan, today=timezone.localdate())
    return {
        "plan": plan,
        "quarters": [(q, [t for t in tasks if t.quarter == q]) for q in (1, 2, 3, 4)],
        "statuses": TaskStatus.choices,
        "overdue": sum(t.overdue for t in tasks),
    }


def plan_detail(request, plan_id: int):
    plan = queries.get_plan_for_user(request.user, plan_id)
    context = _plan_context(plan)
    context["can_manage"] = access.can_manage_cycle(request.user) and plan.owner.is_in_subtree_of(
        request.user.unit
    )
    return render(request, "emulation/plan_detail.html", context)


def plan_detail_xlsx(request, plan_id: int):
    plan = queries.get_plan_for_user(request.user, plan_id)
    sheet = exports.plan_sheet(plan, _plan_context(plan)["quarters"])
    return xlsx_download([sheet], filename=f"ke-hoach-{plan.year}-{plan.pk}.xlsx")


def plan_print(request, plan_id: int):
    plan = queries.get_plan_for_user(request.user, plan_id)
    return render(request, "emulation/plan_print.html", _plan_context(plan))


@require_POST
def plan_task_status(request, plan_id: int):
    plan = queries.get_plan_for_user(request.user, plan_id)
    # The role first: a read-only account is refused before the task or status is read.
    require(request.user, request.user.role in access.ACTING_ROLES)
    task_id = request.POST.get("task", "")
    task = plan.tasks.filter(pk=int(task_id) if task_id.isdigit() else 0).first()
    status = request.POST.get("status", "")
    if task is None or status not in TaskStatus.values:
        raise Http404
    services.task_set_status(task=task, status=status, by=request.user)
    return redirect(f"{plan.get_absolute_url()}#t{task.pk}")


@require_http_methods(["GET", "POST"])
def plan_import(request):
    """Create (or replace) the user's unit plan for a year from a task file in the layout
    of seed 001 (quarter, content, units responsible)."""
    require(request.user, access.can_manage_cycle(request.user))
    form = PlanImportForm(request.POST or None, request.FILES or None)
    read = imports.PlanFile()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            read = imports.read_plan_file(data["file"].name, data["file"].read())
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        if form.is_valid() and not read.errors:
            plan = services.plan_save(
                owner=request.user.unit,
                year=data["year"],
                title=data["title"],
                by=request.user,
                tasks=read.tasks,
                document_number=data["document_number"],
                document_date=data["document_date"],
            )
            messages.success(request, _("Đã lưu kế hoạch với %(n)s nhiệm vụ.") % {"n": len(read.tasks)})
            return redirect(plan)
    return render(request, "emulation/plan_import.html", {"form": form, "errors": read.errors})
