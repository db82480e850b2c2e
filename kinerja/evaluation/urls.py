from django.urls import path

from . import document_views, file_views, views

app_name = "evaluation"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("tim/", views.team, name="team"),
    path("kalibrasi/", views.calibration, name="calibration"),
    path("penilaian/<int:evaluation_id>/kalibrasi/", views.adjust, name="adjust"),
    path("skp/<int:skp_id>/periode/<int:period_id>/", views.period_page, name="period"),
    path(
        "skp/<int:skp_id>/periode/<int:period_id>/indikator/<int:indicator_id>/",
        views.save_realisation,
        name="realisation",
    ),
    path("skp/<int:skp_id>/periode/<int:period_id>/bukti/", views.upload_evidence, name="evidence"),
    path("bukti/<int:evidence_id>/berkas/", file_views.evidence_file, name="evidence_file"),
    path("skp/<int:skp_id>/periode/<int:period_id>/ajukan/", views.submit, name="submit"),
    path("skp/<int:skp_id>/periode/<int:period_id>/nilai/", views.rate, name="rate"),
    path("skp/<int:skp_id>/periode/<int:period_id>/terima/", views.acknowledge, name="acknowledge"),
    path("skp/<int:skp_id>/periode/<int:period_id>/umpan-balik/", views.feedback, name="feedback"),
    path("skp/<int:skp_id>/umpan-balik/", views.feedback_history, name="feedback_history"),
    path("dialog/", views.dialogues, name="dialogues"),
    path("skp/<int:skp_id>/dialog/", views.dialogue, name="dialogue"),
    path("skp/<int:skp_id>/dialog/catat/", views.dialogue_add, name="dialogue_add"),
    path("dialog/tindak-lanjut/<int:action_id>/selesai/", views.action_done, name="action_done"),
    path("keberatan/", views.appeals, name="appeals"),
    path("keberatan/register/", views.appeal_register, name="appeal_register"),
    path("penilaian/<int:evaluation_id>/keberatan/", views.appeal_file, name="appeal_file"),
    path("keberatan/<int:appeal_id>/", views.appeal, name="appeal"),
    path(
        "keberatan/<int:appeal_id>/minta-penjelasan/",
        views.appeal_request,
        name="appeal_request",
    ),
    path("keberatan/<int:appeal_id>/penjelasan/", views.appeal_explain, name="appeal_explain"),
    path("keberatan/<int:appeal_id>/putuskan/", views.appeal_decide, name="appeal_decide"),
    path("capaian-organisasi/", views.org_results, name="org_results"),
    path("capaian-organisasi/<int:unit_id>/", views.org_result_set, name="org_result_set"),
    # Official documents and their public verification (document_views.py)
    path(
        "penilaian/<int:evaluation_id>/dokumen.pdf",
        document_views.evaluation_pdf,
        name="evaluation_pdf",
    ),
    path(
        "penetapan/<int:determination_id>/dokumen.pdf",
        document_views.determination_pdf,
        name="determination_pdf",
    ),
    path("kalibrasi/tandatangani/", document_views.sign_determination, name="sign_determination"),
    path("verifikasi/<str:code>/", document_views.verify, name="verify"),
]
