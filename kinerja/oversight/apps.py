from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "kinerja.oversight"
    label = "oversight"
