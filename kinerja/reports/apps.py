from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "kinerja.reports"
    label = "reports"

    def ready(self) -> None:
        from . import signals

        signals.connect()
