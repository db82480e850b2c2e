"""Append-only audit trail whose entries are chained by hash."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One change made through a service: who, when, what, the object, before and after.

    `hash` covers this entry's content and the previous entry's hash, so editing or deleting a
    row breaks the chain (`manage.py verify_audit`). `seq` is contiguous, so a deleted row in
    the middle leaves a gap; `AuditHead` remembers the tail so a deleted last row is noticed.
    """

    seq = models.PositiveBigIntegerField(_("urutan"), unique=True)
    created_at = models.DateTimeField(_("waktu"), db_index=True)
    actor_id = models.BigIntegerField(_("ID pelaku"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("pelaku"), max_length=200, blank=True)
    action = models.CharField(_("tindakan"), max_length=80, db_index=True)
    object_type = models.CharField(_("jenis objek"), max_length=80)
    object_id = models.CharField(_("ID objek"), max_length=64)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    agency_id = models.BigIntegerField(
        _("ID perangkat daerah"), null=True, blank=True, db_index=True
    )
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("jejak audit")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """Single row holding the tail of the chain; also the lock that serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("kepala rantai audit")

    def __str__(self) -> str:
        return f"#{self.last_seq}"
