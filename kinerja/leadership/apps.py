from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "kinerja.leadership"
    label = "leadership"

    def ready(self) -> None:
        from kinerja.communication.reminders import register_reminder

        from .reminders import JOBS

        for name, job in JOBS.items():
            register_reminder(name, job)
