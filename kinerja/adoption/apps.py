from django.apps import AppConfig


class AdoptionConfig(AppConfig):
    name = "kinerja.adoption"
    label = "adoption"
