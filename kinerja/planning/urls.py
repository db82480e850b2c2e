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
    path("kinerja-organisasi/", views.org_performance, name="org_performance"),
    path("kinerja-organisasi/sasaran/<int:pk>/ubah/", views.goal_edit, name="goal_edit"),
    path("kinerja-organisasi/sasaran/<int:pk>/hapus/", views.goal_delete, name="goal_delete"),
    path(
        "kinerja-organisasi/target/<int:pk>/ubah/",
        views.agreement_target_edit,
        name="agreement_target_edit",
    ),
    path(
        "kinerja-organisasi/target/<int:pk>/hapus/",
        views.agreement_target_delete,
        name="agreement_target_delete",
    ),
    path("kinerja-organisasi/impor/", views.org_import, name="org_import"),
    path("kinerja-organisasi/templat/", views.org_import_template, name="org_template"),
    path("cascade/", views.cascade, name="cascade"),
    path("cascade/simpul/", views.cascade_node, name="cascade_node"),
    path("cascade/cakupan/", views.cascade_coverage, name="cascade_coverage"),
    path("monitoring/", views.monitoring_page, name="monitoring"),
    path("monitoring/pengingat/", views.monitoring_remind, name="monitoring_remind"),
    path("skp/<int:pk>/salin-tahun-lalu/", views.copy_previous, name="copy_previous"),
]
