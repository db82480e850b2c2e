"""Shared fixtures: the test world, personas as logged-in clients, and test settings."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("KINERJA_TESTING", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Each test starts with an empty cache: cached figures (the public page) belong to the
    # database of the test that filled them, which is rolled back afterwards.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db):
    from tests.world import build_world

    return build_world()


@pytest.fixture
def login(client):
    """Log a client in as an employee (force_login: django-axes guards the real form)."""

    def _login(employee):
        from kinerja.accounts.models import User

        client.force_login(User.objects.get(employee=employee))
        return client

    return _login


# --- Browser tests (Playwright driving Debian's Chromium; no browser download) ---------------

CHROMIUM = os.environ.get("KINERJA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            # Browser-drawn text (file picker, date placeholder) in Indonesian, as users see it.
            "--lang=id-ID",
        ],
        # On Linux Chromium takes its UI language from LANGUAGE (with Debian's chromium-l10n
        # installed); --lang alone leaves it in English.
        "env": {**os.environ, "LANGUAGE": "id"},
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.fixture(scope="session")
def base_url():
    """Shadow pytest-playwright's fallback fixture: it is a session fixture defined as an instance
    method, which pytest 9 warns about (and warnings are errors here). Tests use live_server.url."""
    return None
