from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("tong-quan.xlsx", views.home_xlsx, name="home_xlsx"),
    path("don-vi/", views.unit_tree, name="unit_tree"),
    path("don-vi.xlsx", views.unit_tree_xlsx, name="unit_tree_xlsx"),
    path("don-vi/them/", views.unit_create, name="unit_create"),
    path("don-vi/nhap/", views.unit_import, name="unit_import"),
    path("don-vi/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:unit_id>/lich-su.xlsx", views.unit_detail_xlsx, name="unit_detail_xlsx"),
    path("don-vi/<int:unit_id>/sua/", views.unit_update, name="unit_update"),
    path("don-vi/<int:unit_id>/chuyen/", views.unit_move, name="unit_move"),
    path("don-vi/<int:unit_id>/sap-nhap/", views.unit_merge, name="unit_merge"),
    path("don-vi/<int:unit_id>/giai-the/", views.unit_dissolve, name="unit_dissolve"),
    path("khoi-thi-dua/", views.grouping_list, name="grouping_list"),
    path("khoi-thi-dua.xlsx", views.grouping_list_xlsx, name="grouping_list_xlsx"),
    path("khoi-thi-dua/them/", views.grouping_create, name="grouping_create"),
    path("khoi-thi-dua/<int:grouping_id>/", views.grouping_detail, name="grouping_detail"),
    path(
        "khoi-thi-dua/<int:grouping_id>/thanh-vien.xlsx",
        views.grouping_detail_xlsx,
        name="grouping_detail_xlsx",
    ),
    path("khoi-thi-dua/<int:grouping_id>/sua/", views.grouping_update, name="grouping_update"),
    path("tai-khoan/", views.account_list, name="account_list"),
    path("tai-khoan.xlsx", views.account_list_xlsx, name="account_list_xlsx"),
    path("tai-khoan/them/", views.account_create, name="account_create"),
    path("tai-khoan/<int:user_id>/", views.account_detail, name="account_detail"),
    path("tai-khoan/<int:user_id>/khoa/", views.account_set_active, name="account_set_active"),
    path(
        "tai-khoan/<int:user_id>/dat-lai-mat-khau/",
        views.account_reset_password,
        name="account_reset_password",
    ),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    path("nhat-ky.xlsx", views.audit_log_xlsx, name="audit_log_xlsx"),
    path("thong-bao/", views.notifications, name="notifications"),
]
