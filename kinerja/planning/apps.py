from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "kinerja.planning"
    label = "planning"

    def ready(self) -> None:
        from kinerja.communication.reminders import register_reminder

        from .monitoring import remind_skp_deadline

        register_reminder("skp_deadline", remind_skp_deadline)
