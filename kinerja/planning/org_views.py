"""Pages: organisational performance (goals, Perjanjian Kinerja, import), the cascade tree,
SKP monitoring per unit, and copying last year's SKP."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core import clock
from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import get_visible_or_404, require
from kinerja.core.pagination import paginate
from kinerja.organisations.access import access_for
from kinerja.organisations.models import OrgUnit

from . import cascade as cascade_selectors
from . import guided, monitoring, org_selectors, org_services
from .domain.orgplan import MONITORING_LABELS
from .domain.workflow import TransitionError
from .models import AgreementTarget, OrgGoal, Rhk, Skp
from .org_forms import (
    AgreementTargetEditForm,
    AgreementTargetForm,
    GoalEditForm,
    GoalForm,
    ImportForm,
)


def _year(request) -> int:
    try:
        year = int(request.GET.get("tahun") or request.POST.get("tahun") or clock.today().year)
    except ValueError:
        year = clock.today().year
    return year if 2000 <= year <= 2100 else clock.today().year


def _errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _target_content(data) -> dict:
    """A Perjanjian Kinerja row form's content as the keyword arguments of
    `add_agreement_target`/`update_agreement_target`."""
    return {
        "goal": data["goal"],
        "objective": data["objective"],
        "indicator": data["indicator"],
        "baseline": data["baseline"],
        "target_value": data["target_value"],
        "target_unit": data["target_unit"],
        "quarters": tuple(data[f"target_q{q}"] for q in range(1, 5)),
    }


def _plans_of_year(year: int):
    """Back to the organisational performance page of the year."""
    return redirect(f"{reverse('planning:org_performance')}?tahun={year}")


@login_required
def org_performance(request):
    """The year's RPJMD goals and every agency's Perjanjian Kinerja; entry forms for admins."""
    year = _year(request)
    user = request.user
    can_goals = org_services.can_manage_goals(user)
    units = org_selectors.managed_agencies(user)
    goals_qs = OrgGoal.objects.filter(year=year)
    goal_form = GoalForm(prefix="goal") if can_goals else None
    target_form = AgreementTargetForm(prefix="pk", units=units, goals=goals_qs)
    status = 200
    if request.method == "POST":
        if request.POST.get("form") == "goal":
            require(can_goals, "Hanya admin BKPSDM yang dapat mengisi sasaran daerah.")
            goal_form = GoalForm(request.POST, prefix="goal")
            if goal_form.is_valid():
                try:
                    org_services.create_goal(actor=user, year=year, **goal_form.cleaned_data)
                except ValidationError as exc:
                    _errors(goal_form, exc)
                else:
                    messages.success(request, "Sasaran daerah disimpan.")
                    return redirect(f"{request.path}?tahun={year}")
        else:
            require(units.exists(), "Anda tidak berwenang mengisi Perjanjian Kinerja.")
            target_form = AgreementTargetForm(
                request.POST, prefix="pk", units=units, goals=goals_qs
            )
            if target_form.is_valid():
                data = target_form.cleaned_data
                try:
                    org_services.add_agreement_target(
                        actor=user, unit=data["unit"], year=year, **_target_content(data)
                    )
                except ValidationError as exc:
                    _errors(target_form, exc)
                else:
                    messages.success(request, "Target Perjanjian Kinerja disimpan.")
                    return redirect(f"{request.path}?tahun={year}")
        status = 422
    report = org_selectors.org_performance(user, year=year)
    access = access_for(user)
    managed = {a.pk for a in report.agreements if access.manages_unit_path(a.unit.path)}
    return render(
        request,
        "planning/org_performance.html",
        {
            "report": report,
            "year": year,
            "can_goals": can_goals,
            "managed_agreements": managed,
            "goal_form": goal_form,
            "target_form": target_form if units.exists() else None,
        },
        status=status,
    )


GOALS_ONLY_BKPSDM = "Hanya admin BKPSDM yang dapat mengubah sasaran daerah."
STALE_ORG_MESSAGE = (
    "Data ini telah diubah oleh pengguna lain sejak Anda membukanya. Isian di bawah menampilkan "
    "isi terbaru; perubahan Anda belum disimpan — periksa perbedaannya lalu ulangi."
)


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "normalize"):
        return f"{value.normalize():f}".replace(".", ",")
    return str(value)


def _differences(form, current: dict) -> list[dict]:
    """Fields where the stored value (saved by someone else) differs from what the user sent."""
    out = []
    for name, value in current.items():
        if name == "version" or name not in form.fields:
            continue
        sent = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        sent_key = getattr(sent, "pk", sent)
        if (sent_key if sent_key != "" else None) != (value if value != "" else None):
            shown = value
            if name == "goal":
                shown = OrgGoal.objects.filter(pk=value).first() if value else None
            out.append(
                {
                    "label": form.fields[name].label,
                    "current": _show(shown),
                    "sent": _show(sent),
                }
            )
    return out


def _goal_initial(goal: OrgGoal) -> dict:
    return {
        "version": goal.version,
        "code": goal.code,
        "text": goal.text,
        "indicator": goal.indicator,
        "target_value": goal.target_value,
        "target_unit": goal.target_unit,
    }


def _versioned_edit(
    request, *, make_form, initial_of, obj, save, done: str, year: int, template: str, context: dict
):
    """The edit page of a goal or a Perjanjian Kinerja row: the save carries the version the form
    was opened at; a stale save shows the stored values and what differs (409), invalid input
    the form with its errors (422)."""
    form = make_form(request.POST or None, initial=initial_of(obj))
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except StaleObjectError as exc:
                current = initial_of(exc.current)
                context.update(stale=STALE_ORG_MESSAGE, changes=_differences(form, current))
                form = make_form(initial=current)
                status = 409
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, done)
                return _plans_of_year(year)
    context["form"] = form
    return render(request, template, context, status=status)


def _versioned_delete(request, delete, *, stale: str, done: str, year: int):
    """Delete with the version the page was showing; a stale or refused delete is a message."""
    try:
        delete(_posted_version(request))
    except StaleObjectError:
        messages.error(request, stale)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return _plans_of_year(year)


def _posted_version(request) -> int:
    try:
        return int(request.POST.get("version", "0"))
    except ValueError:
        return 0


@login_required
def goal_edit(request, pk: int):
    """Change a goal of the regent's RPJMD (BKPSDM); a stale save shows what changed (409)."""
    goal = get_visible_or_404(OrgGoal.objects.all(), pk=pk)
    require(org_services.can_manage_goals(request.user), GOALS_ONLY_BKPSDM)
    return _versioned_edit(
        request,
        make_form=GoalEditForm,
        initial_of=_goal_initial,
        obj=goal,
        save=lambda data: org_services.update_goal(
            actor=request.user,
            goal=goal,
            expected_version=data["version"],
            text=data["text"],
            code=data["code"],
            indicator=data["indicator"],
            target_value=data["target_value"],
            target_unit=data["target_unit"],
        ),
        done="Sasaran daerah diperbarui.",
        year=goal.year,
        template="planning/org_goal_form.html",
        context={"goal": goal},
    )


