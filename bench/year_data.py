"""A year of data for the benchmark, written in bulk after `seed_demo`.

`generate()` fills the current year (or `year`) for every active employee of the seeded regency:

* planning: RPJMD goals, a Perjanjian Kinerja with 2–3 IKU per perangkat daerah, and an
  approved SKP per employee with 3–5 RHK (Utama ones linked to the assessor's RHK; JPT RHK
  linked to their agency's IKU), 1–2 indicators with targets each, the lampiran, some
  ekspektasi khusus pimpinan and the submit/approve versions;
* evaluation: the quarterly schedule; for every period that has ended, a realisation per
  indicator, evidence links for about half of the SKPs, the period submission and the period
  rating (suggested from the realisations, with a reason where the assessor departs from it);
  draft realisations of the current period; the annual evaluation with its predicate; the
  organisational result of every agency; feedback and performance dialogues;
* development: the demo competency dictionary and catalogue (`seed_development`), assessed
  competency levels, past training events with completed registrations and the JP ledger (so
  attainment varies from 0 to well above 20 JP), needs derived by the domain rules, plans;
* communication and leadership: announcements with notifications and read marks, last-login
  times for most users, directions and field visits with follow-ups by the unit heads;
* reports and adoption: IKU realisations per ended period and weekly adoption snapshots.

Rows are built in memory and written with `bulk_create` (no per-row service calls), so 6,000
employees take about a minute; the content follows the same rules the services enforce
(snapshots on the SKP, one realisation per indicator and period, the predicate matrix, JP from a
completed registration, ...). Deterministic for a given `seed`. The whole run is one
transaction; on PostgreSQL it ends with ANALYZE.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.utils import timezone

BATCH = 2000
TWO = Decimal("0.01")

# --- Texts ----------------------------------------------------------------------------------

GOALS = [
    ("S1", "Meningkatnya derajat kesehatan masyarakat", "Usia harapan hidup", "71.50", "tahun"),
    ("S2", "Meningkatnya kualitas pendidikan", "Indeks pendidikan", "0.68", "indeks"),
    ("S3", "Meningkatnya kualitas tata kelola pemerintahan", "Indeks reformasi birokrasi",
     "70.00", "indeks"),
    ("S4", "Meningkatnya pertumbuhan ekonomi daerah", "Laju pertumbuhan ekonomi", "4.80",
     "persen"),
]  # fmt: skip

# (objective, indicator, unit, baseline, target) templates; "{name}" is the agency's name.
AGENCY_TARGETS = [
    ("Meningkatnya kualitas pelayanan {name}", "Indeks kepuasan masyarakat terhadap layanan",
     "indeks", "76", "84"),
    ("Meningkatnya akuntabilitas kinerja {name}", "Nilai SAKIP perangkat daerah", "nilai",
     "62", "70"),
    ("Terwujudnya tata kelola keuangan {name} yang tertib", "Persentase realisasi anggaran",
     "persen", "88", "95"),
]  # fmt: skip
JPT_RHK = [
    "Meningkatnya kualitas layanan {agency} kepada masyarakat",
    "Terwujudnya kinerja {agency} yang akuntabel",
    "Terkendalinya pelaksanaan program dan anggaran {agency}",
    "Meningkatnya kapasitas aparatur {agency}",
    "Terlaksananya inovasi layanan publik di {agency}",
]
STAFF_RHK = {
    "administrator": [
        "Tercapainya target program {unit}",
        "Terkendalinya realisasi anggaran {unit}",
        "Meningkatnya mutu layanan {unit}",
        "Tersusunnya rencana kerja {unit} yang terukur",
        "Terlaksananya evaluasi kinerja pegawai {unit}",
    ],
    "pengawas": [
        "Terlaksananya kegiatan {unit} sesuai rencana kerja",
        "Meningkatnya kualitas layanan {unit} kepada masyarakat",
        "Tersusunnya laporan kegiatan {unit} tepat waktu",
        "Terbinanya pelaksana di {unit}",
        "Tertibnya administrasi {unit}",
    ],
    "pelaksana": [
        "Tersusunnya laporan administrasi kegiatan {unit} yang tepat waktu",
        "Terlaksananya pengelolaan arsip dan surat-menyurat {unit}",
        "Terkelolanya data kepegawaian dan barang {unit}",
        "Terlayaninya permohonan masyarakat di {unit}",
        "Terdokumentasinya kegiatan {unit}",
    ],
    "functional": [
        "Terlaksananya layanan fungsional {position} sesuai standar",
        "Meningkatnya mutu hasil kerja {position}",
        "Tersusunnya dokumen pendukung layanan {unit}",
        "Terlaksananya pengembangan profesi {position}",
        "Terselesaikannya tugas tambahan dari pimpinan {unit}",
    ],
}
# (aspect, indicator text, unit, low, high)
INDICATORS = [
    ("quantity", "Jumlah dokumen/kegiatan yang diselesaikan", "dokumen", 4, 48),
    ("quality", "Persentase hasil kerja yang diterima tanpa perbaikan", "persen", 80, 100),
    ("time", "Persentase pekerjaan yang selesai tepat waktu", "persen", 85, 100),
    ("quantity", "Jumlah layanan yang diberikan", "layanan", 12, 240),
    ("cost", "Persentase realisasi anggaran kegiatan", "persen", 85, 98),
]
JPT_INDICATORS = [
    ("Indeks kepuasan masyarakat", "indeks", 78, 90),
    ("Persentase capaian indikator kinerja utama", "persen", 80, 100),
    ("Nilai SAKIP", "nilai", 60, 80),
]
ATTACHMENTS = [
    ("resources", "Anggaran kegiatan sesuai DPA, sarana kerja dan dukungan tim."),
    ("accountability", "Realisasi dilaporkan setiap triwulan kepada pejabat penilai."),
    ("consequences", "Capaian menjadi dasar pemberian tunjangan kinerja dan pengembangan karier."),
]
FEEDBACK = [
    "Capaian sudah sesuai rencana, pertahankan ketepatan waktu pelaporan.",
    "Mohon lengkapi bukti dukung untuk realisasi triwulan ini.",
    "Kualitas dokumen meningkat; perhatikan konsistensi data antarbagian.",
    "Koordinasi dengan unit lain perlu diperkuat agar target tercapai.",
    "Inisiatif yang baik dalam melayani masyarakat, lanjutkan.",
]
DIALOGUE_NOTES = [
    "Membahas capaian triwulan dan kendala di lapangan; disepakati langkah perbaikan.",
    "Dialog kinerja rutin: realisasi sesuai rencana, beberapa bukti dukung menyusul.",
    "Pembahasan beban kerja dan pembagian tugas di unit.",
]
ANNOUNCEMENTS = [
    ("Batas pengisian realisasi triwulan", "Realisasi triwulan diisi paling lambat tanggal 10 "
     "bulan berikutnya beserta bukti dukung."),
    ("Jadwal penilaian kinerja tahunan", "Penilaian kinerja tahunan dilaksanakan pada bulan "
     "Desember; pastikan SKP dan realisasi lengkap."),
    ("Pelatihan keamanan siber", "BKPSDM membuka pendaftaran pelatihan keamanan siber bagi "
     "pranata komputer dan pengelola aplikasi."),
    ("Pemutakhiran data pegawai", "Mohon periksa data jabatan dan unit kerja Anda di aplikasi "
     "dan laporkan perbedaannya kepada pengelola kinerja."),
    ("Pemenuhan 20 JP pengembangan kompetensi", "Setiap PNS wajib mengikuti pengembangan "
     "kompetensi paling sedikit 20 JP setahun."),
]  # fmt: skip
# Activity forms and the JP one registration is worth (a past event of each).
EVENT_JP = [2, 3, 4, 6, 8, 12, 16, 24, 32]


@dataclass
class YearData:
    """What was generated: counts per table and how long it took."""

    year: int
    seconds: float = 0.0
    counts: Counter = field(default_factory=Counter)
    steps: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        parts = ", ".join(f"{name} {n}" for name, n in self.counts.items())
        return f"Data setahun {self.year} dalam {self.seconds:.1f} detik: {parts}."


def _d(value: float) -> Decimal:
    return Decimal(str(value)).quantize(TWO, rounding=ROUND_HALF_UP)


def _aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _bulk(model, rows: list, counts: Counter, label: str | None = None) -> list:
    if rows:
        model.objects.bulk_create(rows, batch_size=BATCH)
    counts[label or model._meta.verbose_name_plural] += len(rows)
    return rows


class _Generator:
    def __init__(self, *, year: int, today: dt.date, seed: int, log: Callable[[str], None]):
        self.year, self.today, self.log = year, today, log
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.result = YearData(year=year)
        self.counts = self.result.counts

    # -- helpers ----------------------------------------------------------------------------

    def _step(self, name: str, fn: Callable[[], None]) -> None:
        started = time.perf_counter()
        fn()
        self.result.steps[name] = time.perf_counter() - started
        self.log(f"    {name}: {self.result.steps[name]:.1f} s")

    def _day(self, start: dt.date, end: dt.date) -> dt.date:
        end = min(end, self.today)
        if end <= start:
            return start
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    # -- steps ------------------------------------------------------------------------------

    def load_people(self) -> None:
        from kinerja.accounts.models import User
        from kinerja.organisations.models import Assignment, Employee, OrgUnit, Role
        from kinerja.organisations.selectors import current_assessor_map

        on = min(self.today, dt.date(self.year, 12, 31))
        self.on = on
        self.employees = {
            e.pk: e
            for e in Employee.objects.filter(is_active=True)
            .select_related("unit", "unit__agency", "position")
            .order_by("pk")
        }
        self.users = dict(
            User.objects.filter(employee__isnull=False).values_list("employee_id", "pk")
        )
        self.assessor = current_assessor_map(list(self.employees), on)
        self.regent = next(
            (e for e in self.employees.values() if e.position and e.position.kind == "regent"),
            None,
        )
        admin = (
            User.objects.filter(
                employee__role_grants__role=Role.BKPSDM_ADMIN,
                employee__role_grants__is_active=True,
            )
            .order_by("pk")
            .first()
        )
        if admin is None:
            raise RuntimeError("Tidak ada admin BKPSDM: jalankan seed_demo terlebih dahulu.")
        self.admin = admin
        self.agencies = list(OrgUnit.objects.filter(depth=1, is_active=True).order_by("path"))
        self.agency_ids = {a.pk for a in self.agencies}
        # head posts held on the date: (employee, unit) -> (position id, acting)
        self.head_posts: dict[tuple[int, int], tuple[int, str]] = {}
        for a in (
            Assignment.objects.on(on).filter(position__is_head=True).select_related("position")
        ):
            self.head_posts[(a.employee_id, a.position.unit_id)] = (a.position_id, a.acting)

    def agency_of(self, employee) -> int | None:
        unit = employee.unit
        if unit is None:
            return None
        return unit.agency_id or (unit.pk if unit.pk in self.agency_ids else None)

    def schedule(self) -> None:
        from kinerja.evaluation.models import EvaluationSchedule, Period, PeriodKind
        from kinerja.evaluation.services import set_schedule

        if not EvaluationSchedule.objects.filter(year=self.year).exists():
            set_schedule(actor=self.admin, year=self.year, rhythm="quarterly")
        periods = list(Period.objects.filter(year=self.year).order_by("kind", "number"))
        self.annual = next(p for p in periods if p.kind == PeriodKind.ANNUAL)
        periodic = sorted(
            (p for p in periods if p.kind != PeriodKind.ANNUAL), key=lambda p: p.start
        )
        self.closed = [p for p in periodic if p.end < self.today]
        self.current = next((p for p in periodic if p.start <= self.today <= p.end), None)
        self.periodic = periodic
        self.counts["periode"] = len(periods)

    def org_plans(self) -> None:
        from kinerja.planning.models import AgreementTarget, OrgGoal, PerformanceAgreement

        goals = [
            OrgGoal(
                year=self.year,
                code=code,
                text=text,
                indicator=indicator,
                target_value=Decimal(target),
                target_unit=unit,
                order=i,
            )
            for i, (code, text, indicator, target, unit) in enumerate(GOALS, start=1)
        ]
        _bulk(OrgGoal, goals, self.counts, "sasaran daerah")
        agreements = [
            PerformanceAgreement(unit=a, year=self.year, signed_on=dt.date(self.year, 2, 28))
            for a in self.agencies
        ]
        _bulk(PerformanceAgreement, agreements, self.counts, "perjanjian kinerja")
        targets = []
        for agreement in agreements:
            n = self.rng.randint(2, 3)
            for order, (objective, indicator, unit, base, target) in enumerate(
                AGENCY_TARGETS[:n], start=1
            ):
                base_v, target_v = Decimal(base), Decimal(target)
                step = (target_v - base_v) / 4
                targets.append(
                    AgreementTarget(
                        agreement=agreement,
                        goal=goals[self.rng.randrange(len(goals))],
                        objective=objective.format(name=agreement.unit.name),
                        indicator=indicator,
                        baseline=base_v,
                        target_value=target_v,
                        target_unit=unit,
                        target_q1=(base_v + step).quantize(TWO),
                        target_q2=(base_v + 2 * step).quantize(TWO),
                        target_q3=(base_v + 3 * step).quantize(TWO),
                        target_q4=target_v,
                        order=order,
                    )
                )
        _bulk(AgreementTarget, targets, self.counts, "IKU perjanjian kinerja")
        self.targets_by_agency: dict[int, list] = defaultdict(list)
        for t in targets:
            self.targets_by_agency[t.agreement.unit_id].append(t)
        self.all_targets = targets

    def skps(self) -> None:
        from kinerja.planning.domain.forms import form_type_for
        from kinerja.planning.models import Skp

        skps = {}
        for emp_id, e in self.employees.items():
            if e.position is None or e.position.kind == "regent" or e.skp_exemption:
                continue
            assessor_id = self.assessor.get(emp_id)
            if assessor_id is None or assessor_id not in self.employees:
                continue
            a = self.employees[assessor_id]
            if a.position and a.position.kind == "regent":
                superior = a
            else:
                superior = self.employees.get(self.assessor.get(assessor_id))
            post, acting = None, ""
            for unit_id in reversed(e.unit.ancestor_ids() if e.unit else []):
                if (assessor_id, unit_id) in self.head_posts:
                    post, acting = self.head_posts[(assessor_id, unit_id)]
                    break
            prefix = {"plt": "Plt. ", "plh": "Plh. "}.get(acting, "")
            submitted = self._day(dt.date(self.year, 1, 5), dt.date(self.year, 1, 25))
            approved = submitted + dt.timedelta(days=self.rng.randint(1, 6))
            unit = e.unit
            skps[emp_id] = Skp(
                employee=e,
                year=self.year,
                period_start=dt.date(self.year, 1, 1),
                period_end=dt.date(self.year, 12, 31),
                status="approved",
                approach="quantitative",
                form_type=form_type_for(e.position.kind).value,
                version=3,
                position=e.position,
                position_name=e.position.name,
                position_kind=e.position.kind,
                unit=unit,
                unit_name=unit.name if unit else "",
                agency_name=(
                    unit.agency.name if unit and unit.agency else (unit.name if unit else "")
                ),
                employee_name=e.full_name,
                employee_rank=e.rank,
                assessor=a,
                assessor_post_id=post,
                assessor_name=a.full_name,
                assessor_nip=a.nip,
                assessor_rank=a.rank,
                assessor_position=prefix + (a.position.name if a.position else ""),
                assessor_unit=a.unit.name if a.unit else "",
                superior=superior,
                superior_name=superior.full_name if superior else "",
                superior_nip=superior.nip if superior else "",
                superior_position=superior.position.name if superior and superior.position else "",
                submitted_at=_aware(submitted, 10),
                approved_at=_aware(approved, 14),
                approved_by_id=self.users.get(assessor_id),
            )
        _bulk(Skp, list(skps.values()), self.counts, "SKP")
        self.skps_by_emp = skps

    def _depth(self, emp_id: int) -> int:
        depth, seen, current = 0, set(), emp_id
        while True:
            nxt = self.assessor.get(current)
            if nxt is None or nxt in seen or nxt not in self.skps_by_emp:
                return depth
            seen.add(nxt)
            depth += 1
            current = nxt

    def rhks(self) -> None:
        from kinerja.planning.models import Indicator, Rhk

        by_depth: dict[int, list[int]] = defaultdict(list)
        for emp_id in self.skps_by_emp:
            by_depth[self._depth(emp_id)].append(emp_id)
        self.rhks_by_emp: dict[int, list] = {}
        self.indicators_by_emp: dict[int, list] = {}
        perspectives = [
            "service_recipients",
            "business_process",
            "internal_strengthening",
            "budget",
        ]
        for depth in sorted(by_depth):
            rhks, meta = [], []
            for emp_id in by_depth[depth]:
                skp = self.skps_by_emp[emp_id]
                e = self.employees[emp_id]
                total = self.rng.randint(3, 5)
                extra = 1 if total >= 4 and self.rng.random() < 0.5 else 0
                mine = []
                if skp.form_type == "jpt":
                    agency = self.agency_of(e)
                    targets = self.targets_by_agency.get(agency) or self.all_targets
                    agency_name = skp.agency_name
                    for i in range(total):
                        group = "tambahan" if i >= total - extra else "utama"
                        mine.append(
                            Rhk(
                                skp=skp,
                                group=group,
                                text=JPT_RHK[i % len(JPT_RHK)].format(agency=agency_name),
                                agreement_target=targets[i % len(targets)]
                                if group == "utama"
                                else None,
                                perspective=perspectives[i % 4],
                                order=i + 1,
                            )
                        )
                else:
                    kind = e.position.kind
                    family = (
                        "functional"
                        if kind.startswith("functional")
                        else kind
                        if kind in STAFF_RHK
                        else "pelaksana"
                    )
                    texts = STAFF_RHK[family]
                    start = self.rng.randrange(len(texts))
                    parents = [
                        r
                        for r in self.rhks_by_emp.get(self.assessor.get(emp_id), [])
                        if r.group == "utama"
                    ]
                    for i in range(total):
                        group = "tambahan" if i >= total - extra else "utama"
                        parent = parents[i % len(parents)] if parents and group == "utama" else None
                        mine.append(
                            Rhk(
                                skp=skp,
                                group=group,
                                text=texts[(start + i) % len(texts)].format(
                                    unit=skp.unit_name, position=e.position.name
                                ),
                                parent=parent,
                                cascading=(
                                    ("direct" if self.rng.random() < 0.6 else "indirect")
                                    if parent
                                    else ""
                                ),
                                order=i + 1,
                            )
                        )
                self.rhks_by_emp[emp_id] = mine
                rhks += mine
                meta.append(emp_id)
            _bulk(Rhk, rhks, self.counts, "RHK")
        indicators = []
        for emp_id, rhks in self.rhks_by_emp.items():
            jpt = self.skps_by_emp[emp_id].form_type == "jpt"
            mine = []
            for rhk in rhks:
                for order in range(1, self.rng.choice([1, 1, 2]) + 1):
                    if jpt:
                        text, unit, low, high = JPT_INDICATORS[(rhk.order + order) % 3]
                        aspect = ""
                    else:
                        aspect, text, unit, low, high = INDICATORS[
                            (rhk.order * 2 + order) % len(INDICATORS)
                        ]
                    mine.append(
                        Indicator(
                            rhk=rhk,
                            aspect=aspect,
                            text=text,
                            target_min=Decimal(self.rng.randint(low, high)),
                            target_unit=unit,
                            order=order,
                        )
                    )
            self.indicators_by_emp[emp_id] = mine
            indicators += mine
        _bulk(Indicator, indicators, self.counts, "indikator")

    def skp_extras(self) -> None:
        from kinerja.planning.domain.behaviour import BERAKHLAK
        from kinerja.planning.models import BehaviourExpectation, SkpAttachment, SkpVersion

        attachments, expectations, versions = [], [], []
        for emp_id, skp in self.skps_by_emp.items():
            for order, (kind, text) in enumerate(ATTACHMENTS, start=1):
                attachments.append(SkpAttachment(skp=skp, kind=kind, text=text, order=order))
            if self.rng.random() < 0.25:
                for value in self.rng.sample(BERAKHLAK, 2):
                    expectations.append(
                        BehaviourExpectation(
                            skp=skp,
                            value_code=value.code,
                            text=f"Menunjukkan perilaku {value.name} dalam setiap layanan.",
                        )
                    )
            snapshot = self._snapshot(emp_id)
            approver = skp.approved_by_id
            for number, action, status, at, by in (
                (1, "submit", "submitted", skp.submitted_at, self.users.get(emp_id)),
                (2, "approve", "approved", skp.approved_at, approver),
            ):
                versions.append(
                    SkpVersion(
                        skp=skp,
                        number=number,
                        action=action,
                        status=status,
                        snapshot={**snapshot, "status": status},
                        created_at=at,
                        created_by_id=by,
                    )
                )
        _bulk(SkpAttachment, attachments, self.counts, "lampiran SKP")
        _bulk(BehaviourExpectation, expectations, self.counts, "ekspektasi pimpinan")
        _bulk(SkpVersion, versions, self.counts, "versi SKP")

    def _snapshot(self, emp_id: int) -> dict:
        """The version snapshot the app's `skp_snapshot` would take of this SKP."""
        from kinerja.planning.domain.snapshot import skp_content

        indicators = defaultdict(list)
        for i in self.indicators_by_emp[emp_id]:
            indicators[i.rhk_id].append(i)
        return skp_content(
            self.skps_by_emp[emp_id],
            rhks=[(r, indicators[r.pk]) for r in self.rhks_by_emp[emp_id]],
            expectations={},
            attachments=ATTACHMENTS,
        )

    def org_results(self) -> None:
        from kinerja.evaluation.models import OrgResult

        regent_user = self.users.get(self.regent.pk) if self.regent else None
        regent_name = self.regent.full_name if self.regent else ""
        self.org_result = {}
        rows = []
        for agency in self.agencies:
            predicate = self.rng.choices(
                ["outstanding", "good", "needs_improvement"], weights=[20, 65, 15]
            )[0]
            self.org_result[agency.pk] = predicate
            rows.append(
                OrgResult(
                    unit=agency,
                    year=self.year,
                    predicate=predicate,
                    reason="Berdasarkan capaian IKU perjanjian kinerja dan evaluasi SAKIP.",
                    set_by_id=regent_user,
                    set_by_name=regent_name,
                )
            )
        _bulk(OrgResult, rows, self.counts, "capaian organisasi")

    def evaluation(self) -> None:
        from kinerja.evaluation.domain import (
            IndicatorAchievement,
            OrgPredicate,
            Rating,
            achievement_pct,
            org_rating_for_head,
            predicate_for,
            suggest_work_rating,
        )
        from kinerja.evaluation.models import (
            Evaluation,
            Evidence,
            PeriodSubmission,
            Realisation,
        )

        realisations, evidence, submissions, evaluations = [], [], [], []
        self.annual_predicate: dict[int, str] = {}
        ratings = [Rating.ABOVE, Rating.MEETS, Rating.BELOW]
        for emp_id, skp in self.skps_by_emp.items():
            e = self.employees[emp_id]
            # how well this person works this year: most around the target
            level = self.rng.choices([0.7, 0.92, 1.02, 1.15], weights=[8, 22, 55, 15])[0]
            user = self.users.get(emp_id)
            assessor_user = skp.approved_by_id
            indicators = self.indicators_by_emp[emp_id]
            is_head = bool(e.position and e.position.is_head)
            work_history, behaviour_history = [], []
            for index, period in enumerate(self.closed):
                share = Decimal(((period.end - skp.period_start).days + 1) / 365)
                share = min(share, Decimal(1))
                achievements, first = [], None
                for indicator in indicators:
                    factor = level * self.rng.uniform(0.9, 1.1)
                    expected = indicator.target_min * share
                    value = _d(float(expected) * factor)
                    r = Realisation(
                        indicator=indicator,
                        period=period,
                        value=value,
                        narrative="Kegiatan terlaksana sesuai rencana kerja triwulan.",
                        updated_by_id=user,
                    )
                    realisations.append(r)
                    first = first or r
                    achievements.append(
                        IndicatorAchievement(
                            is_main=indicator.rhk.group == "utama",
                            achievement_pct=achievement_pct(expected.quantize(TWO), None, value),
                        )
                    )
                if self.rng.random() < 0.5 and first is not None:
                    evidence.append(
                        Evidence(
                            skp=skp,
                            period=period,
                            realisation=first,
                            kind="link",
                            url=f"https://drive.abdyakab.go.id/bukti/{skp.pk}/{period.number}",
                            title=f"Bukti dukung {period.label}",
                            uploaded_by_id=user,
                        )
                    )
                last = index == len(self.closed) - 1
                roll = self.rng.random()
                if last and roll < 0.01:
                    status = "draft"
                elif last and roll < 0.04:
                    status = "submitted"
                else:
                    status = "acknowledged" if self.rng.random() < 0.7 else "evaluated"
                submitted_at = _aware(self._day(period.end, period.entry_closes), 15)
                submissions.append(
                    PeriodSubmission(
                        skp=skp,
                        period=period,
                        status=status,
                        submitted_at=None if status == "draft" else submitted_at,
                        version=2 if status == "draft" else 3,
                    )
                )
                if status in ("draft", "submitted"):
                    continue
                suggested = suggest_work_rating(achievements)
                work = suggested
                reason = ""
                if self.rng.random() < 0.08:
                    work = self.rng.choice([r for r in ratings if r is not suggested])
                    reason = "Mempertimbangkan kualitas hasil kerja dan kendala di lapangan."
                behaviour = self.rng.choices(ratings, weights=[12, 80, 8])[0]
                work_history.append(work)
                behaviour_history.append(behaviour)
                evaluated = self._day(period.entry_closes, period.evaluation_deadline)
                evaluations.append(
                    self._evaluation(
                        skp,
                        period,
                        work,
                        behaviour,
                        suggested,
                        reason,
                        assessor_user,
                        evaluated,
                        acknowledged=status == "acknowledged",
                    )
                )
            # current period: draft realisations for about half of the people
            if self.current is not None and self.rng.random() < 0.5:
                share = Decimal(((self.today - skp.period_start).days + 1) / 365)
                for indicator in indicators[: self.rng.randint(1, len(indicators))]:
                    realisations.append(
                        Realisation(
                            indicator=indicator,
                            period=self.current,
                            value=_d(float(indicator.target_min * share) * level),
                            narrative="Realisasi sementara.",
                            updated_by_id=user,
                        )
                    )
                submissions.append(PeriodSubmission(skp=skp, period=self.current))
            # the annual evaluation
            if work_history:
                work = Counter(work_history).most_common(1)[0][0]
                behaviour = Counter(behaviour_history).most_common(1)[0][0]
                from_org = False
                agency = self.agency_of(e)
                if is_head and e.unit_id == agency and agency in self.org_result:
                    work = org_rating_for_head(OrgPredicate(self.org_result[agency]))
                    from_org = True
                evaluated = self._day(dt.date(self.year, 11, 1), dt.date(self.year, 12, 31))
                ev = self._evaluation(
                    skp,
                    self.annual,
                    work,
                    behaviour,
                    work,
                    "",
                    assessor_user,
                    evaluated,
                    acknowledged=self.rng.random() < 0.6,
                )
                ev.work_from_org_result = from_org
                ev.predicate = predicate_for(work, behaviour).value
                evaluations.append(ev)
                submissions.append(
                    PeriodSubmission(
                        skp=skp,
                        period=self.annual,
                        status="evaluated",
                        submitted_at=ev.evaluated_at,
                    )
                )
                self.annual_predicate[emp_id] = ev.predicate
        _bulk(Realisation, realisations, self.counts, "realisasi")
        _bulk(Evidence, evidence, self.counts, "bukti dukung")
        _bulk(PeriodSubmission, submissions, self.counts, "pengajuan periode")
        _bulk(Evaluation, evaluations, self.counts, "penilaian")

    def _evaluation(
        self, skp, period, work, behaviour, suggested, reason, by, day, *, acknowledged
    ):
        from kinerja.evaluation.domain import predicate_for
        from kinerja.evaluation.models import Evaluation

        evaluated_at = _aware(day, 11)
        return Evaluation(
            skp=skp,
            period=period,
            work_rating=work.value,
            behaviour_rating=behaviour.value,
            suggested_work_rating=suggested.value,
            deviation_reason=reason,
            predicate=predicate_for(work, behaviour).value,
            assessor_id=skp.assessor_id,
            assessor_name=skp.assessor_name,
            assessor_nip=skp.assessor_nip,
            assessor_position=skp.assessor_position,
            evaluated_by_id=by,
            evaluated_at=evaluated_at,
            delivered_on=day,
            acknowledged_at=(
                _aware(min(day + dt.timedelta(days=self.rng.randint(0, 3)), self.today), 16)
                if acknowledged
                else None
            ),
        )

    def dialogue(self) -> None:
        from kinerja.evaluation.models import Dialogue, DialogueAction, Feedback
        from kinerja.planning.domain.behaviour import BERAKHLAK

        feedback, dialogues, actions = [], [], []
        for emp_id, skp in self.skps_by_emp.items():
            by = skp.approved_by_id
            if self.rng.random() < 0.35:
                for _ in range(self.rng.randint(1, 3)):
                    on_value = self.rng.random() < 0.3
                    rhk = None if on_value else self.rng.choice(self.rhks_by_emp[emp_id])
                    feedback.append(
                        Feedback(
                            skp=skp,
                            rhk=rhk,
                            value_code=self.rng.choice(BERAKHLAK).code if on_value else "",
                            period=self.rng.choice(self.closed) if self.closed else None,
                            author_id=by,
                            author_name=skp.assessor_name,
                            text=self.rng.choice(FEEDBACK),
                        )
                    )
            if self.rng.random() < 0.2 and self.closed:
                period = self.rng.choice(self.closed)
                dialogue = Dialogue(
                    skp=skp,
                    date=self._day(period.start, period.end),
                    notes=self.rng.choice(DIALOGUE_NOTES),
                    created_by_id=by,
                )
                dialogues.append(dialogue)
                for _ in range(self.rng.randint(1, 2)):
                    done = self.rng.random() < 0.6
                    actions.append(
                        DialogueAction(
                            dialogue=dialogue,
                            text="Melengkapi bukti dukung dan memperbarui rencana aksi.",
                            owner_id=emp_id,
                            due_date=dialogue.date + dt.timedelta(days=30),
                            status="done" if done else "open",
                            closed_at=_aware(dialogue.date + dt.timedelta(days=20))
                            if done
                            else None,
                            closed_by_id=self.users.get(emp_id) if done else None,
                        )
                    )
        _bulk(Feedback, feedback, self.counts, "umpan balik")
        _bulk(Dialogue, dialogues, self.counts, "dialog kinerja")
        _bulk(DialogueAction, actions, self.counts, "tindak lanjut dialog")

    def development(self) -> None:
        from kinerja.development.domain import derive_needs
        from kinerja.development.domain.needs import CompetencyGap
        from kinerja.development.models import (
            Activity,
            Competency,
            DevelopmentNeed,
            DevelopmentPlan,
            EmployeeCompetency,
            JpEntry,
            PlanItem,
            PositionCompetency,
            Registration,
            TrainingEvent,
        )
        from kinerja.development.seed import seed_development
        from kinerja.organisations.models import OrgUnit

        seed_development()
        activities = list(Activity.objects.order_by("pk"))
        organiser = (
            OrgUnit.objects.filter(name__icontains="kepegawaian", depth=1).first()
            or self.agencies[0]
        )
        # past events this year, enough seats for everyone who attended
        n_events = max(12, len(self.employees) // 40)
        events = []
        last = max(self.today - dt.timedelta(days=7), dt.date(self.year, 1, 20))
        for i in range(n_events):
            activity = activities[i % len(activities)]
            jp = EVENT_JP[i % len(EVENT_JP)]
            start = self._day(dt.date(self.year, 1, 15), last)
            days = max(1, min(5, jp // 8))
            events.append(
                TrainingEvent(
                    activity=activity,
                    organiser_unit=organiser,
                    title=f"{activity.name} angkatan {i + 1} tahun {self.year}",
                    start_date=start,
                    end_date=start + dt.timedelta(days=days - 1),
                    place="Aula BKPSDM Blangpidie",
                    quota=10_000,
                    minutes=jp * 45,
                    status="done",
                    created_by=self.admin,
                )
            )
        _bulk(TrainingEvent, events, self.counts, "pelatihan")
        registrations, ledger = [], []
        for emp_id in self.employees:
            if emp_id not in self.users:
                continue
            k = self.rng.choices([0, 1, 2, 3, 4], weights=[15, 30, 30, 15, 10])[0]
            for event_index in self.rng.sample(range(len(events)), k):
                event = events[event_index]
                jp = Decimal(EVENT_JP[event_index % len(EVENT_JP)])
                registration = Registration(
                    event=event,
                    employee_id=emp_id,
                    status="completed",
                    registered_at=_aware(event.start_date - dt.timedelta(days=7)),
                    feedback_rating=self.rng.randint(3, 5),
                )
                registrations.append(registration)
                ledger.append(
                    JpEntry(
                        employee_id=emp_id,
                        year=self.year,
                        jp=jp,
                        registration=registration,
                        title=event.title,
                        explanation=f"{jp} JP: {event.minutes} menit pelajaran / 45 menit per JP.",
                    )
                )
        _bulk(Registration, registrations, self.counts, "pendaftaran pelatihan")
        _bulk(JpEntry, ledger, self.counts, "catatan JP")

        # assessed levels and the needs the domain derives from them
        standards: dict[int, list] = defaultdict(list)
        for s in PositionCompetency.objects.select_related("competency"):
            standards[s.position_id].append(s)
        competency_ids = dict(Competency.objects.values_list("code", "id"))
        already = {
            (emp, comp): level
            for emp, comp, level in EmployeeCompetency.objects.filter(year=self.year).values_list(
                "employee_id", "competency_id", "level"
            )
        }
        earlier: dict[int, dict[int, int]] = defaultdict(dict)
        for (emp, comp), level in already.items():
            earlier[emp][comp] = level
        known_needs = set(
            DevelopmentNeed.objects.filter(year=self.year).values_list("employee_id", "key")
        )
        assessed, needs = [], []
        for emp_id, e in self.employees.items():
            mine = standards.get(e.position_id, [])
            levels = dict(earlier.get(emp_id, {}))
            if mine and self.rng.random() < 0.35:
                for s in self.rng.sample(mine, min(3, len(mine))):
                    level = max(1, min(5, s.required_level + self.rng.choice([-1, 0, 0, 1])))
                    if (emp_id, s.competency_id) not in already:
                        levels[s.competency_id] = level
                        assessed.append(
                            EmployeeCompetency(
                                employee_id=emp_id,
                                competency_id=s.competency_id,
                                level=level,
                                year=self.year,
                                source=f"Uji kompetensi {self.year} (data tolok ukur)",
                            )
                        )
            gaps = [
                CompetencyGap(
                    code=s.competency.code,
                    name=s.competency.name,
                    required_level=s.required_level,
                    assessed_level=levels.get(s.competency_id),
                )
                for s in mine
            ]
            for need in derive_needs(
                competency_gaps=gaps,
                predicate=self.annual_predicate.get(emp_id),
                behaviour_ratings={},
                rhk_achievements=[],
            ):
                key = (
                    f"{need.source}:{need.competency_code or ''}:{need.behaviour or ''}:"
                    f"{need.rhk_reference or ''}"
                )
                if (emp_id, key[:200]) in known_needs:
                    continue
                confirmed = self.rng.random() < 0.6
                needs.append(
                    DevelopmentNeed(
                        employee_id=emp_id,
                        year=self.year,
                        source=need.source.value,
                        key=key[:200],
                        competency_id=competency_ids.get(need.competency_code or ""),
                        behaviour=need.behaviour or "",
                        rhk_reference=need.rhk_reference or "",
                        reason=need.reason,
                        status="confirmed" if confirmed else "proposed",
                        confirmed_by_id=self.skps_by_emp[emp_id].approved_by_id
                        if confirmed and emp_id in self.skps_by_emp
                        else None,
                        confirmed_at=self.now if confirmed else None,
                    )
                )
        _bulk(EmployeeCompetency, assessed, self.counts, "profil kompetensi")
        _bulk(DevelopmentNeed, needs, self.counts, "kebutuhan pengembangan")
        by_competency = defaultdict(list)
        for a in Activity.objects.prefetch_related("competencies"):
            for c in a.competencies.all():
                by_competency[c.pk].append(a)
        plans, items = [], []
        by_employee = defaultdict(list)
        for need in needs:
            by_employee[need.employee_id].append(need)
        existing_plans = set(
            DevelopmentPlan.objects.filter(year=self.year).values_list("employee_id", flat=True)
        )
        for emp_id, mine in by_employee.items():
            if emp_id in existing_plans or self.rng.random() > 0.6:
                continue
            agreed = self.rng.random() < 0.5
            plan = DevelopmentPlan(
                employee_id=emp_id,
                year=self.year,
                status="agreed" if agreed else "draft",
                agreed_by_employee_at=self.now if agreed else None,
                agreed_by_assessor_at=self.now if agreed else None,
                assessor_id=self.assessor.get(emp_id),
            )
            plans.append(plan)
            for need in mine[:2]:
                options = by_competency.get(need.competency_id) or activities
                items.append(
                    PlanItem(
                        plan=plan,
                        need=need,
                        activity=self.rng.choice(options),
                        quarter=self.rng.randint(1, 4),
                        status=self.rng.choice(["planned", "in_progress", "done"]),
                    )
                )
        _bulk(DevelopmentPlan, plans, self.counts, "rencana pengembangan")
        _bulk(PlanItem, items, self.counts, "butir rencana")

    def communication(self) -> None:
        from kinerja.accounts.models import User
        from kinerja.communication.models import Announcement, AnnouncementRead, Notification
        from kinerja.communication.services import notify_announcement_if_due

        sizes = Counter(self.agency_of(e) for e in self.employees.values())
        biggest = max(self.agencies, key=lambda a: sizes[a.pk])
        self.biggest_agency = biggest
        made = []
        for i, (title, body) in enumerate(ANNOUNCEMENTS):
            when = self._day(dt.date(self.year, 1, 10 + i), self.today - dt.timedelta(days=3))
            made.append(
                Announcement.objects.create(
                    title=f"{title} {self.year}",
                    body=body,
                    author=self.admin,
                    author_label="BKPSDM Kabupaten Aceh Barat Daya",
                    publish_at=_aware(when, 8),
                    pinned=i == 0,
                    scope="agencies" if i == 2 else "all",
                )
            )
        made[2].target_agencies.set([biggest])
        self.counts["pengumuman"] += len(made)
        reads = []
        for announcement in made:
            self.counts["notifikasi"] += notify_announcement_if_due(announcement=announcement)
            recipients = list(
                Notification.objects.filter(
                    dedupe_key=f"announcement:{announcement.pk}"
                ).values_list("recipient_id", flat=True)
            )
            share = self.rng.uniform(0.4, 0.85)
            chosen = [u for u in recipients if self.rng.random() < share]
            read_at = announcement.publish_at + dt.timedelta(days=1)
            reads += [
                AnnouncementRead(announcement=announcement, user_id=u, read_at=read_at)
                for u in chosen
            ]
            Notification.objects.filter(
                dedupe_key=f"announcement:{announcement.pk}", recipient_id__in=chosen
            ).update(read_at=read_at)
        _bulk(AnnouncementRead, reads, self.counts, "tanda baca")
        # most people have signed in at some time this year; every head of a unit has (the
        # benchmark acts as them, and a first sign-in would otherwise stop at the password page)
        users = list(
            User.objects.filter(employee__isnull=False).only(
                "pk", "last_login", "must_change_password"
            )
        )
        heads = set(
            User.objects.filter(
                employee__position__is_head=True, employee__is_active=True
            ).values_list("pk", flat=True)
        )
        logged = []
        for user in users:
            if self.rng.random() < 0.88 or user.pk in heads:
                day = self._day(dt.date(self.year, 1, 2), self.today)
                user.last_login = _aware(day, self.rng.randint(7, 16), self.rng.randint(0, 59))
                user.must_change_password = False  # changed at the first sign-in
                logged.append(user)
        User.objects.bulk_update(logged, ["last_login", "must_change_password"], batch_size=BATCH)
        self.counts["akun yang pernah masuk"] += len(logged)

    def leadership(self) -> None:
        from kinerja.leadership.models import Direction, DirectionAck, FieldVisit, FollowUp

        team = defaultdict(list)
        for emp_id, assessor_id in self.assessor.items():
            if assessor_id is not None and emp_id in self.skps_by_emp:
                team[assessor_id].append(emp_id)
        leaders = sorted(a for a, members in team.items() if len(members) >= 3)
        directions, acks, visits, follow_ups = [], [], [], []
        for leader in leaders:
            members = team[leader]
            for _ in range(self.rng.randint(1, 2)):
                rhks = self.rhks_by_emp.get(leader) or [None]
                d = Direction(
                    author_id=leader,
                    text="Pastikan realisasi dan bukti dukung triwulan diisi tepat waktu.",
                    audience="team",
                    rhk=self.rng.choice(rhks),
                    created_at=_aware(self._day(dt.date(self.year, 2, 1), self.today)),
                )
                directions.append(d)
                for member in members:
                    acks.append(
                        DirectionAck(
                            direction=d,
                            employee_id=member,
                            acknowledged_at=(
                                d.created_at + dt.timedelta(days=1)
                                if self.rng.random() < 0.7
                                else None
                            ),
                        )
                    )
            if self.rng.random() < 0.5:
                day = self._day(dt.date(self.year, 2, 1), self.today)
                visit = FieldVisit(
                    leader_id=leader,
                    date=day,
                    place="Gampong Padang, Kecamatan Blangpidie",
                    purpose="Memantau pelaksanaan layanan di lapangan.",
                    findings="Layanan berjalan; beberapa sarana perlu perbaikan.",
                    created_at=_aware(day, 15),
                )
                visits.append(visit)
                for member in self.rng.sample(members, min(2, len(members))):
                    done = self.rng.random() < 0.5
                    follow_ups.append(
                        FollowUp(
                            visit=visit,
                            text="Menindaklanjuti temuan kunjungan lapangan.",
                            owner_id=member,
                            due_date=day + dt.timedelta(days=21),
                            status="done" if done else "open",
                            closed_at=_aware(day + dt.timedelta(days=14)) if done else None,
                            closing_note="Sudah ditindaklanjuti." if done else "",
                            created_at=_aware(day, 15),
                        )
                    )
        _bulk(Direction, directions, self.counts, "arahan")
        _bulk(DirectionAck, acks, self.counts, "penerima arahan")
        _bulk(FieldVisit, visits, self.counts, "kunjungan lapangan")
        _bulk(FollowUp, follow_ups, self.counts, "tindak lanjut kunjungan")

    def reports(self) -> None:
        from kinerja.adoption.models import AdoptionSnapshot
        from kinerja.adoption.services import take_weekly_snapshot, week_start
        from kinerja.reports.models import OutcomeMeasurement

        admin_name = self.admin.get_full_name() or self.admin.username
        rows = []
        for target in self.all_targets:
            for period in self.closed:
                planned = getattr(target, f"target_q{period.number}", None) or target.target_value
                rows.append(
                    OutcomeMeasurement(
                        agreement_target=target,
                        period=period,
                        value=_d(float(planned) * self.rng.uniform(0.9, 1.08)),
                        explanation="Hasil survei dan laporan triwulan perangkat daerah.",
                        source="Laporan triwulan",
                        entered_by=self.admin,
                        entered_by_name=admin_name,
                    )
                )
        _bulk(OutcomeMeasurement, rows, self.counts, "realisasi IKU")
        take_weekly_snapshot(self.today)
        current = list(AdoptionSnapshot.objects.filter(week_start=week_start(self.today)))
        history = []
        for weeks_back in range(1, 13):
            monday = week_start(self.today) - dt.timedelta(weeks=weeks_back)
            if monday.year != self.year:
                break
            lag = 1 + weeks_back * 0.04
            for s in current:
                never = min(s.employees, round(s.never_logged_in * lag + weeks_back))
                history.append(
                    AdoptionSnapshot(
                        week_start=monday,
                        agency_id=s.agency_id,
                        year=self.year,
                        employees=s.employees,
                        never_logged_in=never,
                        without_skp=s.without_skp,
                        due_current_period=s.due_current_period,
                        not_filled_current_period=min(
                            s.due_current_period, round(s.not_filled_current_period * lag)
                        ),
                        assessors_with_evaluations_waiting=s.assessors_with_evaluations_waiting,
                        evaluations_waiting=s.evaluations_waiting,
                        announcements_delivered=s.announcements_delivered,
                        announcements_read=round(s.announcements_read / lag),
                        taken_at=_aware(monday, 6),
                    )
                )
        _bulk(AdoptionSnapshot, history, self.counts, "potret adopsi")
        self.counts["potret adopsi"] += len(current)


def generate(
    *,
    year: int | None = None,
    today: dt.date | None = None,
    seed: int = 1,
    log: Callable[[str], None] = lambda _: None,
) -> YearData:
    """Fill a year of activity for every active employee (after `seed_demo`); see the module."""
    from kinerja.core import clock
    from kinerja.planning.models import Skp

    today = today or clock.today()
    year = year or today.year
    if Skp.objects.filter(year=year).exists():
        raise RuntimeError(f"Sudah ada SKP tahun {year}: data setahun hanya diisi sekali.")
    started = time.perf_counter()
    g = _Generator(year=year, today=today, seed=seed, log=log)
    with transaction.atomic():
        for name, step in [
            ("pegawai dan garis penilai", g.load_people),
            ("jadwal penilaian", g.schedule),
            ("sasaran daerah dan perjanjian kinerja", g.org_plans),
            ("SKP", g.skps),
            ("RHK dan indikator", g.rhks),
            ("lampiran, ekspektasi, versi", g.skp_extras),
            ("capaian organisasi", g.org_results),
            ("realisasi, pengajuan, penilaian", g.evaluation),
            ("umpan balik dan dialog", g.dialogue),
            ("pengembangan kompetensi dan JP", g.development),
            ("pengumuman dan waktu masuk", g.communication),
            ("arahan dan kunjungan", g.leadership),
            ("capaian IKU dan potret adopsi", g.reports),
        ]:
            g._step(name, step)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    g.result.seconds = time.perf_counter() - started
    g.result.counts = Counter({k: v for k, v in g.counts.items() if v})
    return g.result
