from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("pegawai/", views.directory, name="directory"),
    path("pegawai/<str:nip>/", views.profile, name="profile"),
    path("pegawai/<str:nip>/koreksi-penilai/", views.assessor_override, name="assessor_override"),
]
