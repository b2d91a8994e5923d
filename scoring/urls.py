from django.urls import path

from scoring import views

app_name = "scoring"

urlpatterns = [
    path("cham-diem/", views.table_list, name="table_list"),
    path("cham-diem.xlsx", views.table_list_xlsx, name="table_list_xlsx"),
    path("cham-diem/nhap/", views.table_import, name="table_import"),
    path("cham-diem/bang/<int:table_id>/", views.table_detail, name="table_detail"),
    path("cham-diem/bang/<int:table_id>/sua/", views.table_update, name="table_update"),
    path("cham-diem/bang/<int:table_id>/trang-thai/", views.table_state, name="table_state"),
    path("cham-diem/bang/<int:table_id>/phien-ban-moi/", views.table_new_version, name="table_new_version"),
    path("cham-diem/bang/<int:table_id>/tu-cham/", views.sheet_open, name="sheet_open"),
    path("cham-diem/bang/<int:table_id>/bang.xlsx", views.table_export, {"fmt": "xlsx"}, name="table_xlsx"),
    path("cham-diem/bang/<int:table_id>/bang.pdf", views.table_export, {"fmt": "pdf"}, name="table_pdf"),
    path("cham-diem/bang/<int:table_id>/xep-hang/", views.ranking, name="ranking"),
    path(
        "cham-diem/bang/<int:table_id>/xep-hang.xlsx",
        views.ranking_export,
        {"fmt": "xlsx"},
        name="ranking_xlsx",
    ),
    path(
        "cham-diem/bang/<int:table_id>/xep-hang.pdf", views.ranking_export, {"fmt": "pdf"}, name="ranking_pdf"
    ),
    path("cham-diem/phieu/<int:sheet_id>/", views.sheet_detail, name="sheet_detail"),
    path("cham-diem/phieu/<int:sheet_id>/trang-thai/", views.sheet_state, name="sheet_state"),
    path(
        "cham-diem/phieu/<int:sheet_id>/ket-qua-truong-khoi/",
        views.sheet_appraisal_record,
        name="sheet_appraisal_record",
    ),
    path("cham-diem/phieu/<int:sheet_id>/so-sanh/", views.sheet_compare, name="sheet_compare"),
    path("cham-diem/phieu/<int:sheet_id>/so-sanh.xlsx", views.sheet_compare_xlsx, name="sheet_compare_xlsx"),
    path("cham-diem/phieu/<int:sheet_id>/phieu.xlsx", views.sheet_export, {"fmt": "xlsx"}, name="sheet_xlsx"),
    path("cham-diem/phieu/<int:sheet_id>/phieu.pdf", views.sheet_export, {"fmt": "pdf"}, name="sheet_pdf"),
    path("cham-diem/phieu/<int:sheet_id>/muc/<int:criterion_id>/", views.item_score, name="item_score"),
    path(
        "cham-diem/phieu/<int:sheet_id>/muc/<int:criterion_id>/minh-chung/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path("cham-diem/minh-chung/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
]
