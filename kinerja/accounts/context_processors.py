"""Navigation by role, computed from the user's Access once per request."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from kinerja.organisations.access import access_for

# (label, url name, who sees it). Later features add their entries here.
MENU = [
    ("Beranda", "home", "all"),
    ("Struktur Organisasi", "organisations:tree", "all"),
    ("Direktori Pegawai", "organisations:directory", "all"),
    ("Impor Data", "accounts:import", "admin"),
    ("Jejak Audit", "reports:audit_trail", "auditor"),
    ("SKP Saya", "planning:my_skp", "all"),
    ("Persetujuan SKP", "planning:review_queue", "assessor"),
    ("Pengumuman", "communication:announcements", "all"),
    ("Panduan", "communication:guide", "all"),
    ("Pengembangan", "development:mine", "all"),
    ("Pengembangan Tim", "development:team", "assessor"),
    ("Diklat & JP", "development:admin", "admin"),
    ("Realisasi & Penilaian", "evaluation:mine", "all"),
    ("Penilaian Tim", "evaluation:team", "assessor"),
    ("Kalibrasi", "evaluation:calibration", "admin"),
]


def _visible(rule: str, access) -> bool:
    if rule == "all":
        return True
    if rule == "admin":
        return access.manages_all or access.is_opd_admin
    if rule == "auditor":
        return access.is_auditor or access.is_superuser or access.manages_all
    if rule == "assessor":
        return access.is_assessor
    return False


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    access = access_for(user)
    items = []
    for label, name, rule in MENU:
        if not _visible(rule, access):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        items.append(
            {
                "label": label,
                "url": url,
                "active": request.path == url or (url != "/" and request.path.startswith(url)),
            }
        )
    # Only the most specific match is current (/organisasi/pegawai/ is not also the tree).
    current = [item for item in items if item["active"]]
    for item in current:
        item["active"] = item is max(current, key=lambda i: len(i["url"]))
    return {"nav_items": items, "access": access}
