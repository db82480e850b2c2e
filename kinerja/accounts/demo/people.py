"""Who the demo employees are: names, academic titles, status, age, NIP and rank.

Mixed into the plan builder so every draw comes from the builder's one seeded generator, in a
fixed order (same seed, same people).
"""

from __future__ import annotations

import datetime as dt
import random

from kinerja.organisations.domain.nip import Gender, build_nip

from . import data


class PersonTraits:
    """Draws the attributes of one person; `rng` and `nip_sequence` come from the builder."""

    rng: random.Random
    nip_sequence: dict[str, int]

    def nip(self, birth: dt.date, appointed: tuple[int, int], gender: Gender) -> str:
        prefix = build_nip(birth, appointed, gender, 1)[:15]
        sequence = self.nip_sequence.get(prefix, 0) + 1
        self.nip_sequence[prefix] = sequence
        return build_nip(birth, appointed, gender, sequence)

    def name(self, gender: Gender) -> str:
        rng = self.rng
        if gender is Gender.MALE:
            given = rng.choice(data.MALE_NAMES)
            parts = [given]
            if given == "Muhammad" or rng.random() < 0.5:
                parts.append(rng.choice(data.MALE_SECOND))
            prefix = "Teuku " if rng.random() < 0.08 else ("Said " if rng.random() < 0.03 else "")
        else:
            given = rng.choice(data.FEMALE_NAMES)
            parts = [given]
            if " " not in given and rng.random() < 0.4:
                parts.append(rng.choice(data.FEMALE_SECOND))
            prefix = "Cut " if rng.random() < 0.08 and not given.startswith("Cut") else ""
        return prefix + " ".join(parts)

    def titles(self, job_name: str, kind: str, level: str, birth_year: int) -> tuple[str, str]:
        rng = self.rng
        t = data.TITLES
        if (
            job_name.startswith("Guru")
            or job_name.startswith("Kepala SD")
            or job_name.startswith("Kepala SMP")
        ):
            return "", rng.choice(t["teacher"])
        if job_name.startswith("Dokter Ahli Muda") or job_name.startswith("Direktur RSUD"):
            return "dr.", rng.choice(t["specialist"])
        if job_name.startswith("Dokter") or job_name == "Kepala Dinas Kesehatan":
            return "dr.", rng.choice(t["doctor"])
        if job_name.startswith("Perawat"):
            return "", rng.choice(
                t["nurse_expert" if level.startswith("ahli") else "nurse_skilled"]
            )
        if job_name.startswith("Bidan"):
            return "", rng.choice(
                t["midwife_expert" if level.startswith("ahli") else "midwife_skilled"]
            )
        if job_name.startswith("Apoteker"):
            return "apt.", rng.choice(t["pharmacist"])
        for prefix, title in (
            ("Nutrisionis", "A.Md.Gz."),
            ("Sanitarian", "A.Md.KL."),
            ("Pranata Laboratorium", "A.Md.AK."),
            ("Radiografer", "A.Md.Rad."),
            ("Perekam Medis", "A.Md.RMIK."),
        ):
            if job_name.startswith(prefix):
                return "", title
        if job_name.startswith("Kepala UPTD Puskesmas"):
            return ("dr.", "") if rng.random() < 0.5 else ("", rng.choice(t["public_health"]))
        if any(
            job_name.startswith(p)
            for p in ("Penyuluh Kesehatan", "Epidemiolog", "Administrator Kesehatan")
        ):
            return "", rng.choice(t["public_health"])
        if any(job_name.startswith(p) for p in ("Pranata Komputer", "Statistisi", "Sandiman")):
            return "", "A.Md.Kom." if level == "terampil" else rng.choice(t["it"])
        if job_name.startswith("Auditor") or job_name.startswith("Analis Keuangan"):
            return "", rng.choice(t["audit"])
        if kind in {"jpt_pratama", "administrator", "pengawas", "regent"}:
            if kind == "regent":
                return "", ""
            if birth_year < 1971 and rng.random() < 0.3:
                return rng.choice(["Drs.", "Ir."]), rng.choice(["", "M.Si.", "M.M."])
            return "", rng.choice(t["structural"])
        if kind == "functional_skilled":
            return "", "A.Md."
        if kind == "functional_expert":
            return "", rng.choice([x for x in t["staff"] if x])
        return "", rng.choice(t["staff"])

    def status(self, kind: str, group: str, required: bool) -> str:
        if required or kind in {"regent", "jpt_pratama", "administrator", "pengawas"}:
            return "pns"
        r = self.rng.random()
        if kind == "pelaksana":
            return (
                "pns"
                if r < 0.55
                else "pppk"
                if r < 0.7
                else "pppk_part_time"
                if r < 0.95
                else "cpns"
            )
        if group in {"school", "health", "hospital"}:
            return (
                "pns"
                if r < 0.55
                else "pppk"
                if r < 0.9
                else "pppk_part_time"
                if r < 0.95
                else "cpns"
            )
        return "pns" if r < 0.75 else "pppk" if r < 0.9 else "cpns"

    def age_range(self, kind: str, level: str, status: str) -> tuple[int, int]:
        if level in {"ahli_muda", "mahir"}:
            return 33, 56
        if level == "ahli_madya":
            return 42, 58
        if kind == "regent":
            return 50, 50
        if kind == "jpt_pratama":
            return 47, 58
        if kind == "administrator":
            return 40, 56
        if kind == "pengawas":
            return 34, 55
        return {"cpns": (23, 33), "pppk": (27, 50), "pppk_part_time": (24, 45)}.get(
            status, (25, 57)
        )

    def appointment(self, birth_year: int, kind: str, status: str) -> tuple[int, int]:
        rng = self.rng
        if status == "cpns":
            return 2024, rng.choice([6, 7])
        if status == "pppk":
            return rng.randint(max(2021, birth_year + 22), 2024), rng.choice([1, 3, 4, 10])
        if status == "pppk_part_time":
            return 2025, rng.choice([1, 3, 4])
        latest = 2012 if kind in {"jpt_pratama", "administrator", "pengawas", "regent"} else 2022
        earliest = birth_year + 21
        latest = max(earliest, min(latest, birth_year + 38))
        return rng.randint(earliest, latest), rng.choice([1, 3, 4, 12])

    def rank(self, kind: str, level: str, status: str, back_title: str, service: int) -> str:
        rng = self.rng
        if kind == "regent":
            return ""
        if status in {"pppk", "pppk_part_time"}:
            golongan = {
                "ahli_pertama": "IX",
                "ahli_muda": "XI",
                "ahli_madya": "XIII",
                "terampil": "VII",
                "mahir": "VIII",
            }.get(level, "VII" if back_title else "V")
            return f"Golongan {golongan}"
        if status == "cpns":
            index = 4 if back_title.startswith("S.") or ", S." in back_title else 2
        else:
            low, high = {
                "jpt_pratama": (9, 10),
                "administrator": (8, 9),
                "pengawas": (6, 8),
                "ahli_pertama": (4, 5),
                "ahli_muda": (6, 7),
                "ahli_madya": (8, 10),
                "terampil": (2, 5),
                "mahir": (5, 6),
            }.get(level or kind, (0, 6))
            # Longer service sits higher in the band (regular promotion every four years).
            index = min(high, low + service // 8 + rng.randint(0, 1))
        gol, name = data.PNS_RANKS[index]
        return f"{name} ({gol})"
