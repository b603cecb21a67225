"""The quarterly entry grid: every indicator and budget line of an agency for one quarter."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from budget.models import Anggaran
from indicators.models import Indikator
from lkip import formulas, perubahan
from lkip.forms import AngkaField
from lkip.kunci import periode_tertutup_error
from lkip.models import PerangkatDaerah
from targets.capaian import hitung
from targets.models import JenisTarget, Realisasi, Target
from targets.services import Konflik

TEKS = ("faktor_pendukung", "faktor_penghambat", "upaya")
ANGKA = ("nilai", "pembilang", "penyebut")


@dataclass
class BarisIndikator:
    indikator: Indikator
    target: Decimal | None
    target_predikat: str
    realisasi: Realisasi | None
    #: The year's realisation as the report computes it, and whether it was typed as an annual
    #: figure (then the quarters do not change it) or follows from the quarters.
    tahunan: Decimal | None = None
    tahunan_diketik: bool = False

    def prefix(self) -> str:
        return f"r{self.indikator.pk}"


@dataclass
class BarisAnggaran:
    anggaran: Anggaran
    tw: int

    def prefix(self) -> str:
        return f"a{self.anggaran.pk}"

    @property
    def nilai_tw(self) -> Decimal | None:
        return getattr(self.anggaran, f"realisasi_tw{self.tw}")

    @property
    def belum_dirinci(self) -> bool:
        """An annual realisation typed without any quarterly split: entering a quarter replaces
        it with the sum of the quarters, only once the user confirms (`PerluPersetujuan`)."""
        return belum_dirinci(self.anggaran)


def belum_dirinci(a: Anggaran) -> bool:
    return a.realisasi > 0 and all(v is None for v in a.realisasi_triwulan)


@dataclass(frozen=True)
class GantiTahunan:
    """A budget line whose typed annual realisation the quarters would replace."""

    kode: str
    nama: str
    lama: Decimal
    baru: Decimal


class PerluPersetujuan(Exception):
    """Saving would replace typed annual realisations: nothing is saved until the user agrees."""

    def __init__(self, pengganti: list[GantiTahunan]):
        super().__init__("Realisasi tahunan yang diketik akan diganti jumlah triwulan.")
        self.pengganti = pengganti


def load_rows(
    opd: PerangkatDaerah, tahun: int, tw: int
) -> tuple[list[BarisIndikator], list[BarisAnggaran]]:
    """5 queries whatever the number of indicators and lines."""
    indikator = list(Indikator.objects.filter(opd=opd).order_by("tingkat", "urutan", "kode"))
    targets = {
        t.indikator_id: t
        for t in Target.objects.filter(
            indikator__opd=opd, tahun=tahun, jenis=JenisTarget.PK, periode=tw
        )
    }
    year: dict[int, list[Realisasi]] = {}
    for r in Realisasi.objects.filter(indikator__opd=opd, tahun=tahun):
        year.setdefault(r.indikator_id, []).append(r)
    reals = {i: next((r for r in rs if r.periode == tw), None) for i, rs in year.items()}
    rows = []
    for i in indikator:
        annual = hitung(i, tahun, [], year.get(i.pk, []))
        rows.append(
            BarisIndikator(
                i,
                targets[i.pk].nilai if i.pk in targets else None,
                targets[i.pk].predikat if i.pk in targets else "",
                reals.get(i.pk),
                annual.realisasi,
                annual.realisasi_tahunan_tercatat,
            )
        )
    lines = [
        BarisAnggaran(a, tw)
        for a in Anggaran.objects.filter(opd=opd, tahun=tahun)
        .select_related("nomenklatur")
        .order_by("nomenklatur__kode")
    ]
    return rows, lines


def _asal(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value else ""
    return str(value)


class EntriForm(forms.Form):
    """One field per input of the grid; hidden 'asal' fields hold the values as the page showed
    them."""

    def __init__(
        self,
        *args,
        rows: list[BarisIndikator],
        lines: list[BarisAnggaran],
        tahun: int,
        tw: int,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows, self.lines, self.tahun, self.tw = rows, lines, tahun, tw
        for row in rows:
            p, ind, real = row.prefix(), row.indikator, row.realisasi
            for name in ANGKA:
                self.fields[f"{p}-{name}"] = AngkaField(label=f"{ind.kode} {name}")
                self.fields[f"asal-{p}-{name}"] = forms.CharField(
                    required=False, widget=forms.HiddenInput
                )
                self.initial[f"{p}-{name}"] = getattr(real, name) if real else None
                self.initial[f"asal-{p}-{name}"] = _asal(getattr(real, name) if real else None)
            if ind.adalah_predikat:
                choices = [("", "—")] + [(x, x) for x in ind.skala]
                self.fields[f"{p}-predikat"] = forms.ChoiceField(
                    choices=choices,
                    required=False,
                    label=f"{ind.kode} predikat",
                    error_messages={
                        "invalid_choice": "Predikat %(value)s tidak ada dalam skala indikator ini."
                    },
                )
                self.fields[f"asal-{p}-predikat"] = forms.CharField(
                    required=False, widget=forms.HiddenInput
                )
                self.initial[f"{p}-predikat"] = real.predikat if real else ""
                self.initial[f"asal-{p}-predikat"] = real.predikat if real else ""
            for name in TEKS:
                self.fields[f"{p}-{name}"] = forms.CharField(
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    validators=Realisasi._meta.get_field(name).validators,  # its length limit
                )
                self.fields[f"asal-{p}-{name}"] = forms.CharField(
                    required=False, widget=forms.HiddenInput
                )
                self.initial[f"{p}-{name}"] = getattr(real, name) if real else ""
                self.initial[f"asal-{p}-{name}"] = getattr(real, name) if real else ""
        self.fields["ganti_tahunan"] = forms.BooleanField(
            required=False,
            label="Ganti realisasi tahunan yang diketik dengan jumlah triwulan pada baris di atas",
        )
        for line in lines:
            p = line.prefix()
            self.fields[f"{p}-tw"] = AngkaField(label=f"{line.anggaran.kode} realisasi")
            self.fields[f"asal-{p}-tw"] = forms.CharField(required=False, widget=forms.HiddenInput)
            self.initial[f"{p}-tw"] = line.nilai_tw  # shown exactly, cents too (AngkaField)
            self.initial[f"asal-{p}-tw"] = _asal(line.nilai_tw)

    def clean(self):
        data = super().clean()
        for row in self.rows:
            p, ind = row.prefix(), row.indikator
            num, den = data.get(f"{p}-pembilang"), data.get(f"{p}-penyebut")
            if (num is None) != (den is None):
                self.add_error(
                    f"{p}-penyebut" if num is not None else f"{p}-pembilang",
                    "Pembilang dan penyebut harus diisi keduanya.",
                )
            if den is not None and den == 0:
                self.add_error(f"{p}-penyebut", "Penyebut tidak boleh nol.")
            for name in ANGKA:
                value = data.get(f"{p}-{name}")
                if value is not None and value < 0 and name != "nilai":
                    self.add_error(f"{p}-{name}", "Nilai tidak boleh negatif.")
            if (
                ind.adalah_predikat
                and data.get(f"{p}-nilai") is not None
                and not Decimal(0) <= data[f"{p}-nilai"] <= Decimal(100)
            ):
                self.add_error(f"{p}-nilai", "Nilai AKIP harus antara 0 dan 100.")
        for line in self.lines:
            value = data.get(f"{line.prefix()}-tw")
            if value is not None and value < 0:
                self.add_error(f"{line.prefix()}-tw", "Realisasi tidak boleh negatif.")
        return data


def conflicts(form: EntriForm) -> list[Konflik]:
    """Values saved by someone else since the page was opened, for the inputs this user changed."""
    out: list[Konflik] = []
    fresh_rows, fresh_lines = load_rows_like(form)
    for row in form.rows:
        current = fresh_rows.get(row.indikator.pk)
        for name in (*ANGKA, "predikat", *TEKS):
            key = f"{row.prefix()}-{name}"
            if key not in form.fields:
                continue
            now = _asal(getattr(current, name)) if current else ""
            if now != (form.cleaned_data.get(f"asal-{key}") or ""):
                out.append(
                    Konflik(
                        f"{row.indikator.kode} {row.indikator.uraian}",
                        name,
                        form.cleaned_data.get(f"asal-{key}") or "—",
                        now or "—",
                    )
                )
    for line in form.lines:
        current = fresh_lines.get(line.anggaran.pk)
        now = _asal(getattr(current, f"realisasi_tw{line.tw}")) if current else ""
        if now != (form.cleaned_data.get(f"asal-{line.prefix()}-tw") or ""):
            out.append(
                Konflik(
                    f"{line.anggaran.kode} {line.anggaran.nomenklatur.nama}",
                    f"realisasi TW {line.tw}",
                    form.cleaned_data.get(f"asal-{line.prefix()}-tw") or "—",
                    now or "—",
                )
            )
    return out


def load_rows_like(form: EntriForm) -> tuple[dict[int, Realisasi], dict[int, Anggaran]]:
    """The grid's rows as they are in the database now (2 queries)."""
    rows = {
        r.indikator_id: r
        for r in Realisasi.objects.filter(
            indikator_id__in=[r.indikator.pk for r in form.rows], tahun=form.tahun, periode=form.tw
        )
    }
    lines = {a.pk: a for a in Anggaran.objects.filter(pk__in=[ln.anggaran.pk for ln in form.lines])}
    return rows, lines


