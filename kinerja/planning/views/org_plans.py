"""Organisational performance pages: the regent's goals (RPJMD) and each agency's Perjanjian
Kinerja, entered, changed and deleted with the version the form was opened at."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from kinerja.core.concurrency import StaleObjectError
from kinerja.core.http import get_visible_or_404, require
from kinerja.organisations.access import access_for

from .. import org_selectors, org_services
from ..models import AgreementTarget, OrgGoal
from ..org_forms import AgreementTargetEditForm, AgreementTargetForm, GoalEditForm, GoalForm
from ._common import _errors, _year


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
    from ..models import PerformanceAgreement

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
