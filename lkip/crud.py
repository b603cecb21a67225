"""Generic, agency-scoped list / create / edit / delete / history screens for the planning data.

Each screen is a `Layar` registered by an app's `screens.py`; every object is reached through
`Layar.queryset(opd)` after `lkip.access.get_opd`, so no agency's record is reachable from
another agency's account by changing an id in a URL or a form.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from lkip import formulas
from lkip.access import get_opd, wajib_izin
from lkip.audit import Perubahan
from lkip.forms import BUKTI_MAKS
from lkip.konfirmasi import dikonfirmasi, minta_konfirmasi
from lkip.kunci import alasan_terkunci, kunci_opd, tahun_terkunci
from lkip.models import PerangkatDaerah
from lkip.uploads import upload_limit, upload_refused
from lkip.xlsx import table_xlsx

#: The range of the primary keys (BigAutoField): a choice outside it cannot exist.
_PK_MAKS = 2**63 - 1


class PilihanBanyak(forms.ModelMultipleChoiceField):
    """Django's multiple choice of records, refusing an id no database column can hold.

    Django checks each id with an exact lookup (which knows integer overflow) but then fetches them
    with ``pk__in``, which does not: a 40-digit id ended in an OverflowError (SQLite) or a DataError
    (PostgreSQL).
    """

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else []:
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # not an integer at all: Django's own check refuses it
            if not -_PK_MAKS - 1 <= number <= _PK_MAKS:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


#: The hidden input of an edit form holding the record as the form showed it (see `ScopedForm`).
ASAL = "asal_formulir"


class ScopedForm(forms.ModelForm):
    """A model form for one agency: choices limited to it, every model constraint checked.

    An edit form carries the record as it showed it (hidden `asal_formulir`); saving compares that
    with the record as stored now, under a row lock, and refuses when someone else saved in between
    (`perubahan_lain`), like the quarterly grid: otherwise the later save silently undoes the
    earlier one.
    """

    def __init__(self, *args, opd: PerangkatDaerah, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opd = opd
        for form_field in self.fields.values():
            if type(form_field) is forms.ModelMultipleChoiceField:
                form_field.__class__ = PilihanBanyak
        if hasattr(self.instance, "opd_id") and not self.instance.opd_id:
            self.instance.opd = opd
        self.scope()
        if self.instance.pk is not None:
            self.fields[ASAL] = forms.CharField(required=False, widget=forms.HiddenInput)
            if not self.is_bound:
                self.initial[ASAL] = self.jejak(self.instance)

    def _kolom_jejak(self) -> list[models.Field]:
        names = set(self.fields)
        return [
            f
            for f in self._meta.model._meta.get_fields()
            if f.name in names and (f.concrete or f.many_to_many) and not f.auto_created
        ]

    def jejak(self, obj) -> str:
        """The record's values in this form as text (JSON: field → [value, as shown])."""
        return json.dumps(
            {f.name: _nilai_jejak(obj, f) for f in self._kolom_jejak()}, ensure_ascii=False
        )

    def perubahan_lain(self) -> list[Perubahan]:
        """What someone else changed in this record since the form was shown ([] when nothing).

        Call inside the saving transaction: the stored row is read with a lock, so nobody saves
        between this comparison and the save. A form posted without its baseline (not from the
        page) is not compared.
        """
        try:
            semula = json.loads(self.data.get(ASAL) or "null")
        except ValueError:
            semula = None
        if self.instance.pk is None or not isinstance(semula, dict):
            return []
        rows = self._meta.model._default_manager.select_for_update(of=("self",))
        stored = rows.filter(pk=self.instance.pk).order_by().first()
        if stored is None:
            return [Perubahan("data", "ada", "sudah dihapus pengguna lain")]
        self.jejak_sekarang = self.jejak(stored)
        out = []
        for f in self._kolom_jejak():
            lama, baru = semula.get(f.name), _nilai_jejak(stored, f)
            if lama is None or lama[0] != baru[0]:
                label = self.fields[f.name].label or f.verbose_name
                out.append(Perubahan(str(label), (lama or ["", "—"])[1], baru[1]))
        return out

    def scope(self) -> None:
        """Limit foreign-key choices to this agency (override per form)."""

    #: A record of the agency's plan (Renstra, tujuan, sasaran, indicator): read-only while an
    #: LKIP is in review.
    kunci_struktur = False

    def clean(self):
        """A record of a year whose LKIP is submitted or signed is neither created, moved nor
        changed; nor, while an LKIP is in review, a record of the plan it reports against."""
        data = super().clean()
        for message in alasan_terkunci(
            self.opd, self.instance, data.get("tahun"), self.kunci_struktur
        ):
            self.add_error(None, message)
        return data

    @classmethod
    def alasan_hapus_terkunci(cls, opd: PerangkatDaerah, obj) -> list[str]:
        """Further reasons a record may not be deleted now (override per form)."""
        return []

    def validate_unique(self) -> None:
        """Done in _post_clean over every constraint, also those on fields not in the form (opd)."""

    def _post_clean(self) -> None:
        super()._post_clean()
        # Not over fields already refused: their values may be ones the database cannot even
        # compare (a 40-digit year would end in an OverflowError, a 500, instead of the field's own
        # message).
        refused = {name for name in self._errors if name != NON_FIELD_ERRORS}
        errors: dict[str, list] = {}
        for check in (self.instance.validate_unique, self.instance.validate_constraints):
            try:
                check(exclude=refused)
            except ValidationError as exc:
                for field_name, items in exc.error_dict.items():
                    errors.setdefault(field_name, []).extend(_indonesian(e) for e in items)
        if errors:
            self._update_errors(ValidationError(errors))