@login_required
@require_POST
def goal_delete(request, pk: int):
    goal = get_visible_or_404(OrgGoal.objects.all(), pk=pk)
    require(org_services.can_manage_goals(request.user), GOALS_ONLY_BKPSDM)
    return _versioned_delete(
        request,
        lambda version: org_services.delete_goal(
            actor=request.user, goal=goal, expected_version=version
        ),
        stale="Sasaran daerah telah diubah sejak Anda membukanya; ulangi.",
        done="Sasaran daerah dihapus.",
        year=goal.year,
    )


def _target_initial(target: AgreementTarget) -> dict:
    return {
        "version": target.version,
        "goal": target.goal_id,
        "objective": target.objective,
        "indicator": target.indicator,
        "baseline": target.baseline,
        "target_value": target.target_value,
        "target_unit": target.target_unit,
        "target_q1": target.target_q1,
        "target_q2": target.target_q2,
        "target_q3": target.target_q3,
        "target_q4": target.target_q4,
    }


def _target_or_404(request, pk: int) -> AgreementTarget:
    from .models import PerformanceAgreement

    target = get_visible_or_404(
        AgreementTarget.objects.filter(
            agreement__in=PerformanceAgreement.objects.visible_to(request.user)
        ).select_related("agreement", "agreement__unit"),
        pk=pk,
    )
    require(
        org_services.can_manage_agreement(request.user, target.agreement.unit),
        "Anda tidak berwenang mengubah Perjanjian Kinerja unit ini.",
    )
    return target


@login_required
def agreement_target_edit(request, pk: int):
    """Change a sasaran/IKU row of a Perjanjian Kinerja: indicator, baseline, targets per
    quarter, the supported goal; a stale save shows what changed (409)."""
    target = _target_or_404(request, pk)
    year = target.agreement.year
    return _versioned_edit(
        request,
        make_form=partial(AgreementTargetEditForm, goals=OrgGoal.objects.filter(year=year)),
        initial_of=_target_initial,
        obj=target,
        save=lambda data: org_services.update_agreement_target(
            actor=request.user,
            target=target,
            expected_version=data["version"],
            **_target_content(data),
        ),
        done="Target Perjanjian Kinerja diperbarui.",
        year=year,
        template="planning/org_target_form.html",
        context={"target": target},
    )


