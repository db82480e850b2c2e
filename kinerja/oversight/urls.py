from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.exceptions, name="exceptions"),
    path("excel/", views.exceptions_xlsx, name="exceptions_xlsx"),
]
