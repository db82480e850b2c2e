from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("audit/", views.audit_trail, name="audit_trail"),
]
