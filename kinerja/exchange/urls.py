from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("ekspor/", views.export, name="export"),
    path("log/", views.export_log, name="log"),
    path("impor/", views.imports, name="imports"),
    path("impor/<int:pk>/", views.import_detail, name="import_detail"),
    path("impor/<int:pk>/terima/", views.import_apply, name="import_apply"),
    path("impor/<int:pk>/batal/", views.import_discard, name="import_discard"),
]