@transaction.atomic
def simpan_entri(
    form: EntriForm, opd: PerangkatDaerah, tahun: int, tw: int
) -> tuple[int, list[Konflik]]:
    """Save the grid all or nothing; refuse when the quarter is closed or someone saved
    meanwhile."""
    closed = periode_tertutup_error(opd, tahun, tw)
    if closed:
        raise ValidationError(closed)
    # Lock the rows we compare, so two saves cannot both pass the conflict check; the budget lines
    # are then changed as they are now (another quarter or the pagu may have changed meanwhile).
    list(Realisasi.objects.select_for_update().filter(indikator__opd=opd, tahun=tahun, periode=tw))
    stored = {
        a.pk: a
        for a in Anggaran.objects.select_for_update(of=("self",))
        .filter(opd=opd, tahun=tahun)
        .order_by()
    }
    found = conflicts(form)
    if found:
        return 0, found
    data, saved, errors = form.cleaned_data, 0, {}
    pengganti = _pengganti(form, stored, tw)
    if pengganti and not data.get("ganti_tahunan"):
        raise PerluPersetujuan(pengganti)
    for row in form.rows:
        p, ind = row.prefix(), row.indikator
        values = {name: data.get(f"{p}-{name}") for name in ANGKA}
        values["predikat"] = data.get(f"{p}-predikat", "") or ""
        values |= {name: data.get(f"{p}-{name}", "") or "" for name in TEKS}
        empty = all(v in (None, "") for v in values.values())
        real = Realisasi.objects.filter(indikator=ind, tahun=tahun, periode=tw).first()
        if empty:
            if real:
                real.delete()
                saved += 1
            continue
        real = real or Realisasi(indikator=ind, tahun=tahun, periode=tw)
        if all(_asal(getattr(real, k)) == _asal(v) for k, v in values.items()) and real.pk:
            continue
        for k, v in values.items():
            setattr(real, k, v)
        try:
            real.full_clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                key = f"{p}-{field}" if f"{p}-{field}" in form.fields else f"{p}-nilai"
                errors.setdefault(key, []).extend(messages)
            continue
        real.save()
        saved += 1
    changed = []
    for line in form.lines:
        value = data.get(f"{line.prefix()}-tw")
        a = stored.get(line.anggaran.pk)
        if a is None or _asal(value) == _asal(getattr(a, f"realisasi_tw{tw}")):
            continue  # (a line deleted meanwhile with a typed value is one of the conflicts)
        setattr(a, f"realisasi_tw{tw}", value)
        a.realisasi = formulas.jumlah_triwulan(a.realisasi_triwulan)
        changed.append(a)
    if errors:
        raise ValidationError(errors)
    _simpan_anggaran(changed, [f"realisasi_tw{tw}", "realisasi"])
    return saved + len(changed), []


