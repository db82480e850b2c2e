from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .imports import views as import_views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/", views.password_change, name="password_change"),
    path("token/", views.tokens, name="tokens"),
    path("token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
    path("impor/", import_views.upload, name="import"),
    path("impor/templat.xlsx", import_views.template_download, name="import_template"),
    path(
        "impor/templat-<str:kind>.csv", import_views.template_download, name="import_template_csv"
    ),
    path("impor/<int:pk>/", import_views.job_detail, name="import_job"),
    path("impor/<int:pk>/simpan/", import_views.job_confirm, name="import_confirm"),
    path("impor/<int:pk>/akun-awal.csv", import_views.job_credentials, name="import_credentials"),
]
