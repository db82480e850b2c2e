"""Fixtures for the development tests: a catalogue entry, an open event, certificates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.development.models import Activity, Competency, EventStatus, TrainingEvent

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def pdf(name: str = "sertifikat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def exe_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("sertifikat.pdf", EXE_BYTES, content_type="application/pdf")


@pytest.fixture
def cyber(db):
    return Competency.objects.create(
        code="keamanan-siber",
        name="Keamanan Siber",
        kind="technical",
        field="Teknologi Informasi",
        level_descriptions=["L1", "L2", "L3", "L4", "L5"],
    )


@pytest.fixture
def workshop(cyber):
    activity = Activity.objects.create(
        name="Pelatihan Keamanan Siber", form="workshop", provider="BKPSDM", typical_days=3
    )
    activity.competencies.add(cyber)
    return activity


@pytest.fixture
def event(world, workshop, cyber):
    """A 3-day workshop organised by BKPSDM, open, two seats."""
    return TrainingEvent.objects.create(
        activity=workshop,
        organiser_unit=world.bkpsdm,
        title="Workshop Keamanan Siber Angkatan I",
        start_date=dt.date(2026, 3, 10),
        end_date=dt.date(2026, 3, 12),
        place="Aula BKPSDM",
        quota=2,
        status=EventStatus.OPEN,
        target_competency=cyber,
    )
