from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "kinerja.leadership"
    label = "leadership"
