from django.urls import path

from awards.views import awardees, council, dossiers, people

app_name = "awards"

urlpatterns = [
    path("khen-thuong/ho-so/", dossiers.dossier_list, name="dossier_list"),
    path("khen-thuong/ho-so/them/", dossiers.dossier_create, name="dossier_create"),
    path("khen-thuong/ho-so/<int:dossier_id>/", dossiers.dossier_detail, name="dossier_detail"),
    path(
        "khen-thuong/ho-so/<int:dossier_id>/nguoi-duoc-de-nghi.xlsx",
        dossiers.dossier_detail_xlsx,
        name="dossier_detail_xlsx",
    ),
    path("khen-thuong/ho-so/<int:dossier_id>/nguoi/", dossiers.nominee_add, name="nominee_add"),
    path("khen-thuong/ho-so/<int:dossier_id>/bo-nguoi/", dossiers.nominee_remove, name="nominee_remove"),
    path("khen-thuong/ho-so/<int:dossier_id>/tep/", dossiers.attachment_upload, name="attachment_upload"),
    path("khen-thuong/ho-so/<int:dossier_id>/bo-tep/", dossiers.attachment_remove, name="attachment_remove"),
    path("khen-thuong/ho-so/<int:dossier_id>/trang-thai/", dossiers.dossier_state, name="dossier_state"),
    path(
        "khen-thuong/tep/<int:dossier_attachment_id>/",
        dossiers.attachment_download,
        name="attachment_download",
    ),
    path("khen-thuong/ca-nhan/", people.person_list, name="person_list"),
    path("khen-thuong/ca-nhan.xlsx", people.person_list_xlsx, name="person_list_xlsx"),
    path("khen-thuong/ca-nhan/nhap/", people.history_import, name="history_import"),
    path("khen-thuong/ca-nhan/<int:person_id>/", people.person_detail, name="person_detail"),
    path(
        "khen-thuong/ca-nhan/<int:person_id>/qua-trinh.xlsx",
        people.person_detail_xlsx,
        name="person_detail_xlsx",
    ),
    path("khen-thuong/danh-muc/", people.catalogue, name="catalogue"),
    path("khen-thuong/danh-muc.xlsx", people.catalogue_xlsx, name="catalogue_xlsx"),
    path("khen-thuong/danh-muc/them/", people.award_form_edit, name="award_form_create"),
    path("khen-thuong/danh-muc/<int:award_form_id>/", people.award_form_edit, name="award_form_edit"),
    path("khen-thuong/luong-co-so/them/", people.base_salary_add, name="base_salary_add"),
    path("khen-thuong/quy-khen-thuong/", people.fund_list, name="fund_list"),
    path("khen-thuong/duoc-khen/", awardees.awardee_list, name="awardee_list"),
    path("khen-thuong/duoc-khen.xlsx", awardees.awardee_list_xlsx, name="awardee_list_xlsx"),
    path("khen-thuong/phan-bo/", people.quota_list, name="quota_list"),
    path("khen-thuong/phan-bo/<int:event_id>/", people.quota_detail, name="quota_detail"),
    path(
        "khen-thuong/phan-bo/<int:event_id>/phan-bo.xlsx", people.quota_detail_xlsx, name="quota_detail_xlsx"
    ),
    path("khen-thuong/so-ho-so.xlsx", dossiers.dossier_register, {"fmt": "xlsx"}, name="register_xlsx"),
    path("khen-thuong/so-ho-so.pdf", dossiers.dossier_register, {"fmt": "pdf"}, name="register_pdf"),
    path("khen-thuong/hoi-dong/", council.session_list, name="session_list"),
    path("khen-thuong/hoi-dong/them/", council.session_create, name="session_create"),
    path("khen-thuong/hoi-dong/<int:session_id>/", council.session_detail, name="session_detail"),
    path(
        "khen-thuong/hoi-dong/<int:session_id>/bieu-quyet.xlsx",
        council.session_detail_xlsx,
        name="session_detail_xlsx",
    ),
    path("khen-thuong/hoi-dong/<int:session_id>/ket-thuc/", council.session_close, name="session_close"),
    path("khen-thuong/hoi-dong/<int:session_id>/du-thao/", council.decision_draft, name="decision_draft"),
    path("khen-thuong/quyet-dinh/", council.decision_list, name="decision_list"),
    path("khen-thuong/quyet-dinh.xlsx", council.decision_list_xlsx, name="decision_list_xlsx"),
    path("khen-thuong/quyet-dinh/<int:decision_id>/", council.decision_detail, name="decision_detail"),
    path("khen-thuong/quyet-dinh/<int:decision_id>/ban-hanh/", council.decision_issue, name="decision_issue"),
    path(
        "khen-thuong/quyet-dinh/<int:decision_id>/thu-hoi/", council.decision_revoke, name="decision_revoke"
    ),
    path(
        "khen-thuong/quyet-dinh/<int:decision_id>/danh-sach.xlsx",
        council.decision_export,
        {"fmt": "xlsx"},
        name="decision_xlsx",
    ),
    path(
        "khen-thuong/quyet-dinh/<int:decision_id>/danh-sach.pdf",
        council.decision_export,
        {"fmt": "pdf"},
        name="decision_pdf",
    ),
    path("khen-thuong/thong-ke/", awardees.statistics_view, name="statistics"),
    path("khen-thuong/thong-ke.xlsx", awardees.statistics_xlsx, name="statistics_xlsx"),
]
