from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("khen-thuong/ho-so/", views.dossier_list, name="dossier_list"),
    path("khen-thuong/ho-so/them/", views.dossier_create, name="dossier_create"),
    path("khen-thuong/ho-so/<int:dossier_id>/", views.dossier_detail, name="dossier_detail"),
    path("khen-thuong/ho-so/<int:dossier_id>/nguoi/", views.nominee_add, name="nominee_add"),
    path("khen-thuong/ho-so/<int:dossier_id>/bo-nguoi/", views.nominee_remove, name="nominee_remove"),
    path("khen-thuong/ho-so/<int:dossier_id>/tep/", views.attachment_upload, name="attachment_upload"),
    path("khen-thuong/ho-so/<int:dossier_id>/trang-thai/", views.dossier_state, name="dossier_state"),
    path(
        "khen-thuong/tep/<int:dossier_attachment_id>/", views.attachment_download, name="attachment_download"
    ),
    path("khen-thuong/ca-nhan/", views.person_list, name="person_list"),
    path("khen-thuong/ca-nhan/<int:person_id>/", views.person_detail, name="person_detail"),
    path("khen-thuong/danh-muc/", views.catalogue, name="catalogue"),
    path("khen-thuong/phan-bo/", views.quota_list, name="quota_list"),
    path("khen-thuong/phan-bo/<int:event_id>/", views.quota_detail, name="quota_detail"),
]
