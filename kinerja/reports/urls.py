from django.urls import path

from . import dashboards, public, views

app_name = "reports"
urlpatterns = [
    path("audit/", views.audit_trail, name="audit_trail"),
    path("dasbor/", dashboards.dashboard, name="dashboard"),
    path("capaian/", dashboards.achievement, name="achievement"),
    path("capaian/tetapkan/", dashboards.achievement_result, name="achievement_result"),
    path("transparansi/", public.transparency, name="transparency"),
]
