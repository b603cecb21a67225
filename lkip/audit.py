"""Reading the audit trail (django-simple-history): per record and per agency, read-only.

Values are shown as the screens show them (Rp114.000.000,00, 7 Desember 2026, Ya/Tidak, the name
of a linked record instead of its id), and a version that changed nothing a person can see (a
save with the same values, 80.500000 → 80.5) is left out.

The agency's trail is paginated before the versions are read: the kinds, people and dates are
filtered in the database, the page's rows are chosen from (time, kind, version id) triples, and
only those versions and the ones before them are loaded and compared.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst

from lkip import formulas

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
    "evaluasi.Evaluasi": "opd",
    "evaluasi.Jawaban": "evaluasi__opd",
    "evaluasi.NilaiSubKomponen": "evaluasi__opd",
    "evaluasi.Bukti": "jawaban__evaluasi__opd",
    "evaluasi.CatatanKomponen": "evaluasi__opd",
    "evaluasi.Rekomendasi": "evaluasi__opd",
}
#: Amounts in rupiah (shown "Rp114.000.000,00"); other decimals are shown as numbers.
RUPIAH = {
    "budget.Anggaran": {
        "pagu_murni",
        "pagu_perubahan",
        "realisasi",
        "realisasi_tw1",
        "realisasi_tw2",
        "realisasi_tw3",
        "realisasi_tw4",
    },
    "rpjmd.AnggaranPerangkatDaerah": {"pagu", "realisasi"},
    "rpjmd.Pembiayaan": {"anggaran", "realisasi"},
}
#: Column names for fields that have no Indonesian verbose name of their own.
KOLOM = {"user": "pengguna", "opd": "perangkat daerah", "pemda": "pemerintah daerah"}
AKSI = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
SKIP = {
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
    "last_login",
}
#: The value of the person filter for changes made by no one logged in (imports, commands).
SISTEM = "sistem"
PER_HALAMAN = 50


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


def _fields(history_model) -> list:
    return [f for f in history_model._meta.fields if f.attname not in SKIP]


def _label(model, f) -> str:
    name = str(f.verbose_name)
    return KOLOM.get(f.name, name) if name.replace(" ", "_") == f.name else name


class _Nama:
    """The names of the records a page's versions link to, fetched once per related model."""

    def __init__(self) -> None:
        self.wanted: dict[type, set] = defaultdict(set)
        self.found: dict[type, dict] = {}

    def minta(self, history_model, rows) -> None:
        for f in _fields(history_model):
            if f.is_relation:
                for row in rows:
                    value = getattr(row, f.attname)
                    if value is not None:
                        self.wanted[f.related_model].add(value)

    def nama(self, model, pk) -> str:
        if model not in self.found:
            ids = self.wanted.get(model, set())
            self.found[model] = model._default_manager.in_bulk(ids) if ids else {}
        obj = self.found[model].get(pk)
        if obj is None:
            return f"#{pk} (sudah dihapus)"
        if model is get_user_model():
            return obj.get_full_name() or obj.get_username()
        return str(obj)


def tampil(model_label: str, f, value, nama: _Nama) -> str:
    """One stored value as the screens show it."""
    if value is None or value == "":
        return "—"
    if f.is_relation:
        return nama.nama(f.related_model, value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, Decimal):
        if f.name in RUPIAH.get(model_label, ()):
            return formulas.format_rupiah(value, sen=True)
        return formulas.format_masukan(value)
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{formulas.format_tanggal(local.date())} {local:%H.%M}"
    if isinstance(value, date):
        return formulas.format_tanggal(value)
    text = str(value)
    return text if len(text) <= 160 else text[:159] + "\u2026"


def _diff(model_label: str, old, new, nama: _Nama) -> tuple[Perubahan, ...]:
    out = []
    for f in _fields(type(new)):  # the historical model: only what is tracked (no passwords)
        before = tampil(model_label, f, getattr(old, f.attname), nama) if old is not None else "—"
        after = tampil(model_label, f, getattr(new, f.attname), nama)
        if before != after:  # what a person sees, not what is stored (80.500000 → 80.5)
            out.append(Perubahan(capfirst(_label(type(new), f)), before, after))
    return tuple(out)


def _pengguna(row) -> str:
    user = row.history_user if row.history_user_id else None
    if user is None:
        return SISTEM
    return user.get_full_name() or user.get_username()


def _entri(model, row, previous, nama: _Nama, extra: tuple[Perubahan, ...] = ()) -> Entri | None:
    label = model._meta.label
    changes = () if row.history_type == "-" else _diff(label, previous, row, nama) + extra
    if row.history_type == "~" and not changes:
        return None  # a save that changed nothing a person can see
    try:
        objek = str(row.instance)
    except ObjectDoesNotExist:  # a deleted record whose name needs a record deleted with it
        objek = f"#{row.id}"
    return Entri(
        row.history_date,
        _pengguna(row),
        AKSI.get(row.history_type, row.history_type),
        str(model._meta.verbose_name),
        objek,
        changes,
    )


def _versions(history, ids) -> dict[int, list]:
    by_object: dict[int, list] = defaultdict(list)
    for row in history.objects.filter(id__in=ids).select_related("history_user"):
        by_object[row.id].append(row)
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
    return by_object


def record_history(obj) -> list[Entri]:
    """Every visible version of one record, newest first (one query, plus the linked names)."""
    model = obj.__class__
    history = obj.history.model
    versions = _versions(history, [obj.pk]).get(obj.pk, [])
    nama = _Nama()
    nama.minta(history, versions)
    out, previous = [], None
    for row in versions:
        entry = _entri(model, row, previous, nama)
        if entry is not None:
            out.append(entry)
        previous = row
    return out[::-1]


