from django.urls import path

from . import views

app_name = "adoption"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("nama/<str:kind>/", views.people, name="people"),
    path("unduh.xlsx", views.export, name="export"),
]
