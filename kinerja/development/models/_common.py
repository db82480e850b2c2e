"""Choices and the employee scoping shared by the development models."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from kinerja.development.domain import ActivityForm, ConversionBasis

FORM_CHOICES = [(f.value, f.label) for f in ActivityForm]
BASIS_CHOICES = [(b.value, b.label) for b in ConversionBasis]
LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class EmployeeScopedQuerySet(models.QuerySet):
    """Rows hanging off an employee, scoped like the employees themselves."""

    def visible_to(self, user):
        from kinerja.organisations.access import access_for

        return access_for(user).filter_employees(self, "employee")
