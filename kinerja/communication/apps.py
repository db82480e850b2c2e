from django.apps import AppConfig


class CommunicationConfig(AppConfig):
    name = "kinerja.communication"
    label = "communication"