@login_required
@require_POST
def agreement_target_delete(request, pk: int):
    target = _target_or_404(request, pk)
    return _versioned_delete(
        request,
        lambda version: org_services.delete_agreement_target(
            actor=request.user, target=target, expected_version=version
        ),
        stale="Target telah diubah sejak Anda membukanya; periksa lalu ulangi.",
        done="Target Perjanjian Kinerja dihapus.",
        year=target.agreement.year,
    )


def _can_import(user) -> bool:
    access = access_for(user)
    return access.manages_all or bool(access.admin_unit_paths)


@login_required
def org_import(request):
    """Import Perjanjian Kinerja targets from Excel: all rows or none."""
    require(_can_import(request.user), "Hanya admin yang dapat mengimpor Perjanjian Kinerja.")
    form = ImportForm(request.POST or None, request.FILES or None, initial={"year": _year(request)})
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = org_services.import_agreement_targets(
                actor=request.user,
                content=form.cleaned_data["file"].read(),
                year=form.cleaned_data["year"],
            )
        except ValidationError as exc:
            _errors(form, exc)
            status = 422
        else:
            if result.ok:
                messages.success(
                    request, f"{result.created} target Perjanjian Kinerja berhasil diimpor."
                )
                return _plans_of_year(form.cleaned_data["year"])
            status = 422
    elif request.method == "POST":
        status = 422
    return render(
        request, "planning/org_import.html", {"form": form, "result": result}, status=status
    )


