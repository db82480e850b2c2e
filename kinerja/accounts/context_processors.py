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
    ("Peran Pengguna", "organisations:roles", "bkpsdm"),
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
    ("Dialog Kinerja", "evaluation:dialogues", "all"),
    ("Keberatan", "evaluation:appeals", "all"),
    ("Register Keberatan", "evaluation:appeal_register", "admin"),
    ("Capaian Organisasi", "evaluation:org_results", "head"),
    ("Ruang Pimpinan", "leadership:workspace", "assessor"),
    ("Tindak Lanjut Saya", "leadership:my_follow_ups", "all"),
    ("Kinerja Organisasi", "planning:org_performance", "all"),
    ("Monitoring SKP", "planning:monitoring", "admin"),
    ("Adopsi Aplikasi", "adoption:overview", "adoption"),
    ("Pengawasan", "oversight:exceptions", "auditor"),
    ("Pertukaran SIASN", "exchange:index", "admin"),
    ("Dasbor Kinerja", "reports:dashboard", "dashboard"),
    ("Capaian Kinerja IKU", "reports:achievement", "all"),
    ("Transparansi Publik", "reports:transparency", "all"),
]


# Menu groups in the top bar, in display order; an item's group is found by its URL name.
GROUPS = [
    (
        "Kinerja Saya",
        (
            "planning:my_skp",
            "evaluation:mine",
            "evaluation:dialogues",
            "evaluation:appeals",
            "development:mine",
            "leadership:my_follow_ups",
        ),
    ),
    (
        "Tim Saya",
        (
            "leadership:workspace",
            "planning:review_queue",
            "evaluation:team",
            "evaluation:org_results",
            "development:team",
        ),
    ),
    (
        "Organisasi",
        (
            "organisations:tree",
            "organisations:directory",
            "planning:org_performance",
            "reports:dashboard",
            "reports:achievement",
        ),
    ),
    (
        "Kelola",
        (
            "accounts:import",
            "planning:monitoring",
            "adoption:overview",
            "evaluation:calibration",
            "evaluation:appeal_register",
            "development:admin",
            "organisations:roles",
            "reports:audit_trail",
            "oversight:exceptions",
            "exchange:index",
        ),
    ),
    (
        "Informasi",
        ("communication:announcements", "communication:guide", "reports:transparency"),
    ),
]
_GROUP_OF = {name: label for label, names in GROUPS for name in names}


def _visible(rule: str, access) -> bool:
    if rule == "all":
        return True
    if rule == "admin":
        return access.manages_all or access.is_opd_admin
    if rule == "auditor":
        return access.is_auditor or access.is_superuser or access.manages_all
    if rule == "bkpsdm":
        return access.manages_all
    if rule == "assessor":
        return access.is_assessor
    if rule == "dashboard":  # regency-wide readers, OPD admins and unit heads
        return access.sees_all or access.is_opd_admin or access.is_head
    if rule == "head":
        return access.is_head or access.is_leadership
    if rule == "adoption":
        # Regency-wide readers, OPD admins and heads of a perangkat daerah (a depth-1 unit,
        # whose path has two segments), as kinerja.adoption.selectors.can_view_adoption.
        return (
            access.sees_all
            or access.is_opd_admin
            or any(path.count("/") == 2 for path in access.headed_unit_paths)
        )
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
                "name": name,
                "group": _GROUP_OF.get(name, ""),
                "url": url,
                "active": request.path == url or (url != "/" and request.path.startswith(url)),
            }
        )
    # Only the most specific match is current (/organisasi/pegawai/ is not also the tree).
    current = [item for item in items if item["active"]]
    for item in current:
        item["active"] = item is max(current, key=lambda i: len(i["url"]))
    groups = []
    for group_label, names in GROUPS:
        members = sorted(
            (item for item in items if item["group"] == group_label),
            key=lambda i: names.index(i["name"]),
        )
        if members:
            groups.append(
                {
                    "label": group_label,
                    "items": members,
                    "active": any(i["active"] for i in members),
                }
            )
    top = [item for item in items if not item["group"]]
    return {"nav_items": items, "nav_top": top, "nav_groups": groups, "access": access}
