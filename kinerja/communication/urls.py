from django.urls import path

from . import views

app_name = "communication"
urlpatterns = [
    path("notifikasi/", views.notifications, name="notifications"),
    path("notifikasi/<int:pk>/baca/", views.notification_read, name="notification_read"),
    path("notifikasi/<int:pk>/buka/", views.notification_open, name="notification_open"),
    path("notifikasi/baca-semua/", views.notifications_read_all, name="notifications_read_all"),
    path("preferensi-surel/", views.preferences, name="preferences"),
    path("pengumuman/", views.announcements, name="announcements"),
    path("pengumuman/baru/", views.announcement_create, name="announcement_create"),
    path("pengumuman/<int:pk>/", views.announcement, name="announcement"),
    path("pengumuman/<int:pk>/ubah/", views.announcement_edit, name="announcement_edit"),
    path(
        "pengumuman/<int:pk>/tanda-baca/", views.announcement_receipts, name="announcement_receipts"
    ),
    path("panduan/", views.guide, name="guide"),
    path("panduan/<slug:slug>/", views.guide_page, name="guide_page"),
    path("tur/tutup/", views.tour_dismiss, name="tour_dismiss"),
]
