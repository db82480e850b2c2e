from django.apps import AppConfig


class AdoptionConfig(AppConfig):
    name = "kinerja.adoption"
    label = "adoption"
    verbose_name = "Adopsi"

    def ready(self) -> None:
        from kinerja.communication.reminders import register_reminder

        from .services import take_weekly_snapshot

        # Runs with the daily reminders; the snapshot is per ISO week, so daily runs refresh
        # the current week's row and never add one.
        register_reminder("adoption_snapshot", take_weekly_snapshot)
