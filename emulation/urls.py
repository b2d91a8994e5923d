from django.urls import path

from emulation import views

app_name = "emulation"

urlpatterns = [
    path("thi-dua/", views.overview, name="overview"),
    path("thi-dua/phong-trao/", views.campaign_list, name="campaign_list"),
    path("thi-dua/phong-trao/them/", views.campaign_create, name="campaign_create"),
    path("thi-dua/phong-trao/<int:campaign_id>/", views.campaign_detail, name="campaign_detail"),
    path("thi-dua/phong-trao/<int:campaign_id>/sua/", views.campaign_update, name="campaign_update"),
    path("thi-dua/phong-trao/<int:campaign_id>/trang-thai/", views.campaign_state, name="campaign_state"),
    path("thi-dua/ke-hoach/", views.plan_list, name="plan_list"),
    path("thi-dua/ke-hoach/nhap/", views.plan_import, name="plan_import"),
    path("thi-dua/ke-hoach/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("thi-dua/ke-hoach/<int:plan_id>/in/", views.plan_print, name="plan_print"),
    path("thi-dua/ke-hoach/<int:plan_id>/nhiem-vu/", views.plan_task_status, name="plan_task_status"),
    path("thi-dua/thoi-han/", views.deadline_list, name="deadline_list"),
    path("thi-dua/thoi-han/them/", views.deadline_create, name="deadline_create"),
    path("thi-dua/thoi-han/<int:deadline_id>/sua/", views.deadline_update, name="deadline_update"),
    path("thi-dua/theo-doi-han/", views.deadline_board, name="deadline_board"),
    path("thi-dua/dang-ky/", views.registration_list, name="registration_list"),
    path("thi-dua/dang-ky/bang/", views.registration_grid, name="registration_grid"),
    path("thi-dua/dang-ky/nhap/", views.registration_import, name="registration_import"),
    path("thi-dua/dang-ky/mau.xlsx", views.registration_template, name="registration_template"),
    path("thi-dua/dang-ky/<int:registration_id>/", views.registration_detail, name="registration_detail"),
    path("thi-dua/dang-ky/<int:registration_id>/sua/", views.registration_update, name="registration_update"),
    path(
        "thi-dua/dang-ky/<int:registration_id>/trang-thai/",
        views.registration_state,
        name="registration_state",
    ),
    path("thi-dua/chi-tieu/", views.indicator_view, name="indicators"),
    path("thi-dua/chi-tieu/nhap/", views.indicator_import, name="indicator_import"),
    path("thi-dua/chi-tieu/danh-muc/", views.indicator_definitions, name="indicator_definitions"),
    path("thi-dua/chi-tieu/danh-muc/them/", views.indicator_create, name="indicator_create"),
    path("thi-dua/chi-tieu.xlsx", views.indicator_export, name="indicator_export"),
    path("thi-dua/bao-cao/", views.report_list, name="report_list"),
    path("thi-dua/bao-cao/mo/", views.report_start, name="report_start"),
    path("thi-dua/bao-cao/<int:report_id>/", views.report_detail, name="report_detail"),
    path("thi-dua/bao-cao/<int:report_id>/sua/", views.report_update, name="report_update"),
    path("thi-dua/bao-cao/<int:report_id>/gui/", views.report_submit, name="report_submit"),
]