def _nilai_jejak(obj, f: models.Field) -> list[str]:
    """[comparable value, value as a person reads it] of one field of a record."""
    if f.many_to_many:
        related = sorted(getattr(obj, f.name).all(), key=lambda o: o.pk) if obj.pk else []
        return [",".join(str(o.pk) for o in related), "; ".join(map(str, related)) or "—"]
    value = getattr(obj, f.attname)
    if value in (None, ""):
        return ["", "—"]
    if f.is_relation:
        return [str(value), str(getattr(obj, f.name))]
    if f.choices:
        return [str(value), str(getattr(obj, f"get_{f.name}_display")())]
    if isinstance(value, Decimal):
        return [format(value.normalize(), "f"), formulas.format_masukan(value)]
    if isinstance(value, bool):
        return [str(int(value)), "ya" if value else "tidak"]
    if hasattr(value, "isoformat"):
        return [value.isoformat(), value.isoformat()]
    text = str(value)
    return [text, text if len(text) <= 120 else text[:119] + "\u2026"]


def _indonesian(error: ValidationError) -> ValidationError:
    """Django's Indonesian catalogue words uniqueness errors wrongly ('... ini tidak ada')."""
    if error.code in ("unique", "unique_together"):
        params = error.params or {}
        labels = params.get("field_labels") or params.get("field_label") or "kunci"
        model = params.get("model_name", "Data")
        return ValidationError(
            f"{str(model).capitalize()} dengan {labels} yang sama sudah ada.", code=error.code
        )
    return error