@login_required
def org_import_template(request):
    require(_can_import(request.user), "Hanya admin yang dapat mengimpor Perjanjian Kinerja.")
    response = HttpResponse(
        org_services.agreement_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-perjanjian-kinerja.xlsx"'
    return response


def _agency_filter(request):
    raw = request.GET.get("unit")
    if not raw:
        return None
    try:
        return org_selectors.agencies().get(pk=int(raw))
    except (ValueError, OrgUnit.DoesNotExist) as exc:
        raise Http404("Unit tidak ditemukan.") from exc


def _cascade_query(year: int, agency) -> str:
    return f"tahun={year}" + (f"&unit={agency.pk}" if agency is not None else "")


@login_required
def cascade(request):
    """The top of the cascade tree (regent's goals and Perjanjian Kinerja with the number of RHKs
    under each) and the coverage counts; deeper levels open on demand (cascade_node)."""
    year = _year(request)
    agency = _agency_filter(request)
    report = cascade_selectors.overview(request.user, year=year, agency=agency)
    return render(
        request,
        "planning/cascade.html",
        {
            "report": report,
            "year": year,
            "agency": agency,
            "query": _cascade_query(year, agency),
            "agencies": org_selectors.agencies().only("pk", "name"),
        },
    )


@login_required
def cascade_node(request):
    """The RHKs right below one node of the cascade, 50 at a time: an htmx fragment when the
    node is opened in the tree, a page of its own without JavaScript."""
    year = _year(request)
    agency = _agency_filter(request)
    kind = request.GET.get("jenis", "")
    if kind not in cascade_selectors.NODE_KINDS:
        raise Http404("Simpul tidak ditemukan.")
    pk = None
    if kind != cascade_selectors.NODE_LOOSE:
        try:
            pk = int(request.GET.get("id", ""))
        except ValueError as exc:
            raise Http404("Simpul tidak ditemukan.") from exc
    try:
        children = cascade_selectors.node_children(
            request.user, kind=kind, pk=pk, year=year, agency=agency
        )
        title = (
            None
            if request.htmx
            else cascade_selectors.node_title(
                request.user, kind=kind, pk=pk, year=year, agency=agency
            )
        )
    except (Rhk.DoesNotExist, AgreementTarget.DoesNotExist) as exc:
        raise Http404("Simpul tidak ditemukan.") from exc
    page = paginate(request, children)
    context = {
        "page": page,
        "year": year,
        "agency": agency,
        "query": _cascade_query(year, agency),
        "kind": kind,
        "node_id": pk,
        "title": title,
    }
    if request.htmx:
        return render(request, "planning/_cascade_children.html", context)
    return render(request, "planning/cascade_node.html", context)


@login_required
def cascade_coverage(request):
    """One coverage list of the cascade (unsupported, unlinked, indicators without target),
    50 names a page."""
    year = _year(request)
    agency = _agency_filter(request)
    kind = request.GET.get("jenis", "")
    if kind not in cascade_selectors.COVERAGE_LABELS:
        raise Http404("Daftar tidak ditemukan.")
    page = paginate(
        request, cascade_selectors.coverage_list(request.user, kind=kind, year=year, agency=agency)
    )
    return render(
        request,
        "planning/cascade_coverage.html",
        {
            "page": page,
            "year": year,
            "agency": agency,
            "query": _cascade_query(year, agency),
            "kind": kind,
            "title": cascade_selectors.COVERAGE_LABELS[kind],
            "is_indicator": kind == cascade_selectors.COVER_NO_TARGET,
        },
    )


def _monitored_unit(request) -> OrgUnit:
    """The unit asked for (or the user's own scope), 404 when it is outside the user's scope."""
    access = access_for(request.user)
    raw = request.GET.get("unit") or request.POST.get("unit")
    if raw:
        try:
            unit = OrgUnit.objects.get(pk=int(raw), is_active=True)
        except (ValueError, OrgUnit.DoesNotExist) as exc:
            raise Http404("Unit tidak ditemukan.") from exc
    else:
        paths = access.admin_unit_paths or access.headed_unit_paths
        unit = (
            OrgUnit.objects.filter(path=paths[0]).first()
            if paths
            else OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
        )
        if unit is None:
            raise Http404("Unit tidak ditemukan.")
    if not monitoring.can_monitor(request.user, unit):
        raise Http404("Unit tidak ditemukan.")
    return unit


@login_required
def monitoring_page(request):
    """Per unit: status counts per sub-unit (drill down by choosing one), and the names paged,
    filtered by status and searched by name or NIP."""
    unit = _monitored_unit(request)
    year = _year(request)
    report = monitoring.monitoring(unit=unit, year=year)
    status = request.GET.get("status", "")
    if status not in (*monitoring.STATUS_VALUES, "late"):
        status = ""
    search = request.GET.get("q", "")[:100]
    page = paginate(
        request, monitoring.monitoring_rows(unit=unit, year=year, status=status, search=search)
    )
    # The unit picker lists the perangkat daerah, the user's own scope and the way up from the
    # current unit; the units below are reached through the per-unit summary (drill-down).
    access = access_for(request.user)
    shortlist = OrgUnit.objects.filter(
        Q(agency_id=F("id"))
        | Q(path__in=[*access.admin_unit_paths, *access.headed_unit_paths])
        | Q(pk__in=unit.ancestor_ids())
    )
    units = list(
        access.filter_units(shortlist.filter(is_active=True))
        .only("pk", "name", "path")
        .order_by("path")
        .distinct()
    )
    ancestors = set(unit.ancestor_ids()) - {unit.pk}
    trail = [u for u in units if u.pk in ancestors]
    return render(
        request,
        "planning/monitoring.html",
        {
            "report": report,
            "year": year,
            "page": page,
            "rows": monitoring.rows_for(page.object_list, year=year),
            "status": status,
            "search": search,
            "status_choices": [*MONITORING_LABELS.items()],
            "units": units,
            "trail": trail,
            "can_remind": monitoring.can_remind(request.user, unit),
            "today": clock.today(),
        },
    )


@login_required
@require_POST
def monitoring_remind(request):
    unit = _monitored_unit(request)
    year = _year(request)
    require(monitoring.can_remind(request.user, unit), "Anda tidak berwenang mengirim pengingat.")
    sent = monitoring.send_skp_reminders(actor=request.user, unit=unit, year=year)
    if sent:
        messages.success(request, f"Pengingat dikirim kepada {sent} pegawai.")
    else:
        messages.info(request, "Tidak ada pengingat baru yang perlu dikirim hari ini.")
    return redirect(f"{redirect('planning:monitoring').url}?unit={unit.pk}&tahun={year}")


@login_required
@require_POST
def copy_previous(request, pk: int):
    """Copy last year's RHKs and indicators into this draft."""
    skp = get_visible_or_404(Skp.objects.visible_to(request.user), pk=pk)
    require(
        skp.employee_id == request.user.employee_id, "Hanya pemilik SKP yang dapat mengubahnya."
    )
    try:
        version = int(request.POST.get("version", skp.version))
        copies = guided.copy_from_previous_year(
            actor=request.user, skp=skp, expected_version=version
        )
    except StaleObjectError:
        messages.error(request, "Rencana telah berubah sejak Anda membukanya; ulangi penyalinan.")
    except (ValidationError, TransitionError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    except ValueError:
        messages.error(request, "Permintaan tidak valid.")
    else:
        messages.success(
            request,
            f"{len(copies)} RHK dari SKP tahun lalu disalin. Kaitkan kembali setiap RHK Utama "
            "dengan RHK atasan tahun ini.",
        )
    return redirect("planning:skp_detail", pk=skp.pk)
