from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("pegawai/", views.directory, name="directory"),
    path("pegawai/tambah/", views.employee_add, name="employee_add"),
    path("peran/", views.roles, name="roles"),
    path("peran/<int:pk>/cabut/", views.role_revoke, name="role_revoke"),
    path("pegawai/<str:nip>/", views.profile, name="profile"),
    path("pegawai/<str:nip>/koreksi-penilai/", views.assessor_override, name="assessor_override"),
    path("pegawai/<str:nip>/ubah/", views.employee_edit, name="employee_edit"),
    path("pegawai/<str:nip>/jabatan/", views.assignment_add, name="assignment_add"),
    path("pegawai/<str:nip>/jabatan/<int:pk>/akhiri/", views.assignment_end, name="assignment_end"),
]
