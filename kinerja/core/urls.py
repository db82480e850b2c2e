from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("sehat/", views.health, name="health"),
]
