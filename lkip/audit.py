"""Reading the audit trail (django-simple-history): per record and per agency, read-only."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.db.models import Q

# model → lookup from the historical row to its agency
OPD_PATH = {
    "targets.Renstra": "opd",
    "targets.Tujuan": "renstra__opd",
    "targets.Sasaran": "renstra__opd",
    "targets.Target": "indikator__opd",
    "targets.Realisasi": "indikator__opd",
    "targets.PeriodeTertutup": "opd",
    "indicators.Indikator": "opd",
    "indicators.EvaluasiAKIP": "opd",
    "indicators.HasilIKM": "opd",
    "budget.Anggaran": "opd",
    "budget.CapaianOutput": "opd",
    "reports.NarasiLaporan": "opd",
    "reports.AngkaTercetak": "opd",
    "reports.PengakuanTemuan": "opd",
    "lkip.Penugasan": "opd",
    "lkip.PerangkatDaerah": "id",
    "skm.UnitLayanan": "opd",
    "skm.PeriodeSurvei": "opd",
    "skm.Unsur": "opd",
    "skm.PengaturanSurvei": "opd",
    "skm.Pengecualian": "responden__opd",
}
AKSI = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
SKIP = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
}


@dataclass(frozen=True)
class Perubahan:
    kolom: str
    lama: str
    baru: str


@dataclass(frozen=True)
class Entri:
    waktu: datetime
    pengguna: str
    aksi: str
    jenis: str
    objek: str
    perubahan: tuple[Perubahan, ...]


def _text(value) -> str:
    return "—" if value in (None, "") else str(value)


def _fields(model) -> list:
    return [f for f in model._meta.fields if f.attname not in SKIP]


def _diff(model, old, new) -> tuple[Perubahan, ...]:
    out = []
    for f in _fields(type(new)):  # the historical model: only what is tracked (no passwords)
        before = getattr(old, f.attname) if old is not None else None
        after = getattr(new, f.attname)
        if old is None and after in (None, ""):
            continue
        if before != after:
            out.append(Perubahan(str(f.verbose_name), _text(before), _text(after)))
    return tuple(out)


def _entries(model, rows) -> list[Entri]:
    """rows: every version of some objects, any order; each version diffed with the one before
    it."""
    by_object = defaultdict(list)
    for row in rows:
        by_object[row.id].append(row)
    out = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for row in versions:
            user = (
                row.history_user.get_username()
                if row.history_user_id and row.history_user
                else "sistem"
            )
            changes = () if row.history_type == "-" else _diff(model, previous, row)
            out.append(
                Entri(
                    row.history_date,
                    user,
                    AKSI.get(row.history_type, row.history_type),
                    str(model._meta.verbose_name),
                    str(row.instance) if row.history_type != "-" else f"#{row.id}",
                    changes,
                )
            )
            previous = row
    return out


def record_history(obj) -> list[Entri]:
    """Every version of one record, newest first (one query)."""
    history = obj.history.model
    rows = list(history.objects.filter(id=obj.pk).select_related("history_user"))
    return sorted(_entries(obj.__class__, rows), key=lambda e: e.waktu, reverse=True)


def opd_history(
    opd,
    *,
    jenis: str = "",
    pengguna: str = "",
    dari: date | None = None,
    sampai: date | None = None,
    batas: int = 200,
) -> list[Entri]:
    """The agency's audit trail across all tracked models, newest first, filtered."""
    out: list[Entri] = []
    for label, path in OPD_PATH.items():
        if jenis and label != jenis:
            continue
        model = apps.get_model(label)
        history = model.history.model
        qs = history.objects.filter(Q(id=opd.pk) if path == "id" else Q(**{f"{path}_id": opd.pk}))
        if pengguna:
            qs = qs.filter(history_user__username=pengguna)
        if dari:
            qs = qs.filter(history_date__date__gte=dari)
        if sampai:
            qs = qs.filter(history_date__date__lte=sampai)
        ids = list(qs.order_by("-history_date").values_list("id", flat=True).distinct()[:batas])
        if not ids:
            continue
        # All versions of those objects, so each change is diffed against its predecessor.
        rows = list(history.objects.filter(id__in=ids).select_related("history_user"))
        entries = _entries(model, rows)
        out.extend(
            e
            for e in entries
            if (not pengguna or e.pengguna == pengguna)
            and (not dari or e.waktu.date() >= dari)
            and (not sampai or e.waktu.date() <= sampai)
        )
    if not jenis or jenis == "auth.User":
        out.extend(_user_entries(opd, pengguna, dari, sampai, batas))
    out.sort(key=lambda e: e.waktu, reverse=True)
    return out[:batas]


def _user_entries(opd, pengguna, dari, sampai, batas) -> list[Entri]:
    """Changes to the accounts of the agency's users: their roles (groups) and active flag."""
    from django.contrib.auth import get_user_model

    from lkip.models import Penugasan

    User = get_user_model()
    ids = list(Penugasan.objects.filter(opd=opd).values_list("user_id", flat=True))
    history = User.history.model
    rows = list(history.objects.filter(id__in=ids).select_related("history_user"))
    m2m = history._meta.get_field("historicaluser_groups").related_model
    groups_of: dict[int, list[str]] = defaultdict(list)
    for link in m2m.objects.filter(history__in=rows).select_related("group"):
        groups_of[link.history_id].append(str(link.group))
    by_user: dict[int, list] = defaultdict(list)
    for row in rows:
        by_user[row.id].append(row)
    out = []
    for versions in by_user.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous, before_groups = None, "—"
        for row in versions:
            groups = ", ".join(sorted(groups_of[row.history_id])) or "—"
            changes = list(_diff(User, previous, row))
            if groups != before_groups:
                changes.append(Perubahan("peran", before_groups, groups))
            who = (
                row.history_user.get_username()
                if row.history_user_id and row.history_user
                else "sistem"
            )
            entry = Entri(
                row.history_date,
                who,
                AKSI.get(row.history_type, row.history_type),
                "pengguna",
                row.username,
                tuple(changes),
            )
            if (
                (not pengguna or who == pengguna)
                and (not dari or entry.waktu.date() >= dari)
                and (not sampai or entry.waktu.date() <= sampai)
            ):
                out.append(entry)
            previous, before_groups = row, groups
    return out[-batas:]


def jenis_choices() -> list[tuple[str, str]]:
    return [
        (label, str(apps.get_model(label)._meta.verbose_name).capitalize()) for label in OPD_PATH
    ] + [("auth.User", "Pengguna dan perannya")]
