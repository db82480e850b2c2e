from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("", views.my_skp, name="my_skp"),
    path("persetujuan/", views.review_queue, name="review_queue"),
    path("skp/<int:pk>/", views.skp_detail, name="skp_detail"),
    path("skp/<int:pk>/pdf/", views.skp_pdf, name="skp_pdf"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
    path("skp/<int:pk>/rhk/tambah/", views.rhk_add, name="rhk_add"),
    path("skp/<int:pk>/lampiran/tambah/", views.attachment_add, name="attachment_add"),
    path("skp/<int:pk>/ekspektasi/", views.expectations, name="expectations"),
    path("skp/<int:pk>/aksi/<str:action>/", views.skp_action, name="skp_action"),
    path("rhk/<int:pk>/ubah/", views.rhk_edit, name="rhk_edit"),
    path("rhk/<int:pk>/hapus/", views.rhk_delete, name="rhk_delete"),
    path("rhk/<int:pk>/bagikan/", views.distribute, name="distribute"),
    path("rhk/<int:pk>/indikator/tambah/", views.indicator_add, name="indicator_add"),
    path("indikator/<int:pk>/ubah/", views.indicator_edit, name="indicator_edit"),
    path("indikator/<int:pk>/hapus/", views.indicator_delete, name="indicator_delete"),
    path("lampiran/<int:pk>/hapus/", views.attachment_delete, name="attachment_delete"),
]
