"""Background jobs for large imports (django-tasks; `manage.py db_worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from ..models import ImportJob


@task()
def validate_job_task(job_id: int) -> None:
    from .services import run_validation

    run_validation(ImportJob.objects.select_related("created_by").get(pk=job_id))


@task()
def commit_job_task(job_id: int) -> None:
    from .services import run_commit

    run_commit(ImportJob.objects.select_related("created_by").get(pk=job_id))