def _pengganti(form: EntriForm, stored: dict[int, Anggaran], tw: int) -> list[GantiTahunan]:
    """The lines whose typed annual realisation this save would replace by the quarters' sum."""
    out = []
    for line in form.lines:
        a = stored.get(line.anggaran.pk)
        value = form.cleaned_data.get(f"{line.prefix()}-tw")
        if a is None or value is None or not belum_dirinci(a):
            continue
        quarters = a.realisasi_triwulan
        quarters[tw - 1] = value
        baru = formulas.jumlah_triwulan(quarters)
        if baru != a.realisasi:
            nomenklatur = line.anggaran.nomenklatur
            out.append(GantiTahunan(nomenklatur.kode, nomenklatur.nama, a.realisasi, baru))
    return out


def _simpan_anggaran(lines: list[Anggaran], fields: list[str]) -> None:
    """Save budget lines in bulk, each with the history record and the snapshot of its indicator
    links that a save() writes (a save() per line took 3 queries: 6.000 for 2.000 lines)."""
    if not lines:
        return
    Anggaran.objects.bulk_update(lines, fields, batch_size=500)
    perubahan.catat_banyak(lines)  # the LKIP of their agency-year is rendered again
    records = Anggaran.history.bulk_history_create(lines, update=True, batch_size=500)
    record_of = {r.id: r.pk for r in records}  # budget line -> its new history record
    links = Anggaran.indikator.through.objects.filter(anggaran_id__in=record_of)
    m2m = Anggaran.history.model.indikator.model  # the history of the links
    m2m.objects.bulk_create(
        (
            m2m(
                history_id=record_of[link.anggaran_id],
                id=link.id,
                anggaran_id=link.anggaran_id,
                indikator_id=link.indikator_id,
            )
            for link in links
        ),
        batch_size=500,
    )
