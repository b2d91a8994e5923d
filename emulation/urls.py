from django.urls import path

from emulation.views import campaigns, deadlines, indicators, plans, registrations, reports

app_name = "emulation"

urlpatterns = [
    path("thi-dua/", deadlines.overview, name="overview"),
    path("thi-dua/phong-trao/", campaigns.campaign_list, name="campaign_list"),
    path("thi-dua/phong-trao.xlsx", campaigns.campaign_list_xlsx, name="campaign_list_xlsx"),
    path("thi-dua/phong-trao/them/", campaigns.campaign_create, name="campaign_create"),
    path("thi-dua/phong-trao/<int:campaign_id>/", campaigns.campaign_detail, name="campaign_detail"),
    path("thi-dua/phong-trao/<int:campaign_id>/sua/", campaigns.campaign_update, name="campaign_update"),
    path("thi-dua/phong-trao/<int:campaign_id>/trang-thai/", campaigns.campaign_state, name="campaign_state"),
    path("thi-dua/ke-hoach/", plans.plan_list, name="plan_list"),
    path("thi-dua/ke-hoach/nhap/", plans.plan_import, name="plan_import"),
    path("thi-dua/ke-hoach/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("thi-dua/ke-hoach/<int:plan_id>/in/", plans.plan_print, name="plan_print"),
    path("thi-dua/ke-hoach/<int:plan_id>/ke-hoach.xlsx", plans.plan_detail_xlsx, name="plan_detail_xlsx"),
    path("thi-dua/ke-hoach/<int:plan_id>/nhiem-vu/", plans.plan_task_status, name="plan_task_status"),
    path("thi-dua/thoi-han/", deadlines.deadline_list, name="deadline_list"),
    path("thi-dua/thoi-han.xlsx", deadlines.deadline_list_xlsx, name="deadline_list_xlsx"),
    path("thi-dua/thoi-han/them/", deadlines.deadline_create, name="deadline_create"),
    path("thi-dua/thoi-han/<int:deadline_id>/sua/", deadlines.deadline_update, name="deadline_update"),
    path("thi-dua/theo-doi-han/", deadlines.deadline_board, name="deadline_board"),
    path("thi-dua/theo-doi-han.xlsx", deadlines.deadline_board_xlsx, name="deadline_board_xlsx"),
    path("thi-dua/dang-ky/", registrations.registration_list, name="registration_list"),
    path("thi-dua/dang-ky.xlsx", registrations.registration_list_xlsx, name="registration_list_xlsx"),
    path("thi-dua/dang-ky/bang/", registrations.registration_grid, name="registration_grid"),
    path("thi-dua/dang-ky/nhap/", registrations.registration_import, name="registration_import"),
    path("thi-dua/dang-ky/mau.xlsx", registrations.registration_template, name="registration_template"),
    path(
        "thi-dua/dang-ky/<int:registration_id>/",
        registrations.registration_detail,
        name="registration_detail",
    ),
    path(
        "thi-dua/dang-ky/<int:registration_id>/sua/",
        registrations.registration_update,
        name="registration_update",
    ),
    path(
        "thi-dua/dang-ky/<int:registration_id>/trang-thai/",
        registrations.registration_state,
        name="registration_state",
    ),
    path("thi-dua/chi-tieu/", indicators.indicator_view, name="indicators"),
    path("thi-dua/chi-tieu/nhap/", indicators.indicator_import, name="indicator_import"),
    path("thi-dua/chi-tieu/danh-muc/", indicators.indicator_definitions, name="indicator_definitions"),
    path(
        "thi-dua/chi-tieu/danh-muc.xlsx",
        indicators.indicator_definitions_xlsx,
        name="indicator_definitions_xlsx",
    ),
    path("thi-dua/chi-tieu/danh-muc/them/", indicators.indicator_create, name="indicator_create"),
    path("thi-dua/chi-tieu.xlsx", indicators.indicator_export, name="indicator_export"),
    path("thi-dua/bao-cao/", reports.report_list, name="report_list"),
    path("thi-dua/bao-cao.xlsx", reports.report_list_xlsx, name="report_list_xlsx"),
    path("thi-dua/bao-cao/mo/", reports.report_start, name="report_start"),
    path("thi-dua/bao-cao/<int:report_id>/", reports.report_detail, name="report_detail"),
    path(
        "thi-dua/bao-cao/<int:report_id>/so-lieu.xlsx", reports.report_detail_xlsx, name="report_detail_xlsx"
    ),
    path("thi-dua/bao-cao/<int:report_id>/sua/", reports.report_update, name="report_update"),
    path("thi-dua/bao-cao/<int:report_id>/gui/", reports.report_submit, name="report_submit"),
]
