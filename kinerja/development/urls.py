from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("kebutuhan/hitung/", views.derive, name="derive"),
    path("pelatihan/<int:pk>/daftar/", views.register, name="register"),
    path("pendaftaran/<int:pk>/batal/", views.cancel, name="cancel"),
    path("pendaftaran/<int:pk>/umpan-balik/", views.feedback, name="feedback"),
    path("pendaftaran/<int:pk>/tindakan/", views.registration_action, name="registration_action"),
    path("lapor/", views.report_external, name="report"),
    path("sertifikat/<str:kind>/<int:pk>/", views.certificate, name="certificate"),
    path("rencana/<str:nip>/tambah/", views.plan_item_add, name="plan_item_add"),
    path("rencana/<int:pk>/setujui/", views.plan_agree, name="plan_agree"),
    path(
        "rencana/<str:nip>/usulan-perbaikan/",
        views.plan_adopt_improvement,
        name="plan_adopt_improvement",
    ),
    path("rencana/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("verifikasi/<str:code>/", views.plan_verify, name="plan_verify"),
    path("tim/", views.team, name="team"),
    path("kebutuhan/<int:pk>/status/", views.need_status, name="need_status"),
    path("kebutuhan/<str:nip>/tambah/", views.need_add, name="need_add"),
    path("laporan/<int:pk>/putuskan/", views.report_decide, name="report_decide"),
    path("kelola/", views.admin, name="admin"),
    path("kelola/katalog/tambah/", views.activity_edit, name="activity_add"),
    path("kelola/katalog/<int:pk>/", views.activity_edit, name="activity_edit"),
    path("kelola/pelatihan/tambah/", views.event_edit, name="event_add"),
    path("kelola/pelatihan/<int:pk>/ubah/", views.event_edit, name="event_edit"),
    path("pelatihan/<int:pk>/", views.event_detail, name="event"),
    path("pelatihan/<int:pk>/undang/", views.invite_targets, name="invite_targets"),
    path("kelola/aturan-jp/", views.rules, name="rules"),
    path("kelola/capaian-jp/", views.attainment, name="attainment"),
    path("kelola/analisis-kebutuhan/", views.needs_analysis, name="needs_analysis"),
    path("kelola/ekspor-jp.xlsx", views.export_jp, name="export_jp"),
]