def _saring(qs, pengguna: str, dari: date | None, sampai: date | None):
    if pengguna == SISTEM:
        qs = qs.filter(history_user__isnull=True)
    elif pengguna:
        qs = qs.filter(history_user__username=pengguna)
    if dari:
        qs = qs.filter(history_date__date__gte=dari)
    if sampai:
        qs = qs.filter(history_date__date__lte=sampai)
    return qs


def _user_history(penugasan: dict):
    User = get_user_model()
    from lkip.models import Penugasan

    ids = Penugasan.objects.filter(**penugasan).values_list("user_id", flat=True)
    return User.history.model.objects.filter(id__in=ids)


def opd_history(opd, **saring) -> Page:
    """One page of the agency's audit trail (`riwayat` with OPD_PATH and its people)."""
    return riwayat(OPD_PATH, opd.pk, {"opd": opd}, **saring)


def riwayat(
    jalur: dict[str, str],
    pk: int,
    penugasan: dict,
    *,
    jenis: str = "",
    pengguna: str = "",
    dari: date | None = None,
    sampai: date | None = None,
    halaman: int | str = 1,
    per_halaman: int = PER_HALAMAN,
) -> Page:
    """One page of an owner's audit trail across the tracked models of `jalur` (model → lookup
    from its historical row to the owner, whose id is `pk`) and the accounts of the people
    assigned as `penugasan` says, newest first, filtered.

    The page's `object_list` holds `Entri`s (a version that changed nothing visible is left out,
    so a page may hold fewer than `per_halaman`).
    """
    kunci: list[tuple[datetime, str, int]] = []
    for label, path in jalur.items():
        if jenis and label != jenis:
            continue
        history = apps.get_model(label).history.model
        qs = history.objects.filter(Q(id=pk) if path == "id" else Q(**{f"{path}_id": pk}))
        qs = _saring(qs, pengguna, dari, sampai)
        kunci.extend((d, label, h) for d, h in qs.values_list("history_date", "history_id"))
    if not jenis or jenis == "auth.User":
        qs = _saring(_user_history(penugasan), pengguna, dari, sampai)
        kunci.extend((d, "auth.User", h) for d, h in qs.values_list("history_date", "history_id"))
    kunci.sort(key=lambda k: (k[0], k[2]), reverse=True)
    page = Paginator(kunci, per_halaman).get_page(halaman)
    wanted: dict[str, set[int]] = defaultdict(set)
    for _d, label, history_id in page.object_list:
        wanted[label].add(history_id)
    entries: list[Entri] = []
    for label, history_ids in wanted.items():
        if label == "auth.User":
            entries.extend(_user_entries(history_ids))
            continue
        model = apps.get_model(label)
        history = model.history.model
        ids = set(history.objects.filter(history_id__in=history_ids).values_list("id", flat=True))
        by_object = _versions(history, ids)
        nama = _Nama()
        for versions in by_object.values():
            nama.minta(history, versions)
        for versions in by_object.values():
            previous = None
            for row in versions:
                if row.history_id in history_ids:
                    entry = _entri(model, row, previous, nama)
                    if entry is not None:
                        entries.append(entry)
                previous = row
    entries.sort(key=lambda e: e.waktu, reverse=True)
    page.object_list = entries
    return page


def _user_entries(history_ids: set[int]) -> list[Entri]:
    """Changes to the accounts of the owner's users: their names, roles (groups), active flag."""
    User = get_user_model()
    history = User.history.model
    ids = set(history.objects.filter(history_id__in=history_ids).values_list("id", flat=True))
    by_user = _versions(history, ids)
    rows = [row for versions in by_user.values() for row in versions]
    m2m = history._meta.get_field("historicaluser_groups").related_model
    groups_of: dict[int, list[str]] = defaultdict(list)
    for link in m2m.objects.filter(history__in=rows).select_related("group"):
        groups_of[link.history_id].append(str(link.group))
    nama = _Nama()
    nama.minta(history, rows)
    out = []
    for versions in by_user.values():
        previous, before_groups = None, "—"
        for row in versions:
            groups = ", ".join(sorted(groups_of[row.history_id])) or "—"
            extra = (Perubahan("Peran", before_groups, groups),) if groups != before_groups else ()
            if row.history_id in history_ids:
                entry = _entri(User, row, previous, nama, extra)
                if entry is not None:
                    out.append(
                        Entri(
                            entry.waktu,
                            entry.pengguna,
                            entry.aksi,
                            "pengguna",
                            row.username,
                            entry.perubahan,
                        )
                    )
            previous, before_groups = row, groups
    return out


def jenis_choices(jalur: dict[str, str] = OPD_PATH) -> list[tuple[str, str]]:
    return [(label, capfirst(str(apps.get_model(label)._meta.verbose_name))) for label in jalur] + [
        ("auth.User", "Pengguna dan perannya")
    ]


def pengguna_choices(pemda_id: int) -> list[tuple[str, str]]:
    """The people of the pemda (those who can have changed its and its agencies' data), and the
    system."""
    User = get_user_model()
    users = User.objects.filter(penugasan__pemda_id=pemda_id).order_by("username")
    return [
        (u.get_username(), f"{u.get_full_name() or u.get_username()} ({u.get_username()})")
        for u in users
    ] + [(SISTEM, "Sistem (impor dan perintah)")]
