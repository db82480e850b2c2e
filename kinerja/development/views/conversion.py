"""The JP conversion rules in force: shipped defaults and BKPSDM's overrides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from kinerja.core.http import require

from .. import permissions, services
from ..domain import DEFAULT_RULES, ActivityForm
from ..forms import (
    RuleForm,
)
from ..models import (
    ConversionRuleSetting,
)


@login_required
def rules(request):
    """The JP conversion rules in force: shipped defaults (not law) and BKPSDM's overrides."""
    require(permissions.is_development_admin(request.user), "Aturan konversi dikelola BKPSDM.")
    if request.method == "POST":
        if request.POST.get("reset") in {f.value for f in ActivityForm}:
            services.reset_conversion_rule(actor=request.user, form=request.POST["reset"])
            messages.success(request, "Aturan dikembalikan ke bawaan.")
            return redirect("development:rules")
        form = RuleForm(request.POST)
        if form.is_valid():
            try:
                services.save_conversion_rule(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Aturan konversi disimpan.")
            return redirect("development:rules")
        messages.error(request, "Isian aturan tidak sah.")
    overrides = {s.form: s for s in ConversionRuleSetting.objects.all()}
    rows = []
    for form_value, default in DEFAULT_RULES.items():
        setting = overrides.get(form_value.value)
        rule = setting.to_rule() if setting else default
        initial = {
            "form": form_value.value,
            "basis": rule.basis.value,
            "jp_national": rule.jp_national,
            "jp_international": rule.jp_international,
            "cap_per_day": rule.cap_per_day,
            "cap_per_day_international": rule.cap_per_day_international,
            "cap_per_month": rule.cap_per_month,
            "international_uplift_pct": rule.international_uplift_pct,
            "minutes_per_jp": setting.minutes_per_jp if setting else 45,
            "note": rule.note,
        }
        rows.append(
            {
                "form": form_value,
                "rule": rule,
                "overridden": setting is not None,
                "edit": RuleForm(initial=initial, auto_id=f"id_{form_value.value}_%s"),
            }
        )
    return render(request, "development/rules.html", {"rows": rows})
