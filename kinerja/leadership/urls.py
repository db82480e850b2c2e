from django.urls import path

from . import views

app_name = "leadership"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("anggota/cari/", views.member_options, name="member_options"),
    path("rhk/cari/", views.rhk_search, name="rhk_search"),
    path("arahan/", views.my_directions, name="my_directions"),
    path("arahan/menunggu/", views.pending_directions, name="pending_directions"),
    path("arahan/beri/", views.direction_add, name="direction_add"),
    path("arahan/<int:pk>/konfirmasi/", views.direction_acknowledge, name="direction_acknowledge"),
    path("kunjungan/", views.field_visits, name="field_visits"),
    path("kunjungan/catat/", views.field_visit_add, name="field_visit_add"),
    path("kunjungan/<int:pk>/", views.field_visit, name="field_visit"),
    path("kunjungan/foto/<int:pk>/", views.field_visit_photo, name="field_visit_photo"),
    path("tindak-lanjut/", views.my_follow_ups, name="my_follow_ups"),
    path("tindak-lanjut/<int:pk>/selesai/", views.follow_up_close, name="follow_up_close"),
]
