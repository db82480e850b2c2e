"""Writes: notify (the one function other apps call), read marks, preferences, announcements.

Notifications and read marks are not written to the audit trail: they are personal,
high-volume and carry no decision. Announcements and preference changes are audited.

Modules by concern:

- `notifications`: `notify`, the e-mails it queues (`deliver_emails`), the links a message
  carries (`absolute_url`, `whatsapp_link`) and the user's read marks;
- `announcements`: publishing and editing announcements, notifying their audience once due,
  and the announcement read marks;
- `preferences`: the user's e-mail choices and the first-login tour.

Callers use `services.name(...)`; the public names are re-exported here. `BATCH_SIZE` is
re-exported to be read; a test that changes it patches `services.notifications.BATCH_SIZE`,
where `notify` and `deliver_emails` read it.
"""

from .announcements import (
    mark_announcement_read,
    notify_announcement_if_due,
    notify_due_announcements,
    publish_announcement,
    update_announcement,
)
from .notifications import (
    BATCH_SIZE,
    absolute_url,
    deliver_emails,
    mark_all_read,
    mark_read,
    notify,
    whatsapp_link,
)
from .preferences import dismiss_tour, set_email_preferences

__all__ = [
    "BATCH_SIZE",
    "absolute_url",
    "deliver_emails",
    "dismiss_tour",
    "mark_all_read",
    "mark_announcement_read",
    "mark_read",
    "notify",
    "notify_announcement_if_due",
    "notify_due_announcements",
    "publish_announcement",
    "set_email_preferences",
    "update_announcement",
    "whatsapp_link",
]
