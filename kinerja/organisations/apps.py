from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "kinerja.organisations"
    label = "organisations"