@dataclass(frozen=True)
class Layar:
    slug: str
    judul: str
    model: type[models.Model]
    form: type[ScopedForm]
    table: type[tables.Table]
    queryset: Callable[[PerangkatDaerah], models.QuerySet]
    keterangan: str = ""
    save: Callable | None = None  # (form, user) -> obj, for writes touching several models
    extra: dict = field(default_factory=dict)

    @property
    def nama(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def perm(self) -> str:
        return f"{self.model._meta.app_label}.%s_{self.model._meta.model_name}"


LAYAR: dict[str, Layar] = {}


def register(layar: Layar) -> Layar:
    LAYAR[layar.slug] = layar
    return layar


def _layar(slug: str) -> Layar:
    if slug not in LAYAR:
        raise Http404("Layar tidak ditemukan.")
    return LAYAR[slug]


def _object(layar: Layar, opd: PerangkatDaerah, pk: int):
    obj = layar.queryset(opd).filter(pk=pk).first()
    if obj is None:
        raise Http404("Data tidak ditemukan.")
    return obj


@login_required
@require_safe
def daftar(request: HttpRequest, kode: str, layar: str) -> HttpResponse:
    screen = _layar(layar)
    wajib_izin(request.user, screen.perm % "view")
    opd = get_opd(request.user, kode)
    table = screen.table(screen.queryset(opd), request=request, opd=opd)
    table.bisa_ubah = request.user.has_perm(screen.perm % "change")  # the rule of `ubah` below
    terkunci = []
    if any(f.name == "tahun" for f in screen.model._meta.concrete_fields):
        terkunci = [pesan for _tahun, pesan in sorted(tahun_terkunci(opd).items())]
    if request.GET.get("format") == "xlsx":
        values = list(table.as_values(exclude_columns=("aksi",)))
        response = HttpResponse(
            table_xlsx(screen.judul, values[0], values[1:]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{screen.slug}-{opd.kode}.xlsx"'
        return response
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(
        request,
        "lkip/daftar.html",
        {
            "opd": opd,
            "layar": screen,
            "table": table,
            "bisa_tambah": request.user.has_perm(screen.perm % "add"),
            "terkunci": terkunci,
        },
    )


def _simpan(
    request: HttpRequest, screen: Layar, opd: PerangkatDaerah, instance=None
) -> HttpResponse:
    form = screen.form(request.POST or None, request.FILES or None, instance=instance, opd=opd)
    if refused := upload_refused(request):
        # A file stopped at the limit while the body was read (lkip/uploads.py): save nothing,
        # show the form again with what arrived and the message on the file's field.
        form.is_valid()
        nama = refused.field_name if refused.field_name in form.fields else None
        form.errors.pop(nama, None)
        form.add_error(nama, refused.pesan(form.fields[nama].label if nama else "Berkas"))
        context = {"opd": opd, "layar": screen, "form": form, "obj": instance}
        return render(request, "lkip/form.html", context, status=413)
    konflik: list[Perubahan] = []
    if request.method == "POST":
        try:
            # One transaction from the checks to the save: the lock checks in clean() take the
            # agency's write lock (lkip.kunci), the stale check the record's row lock.
            with transaction.atomic():
                kunci_opd(opd)
                if form.is_valid():
                    konflik = form.perubahan_lain()
                    if not konflik:
                        obj = screen.save(form, request.user) if screen.save else form.save()
        except (IntegrityError, ValidationError) as exc:
            form.add_error(None, _pesan_integritas(exc))
        else:
            if konflik:
                # What the user typed stays; the baseline becomes what is stored now, so saving
                # once more (after reading the changes) overwrites them knowingly.
                data = request.POST.copy()
                data[ASAL] = getattr(form, "jejak_sekarang", "")
                form = screen.form(data, request.FILES or None, instance=instance, opd=opd)
            elif form.is_valid():
                messages.success(
                    request,
                    f"{screen.model._meta.verbose_name.capitalize()} \u201c{obj}\u201d tersimpan.",
                )
                return redirect("data:daftar", kode=opd.kode, layar=screen.slug)
    return render(
        request,
        "lkip/form.html",
        {
            "opd": opd,
            "layar": screen,
            "form": form,
            "obj": instance,
            "konflik": konflik,
            "bisa_hapus": request.user.has_perm(screen.perm % "delete"),  # the rule of `hapus`
        },
        status=409 if konflik else 200,
    )


def _pesan_integritas(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return (
        "Data ini bertentangan dengan data yang sudah ada (kode atau kunci yang sama sudah "
        "dipakai)."
    )


# The data screens' only files are evidence (BuktiField): the body stops at its limit.
@login_required
@upload_limit(BUKTI_MAKS)
def tambah(request: HttpRequest, kode: str, layar: str) -> HttpResponse:
    screen = _layar(layar)
    wajib_izin(request.user, screen.perm % "add")
    return _simpan(request, screen, get_opd(request.user, kode))


@login_required
@upload_limit(BUKTI_MAKS)
def ubah(request: HttpRequest, kode: str, layar: str, pk: int) -> HttpResponse:
    screen = _layar(layar)
    wajib_izin(request.user, screen.perm % "change")
    opd = get_opd(request.user, kode)
    return _simpan(request, screen, opd, _object(screen, opd, pk))


def ikut_terhapus(obj) -> tuple[list[str], list[str]]:
    """What deleting this record deletes with it (per kind: how many, the first names), and what
    keeps it from being deleted (records that still use it)."""
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    ikut = []
    for model, objs in collector.model_objs.items():
        others = sorted((o for o in objs if o != obj), key=str)
        if not others or model._meta.auto_created:  # the links of a many-to-many field
            continue
        names = ", ".join(f"\u201c{o}\u201d" for o in others[:5])
        more = f" dan {len(others) - 5} lainnya" if len(others) > 5 else ""
        ikut.append(f"{len(others)} {model._meta.verbose_name}: {names}{more}")
    dipakai = sorted({f"{p._meta.verbose_name} \u201c{p}\u201d" for p in collector.protected})
    return ikut, dipakai


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def hapus(request: HttpRequest, kode: str, layar: str, pk: int) -> HttpResponse:
    """Delete a record, after a confirmation page naming what goes with it (GET, or a POST
    without `konfirmasi`, deletes nothing)."""
    screen = _layar(layar)
    wajib_izin(request.user, screen.perm % "delete")
    opd = get_opd(request.user, kode)
    obj = _object(screen, opd, pk)
    if not dikonfirmasi(request):
        ikut, dipakai = ikut_terhapus(obj)
        locked = alasan_terkunci(
            opd, obj, struktur=screen.form.kunci_struktur
        ) + screen.form.alasan_hapus_terkunci(opd, obj)
        terhalang = list(locked)
        if dipakai:
            terhalang.append("Masih dipakai oleh " + "; ".join(dipakai) + ".")
        return minta_konfirmasi(
            request,
            judul=f"Hapus {screen.nama} \u201c{obj}\u201d?",
            pertanyaan=(
                f"{screen.nama.capitalize()} \u201c{obj}\u201d akan dihapus"
                + (" beserta:" if ikut else ".")
                + " Penghapusan tidak dapat dibatalkan; jejak audit tetap menyimpan nilai lamanya."
            ),
            akibat=ikut,
            terhalang=terhalang,
            tombol="Ya, hapus",
            batal=reverse("data:daftar", args=[opd.kode, screen.slug]),
            opd=opd,
        )
    try:
        with transaction.atomic():  # the lock check and the delete together (lkip.kunci)
            locked = alasan_terkunci(
                opd, obj, struktur=screen.form.kunci_struktur
            ) + screen.form.alasan_hapus_terkunci(opd, obj)
            if not locked:
                obj.delete()
    except ProtectedError:
        messages.error(
            request, f"\u201c{obj}\u201d tidak dapat dihapus karena masih dipakai oleh data lain."
        )
    else:
        if locked:
            messages.error(request, f"\u201c{obj}\u201d tidak dihapus. " + " ".join(locked))
        else:
            messages.success(request, f"\u201c{obj}\u201d dihapus.")
    return redirect("data:daftar", kode=opd.kode, layar=screen.slug)


@login_required
@require_safe
def riwayat(request: HttpRequest, kode: str, layar: str, pk: int) -> HttpResponse:
    """The audit trail of one record: who changed which field from what to what, and when."""
    screen = _layar(layar)
    wajib_izin(request.user, screen.perm % "view")
    opd = get_opd(request.user, kode)
    obj = _object(screen, opd, pk)
    from lkip.audit import record_history

    return render(
        request,
        "lkip/riwayat.html",
        {"opd": opd, "layar": screen, "obj": obj, "entries": record_history(obj)},
    )
