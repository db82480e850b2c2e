from django.urls import path

from . import views

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
    path("skp/<int:skp_id>/periode/<int:period_id>/ajukan/", views.submit, name="submit"),
    path("skp/<int:skp_id>/periode/<int:period_id>/nilai/", views.rate, name="rate"),
    path("skp/<int:skp_id>/periode/<int:period_id>/terima/", views.acknowledge, name="acknowledge"),
    path("skp/<int:skp_id>/periode/<int:period_id>/umpan-balik/", views.feedback, name="feedback"),
]
