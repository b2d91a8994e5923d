from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("khen-thuong/ho-so/", views.dossier_list, name="dossier_list"),
    path("khen-thuong/ho-so/them/", views.dossier_create, name="dossier_create"),
    path("khen-thuong/ho-so/<int:dossier_id>/", views.dossier_detail, name="dossier_detail"),
    path(
        "khen-thuong/ho-so/<int:dossier_id>/nguoi-duoc-de-nghi.xlsx",
        views.dossier_detail_xlsx,
        name="dossier_detail_xlsx",
    ),
    path("khen-thuong/ho-so/<int:dossier_id>/nguoi/", views.nominee_add, name="nominee_add"),
    path("khen-thuong/ho-so/<int:dossier_id>/bo-nguoi/", views.nominee_remove, name="nominee_remove"),
    path("khen-thuong/ho-so/<int:dossier_id>/tep/", views.attachment_upload, name="attachment_upload"),
    path("khen-thuong/ho-so/<int:dossier_id>/bo-tep/", views.attachment_remove, name="attachment_remove"),
    path("khen-thuong/ho-so/<int:dossier_id>/trang-thai/", views.dossier_state, name="dossier_state"),
    path(
        "khen-thuong/tep/<int:dossier_attachment_id>/", views.attachment_download, name="attachment_download"
    ),
    path("khen-thuong/ca-nhan/", views.person_list, name="person_list"),
    path("khen-thuong/ca-nhan.xlsx", views.person_list_xlsx, name="person_list_xlsx"),
    path("khen-thuong/ca-nhan/nhap/", views.history_import, name="history_import"),
    path("khen-thuong/ca-nhan/<int:person_id>/", views.person_detail, name="person_detail"),
    path(
        "khen-thuong/ca-nhan/<int:person_id>/qua-trinh.xlsx",
        views.person_detail_xlsx,
        name="person_detail_xlsx",
    ),
    path("khen-thuong/danh-muc/", views.catalogue, name="catalogue"),
    path("khen-thuong/danh-muc.xlsx", views.catalogue_xlsx, name="catalogue_xlsx"),
    path("khen-thuong/danh-muc/them/", views.award_form_edit, name="award_form_create"),
    path("khen-thuong/danh-muc/<int:award_form_id>/", views.award_form_edit, name="award_form_edit"),
    path("khen-thuong/luong-co-so/them/", views.base_salary_add, name="base_salary_add"),
    path("khen-thuong/quy-khen-thuong/", views.fund_list, name="fund_list"),
    path("khen-thuong/duoc-khen/", views.awardee_list, name="awardee_list"),
    path("khen-thuong/duoc-khen.xlsx", views.awardee_list_xlsx, name="awardee_list_xlsx"),
    path("khen-thuong/phan-bo/", views.quota_list, name="quota_list"),
    path("khen-thuong/phan-bo/<int:event_id>/", views.quota_detail, name="quota_detail"),
    path(
        "khen-thuong/phan-bo/<int:event_id>/phan-bo.xlsx", views.quota_detail_xlsx, name="quota_detail_xlsx"
    ),
    path("khen-thuong/so-ho-so.xlsx", views.dossier_register, {"fmt": "xlsx"}, name="register_xlsx"),
    path("khen-thuong/so-ho-so.pdf", views.dossier_register, {"fmt": "pdf"}, name="register_pdf"),
    path("khen-thuong/hoi-dong/", views.session_list, name="session_list"),
    path("khen-thuong/hoi-dong/them/", views.session_create, name="session_create"),
    path("khen-thuong/hoi-dong/<int:session_id>/", views.session_detail, name="session_detail"),
    path(
        "khen-thuong/hoi-dong/<int:session_id>/bieu-quyet.xlsx",
        views.session_detail_xlsx,
        name="session_detail_xlsx",
    ),
    path("khen-thuong/hoi-dong/<int:session_id>/ket-thuc/", views.session_close, name="session_close"),
    path("khen-thuong/hoi-dong/<int:session_id>/du-thao/", views.decision_draft, name="decision_draft"),
    path("khen-thuong/quyet-dinh/", views.decision_list, name="decision_list"),
    path("khen-thuong/quyet-dinh.xlsx", views.decision_list_xlsx, name="decision_list_xlsx"),
    path("khen-thuong/quyet-dinh/<int:decision_id>/", views.decision_detail, name="decision_detail"),
    path("khen-thuong/quyet-dinh/<int:decision_id>/ban-hanh/", views.decision_issue, name="decision_issue"),
    path("khen-thuong/quyet-dinh/<int:decision_id>/thu-hoi/", views.decision_revoke, name="decision_revoke"),
    path(
        "khen-thuong/quyet-dinh/<int:decision_id>/danh-sach.xlsx",
        views.decision_export,
        {"fmt": "xlsx"},
        name="decision_xlsx",
    ),
    path(
        "khen-thuong/quyet-dinh/<int:decision_id>/danh-sach.pdf",
        views.decision_export,
        {"fmt": "pdf"},
        name="decision_pdf",
    ),
    path("khen-thuong/thong-ke/", views.statistics_view, name="statistics"),
    path("khen-thuong/thong-ke.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
]
