from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kinerja.audit"
    label = "audit"
