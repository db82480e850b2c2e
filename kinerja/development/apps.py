from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "kinerja.development"
    label = "development"
