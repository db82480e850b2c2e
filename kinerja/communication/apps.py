from django.apps import AppConfig


class CommunicationConfig(AppConfig):
    name = "kinerja.communication"
    label = "communication"
    verbose_name = "Komunikasi"

    def ready(self) -> None:
        from .reminders import register_reminder, remind_never_logged_in
        from .services import notify_due_announcements

        register_reminder("never_logged_in", remind_never_logged_in)
        register_reminder("scheduled_announcements", notify_due_announcements)
