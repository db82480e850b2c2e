"""The kinds of notification the product sends: Indonesian label, default e-mail choice, reminder."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NotificationKind:
    label: str
    email_default: bool
    is_reminder: bool = False


# Slug → kind. A user's NotificationPreference overrides `email_default` for their own e-mail.
KINDS: dict[str, NotificationKind] = {
    "skp_returned": NotificationKind("SKP dikembalikan untuk diperbaiki", True),
    "skp_approved": NotificationKind("SKP disetujui", True),
    "skp_submitted": NotificationKind("SKP diajukan untuk persetujuan", True),
    "rhk_distributed": NotificationKind("RHK dibagikan atasan (matriks peran hasil)", True),
    "period_opened": NotificationKind("Periode penilaian dibuka", True),
    "period_closing": NotificationKind("Periode penilaian segera ditutup", True, is_reminder=True),
    "feedback_received": NotificationKind("Umpan balik diterima", True),
    "evaluation_done": NotificationKind("Penilaian kinerja selesai", True),
    "appeal_filed": NotificationKind("Keberatan diajukan", True),
    "appeal_decided": NotificationKind("Keberatan diputuskan", True),
    "direction_received": NotificationKind("Arahan pimpinan diterima", True),
    "training_invitation": NotificationKind("Undangan pelatihan", True),
    "skp_deadline": NotificationKind("Pengingat tenggat SKP", True, is_reminder=True),
    "evaluations_waiting": NotificationKind(
        "Pengingat penilaian yang menunggu", True, is_reminder=True
    ),
    "jp_below_target": NotificationKind("Pengingat JP belum mencapai target", False, True),
    "announcement": NotificationKind("Pengumuman", False),
    "login_reminder": NotificationKind("Pengingat masuk aplikasi", True, is_reminder=True),
}


def kind_label(kind: str) -> str:
    found = KINDS.get(kind)
    return found.label if found else kind
