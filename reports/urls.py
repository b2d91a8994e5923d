from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("bang-dieu-khien.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("bang-dieu-khien/don-vi/<int:unit_id>/", views.unit_dashboard, name="unit_dashboard"),
    path("bang-dieu-khien/don-vi/<int:unit_id>.xlsx", views.unit_dashboard_xlsx, name="unit_dashboard_xlsx"),
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban.xlsx", views.document_list_xlsx, name="document_list_xlsx"),
    path("van-ban/soan/", views.document_create, name="document_create"),
    path("van-ban/<int:document_id>/", views.document_detail, name="document_detail"),
    path("van-ban/<int:document_id>/sua/", views.document_update, name="document_update"),
    path("van-ban/<int:document_id>/tep/", views.document_files, name="document_files"),
    path("van-ban/<int:document_id>/tao-tep/", views.rendering_request, name="rendering_request"),
    path("van-ban/<int:document_id>/ban-hanh/", views.document_issue, name="document_issue"),
    path("van-ban/<int:document_id>/thay-the/", views.document_replace, name="document_replace"),
    path("van-ban/<int:document_id>/xoa/", views.document_delete, name="document_delete"),
    path("van-ban/phan/<int:section_id>/", views.section_update, name="section_update"),
    path("van-ban/phan/<int:section_id>/bo/", views.section_remove, name="section_remove"),
    path("van-ban/tep/<int:rendering_id>/", views.rendering_download, name="rendering_download"),
    path("van-ban/tep/<int:rendering_id>/tao-lai/", views.rendering_retry, name="rendering_retry"),
    path("mau-van-ban/", views.template_list, name="template_list"),
    path("mau-van-ban.xlsx", views.template_list_xlsx, name="template_list_xlsx"),
    path("mau-van-ban/them/", views.template_edit, name="template_create"),
    path("mau-van-ban/<int:template_id>/", views.template_edit, name="template_detail"),
]
