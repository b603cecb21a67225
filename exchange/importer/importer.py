"""Writing an import in bulk: rows validated in Python with the models' own rules, then written
with a few bulk statements per sheet, history records (and their m2m snapshots) included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction

from exchange.importer.bulk_insert import riwayat, sisip
from exchange.importer.result import ALASAN_BAKU, Masalah, Perubahan
from exchange.importer.sheet import Sheet
from lkip import formulas
from reports.antrian import pemicu


def _fmt(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return formulas.format_angka(
            value.normalize() if value == value.to_integral_value() else value,
            tempat=_places(value),
        )
    if isinstance(value, dt.date):
        return formulas.format_tanggal(value)
    return str(value)


def _places(value: Decimal) -> int:
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        if a is None or b is None:
            return a is None and b is None
        try:
            return Decimal(a) == Decimal(b)
        except (InvalidOperation, TypeError):
            return False
    return (a or "") == (b or "") if isinstance(a, str) or isinstance(b, str) else a == b


def urutan_menurut_sheet(existing: Mapping[Any, models.Model], keys: Sequence[Any]) -> list[int]:
    """Each row's `urutan`: its position in the sheet (1, 2, …), unless every row already exists
    and the sheet lists them in their stored order; then the stored numbers stay.

    The export writes rows in (urutan, id) order, so an unchanged workbook changes nothing even
    where the stored numbering is not 1, 2, 3 … (per tujuan, or 101, 102 … for program
    indicators): renumbering would be a change, and a plan locked for review refuses changes.
    """
    stored = [existing.get(key) if key not in (None, "") else None for key in keys]
    if stored and all(obj is not None for obj in stored):
        order = [(obj.urutan, obj.pk) for obj in stored]
        if all(a < b for a, b in zip(order, order[1:], strict=False)):
            return [obj.urutan for obj in stored]
    return list(range(1, len(keys) + 1))


# Check constraints evaluated in Python (SQL semantics: a NULL comparison does not fail the check),
# so that validating a row needs no query. Lookups the evaluator does not know fall back to
# Django's own constraint.validate(), which asks the database.


class _TakDidukung(Exception):
    pass


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "exact": lambda a, b: a == b,
    "gte": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "lte": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
}


def _evaluate(q: models.Q, obj: models.Model) -> bool | None:
    results: list[bool | None] = []
    meta = obj._meta
    for child in q.children:
        if isinstance(child, models.Q):
            results.append(_evaluate(child, obj))
            continue
        lookup, rhs = child
        name, _, op = lookup.partition("__")
        op = op or "exact"
        lhs = getattr(obj, meta.get_field(name).attname)
        if isinstance(rhs, models.F):
            rhs = getattr(obj, meta.get_field(rhs.name).attname)
        elif isinstance(rhs, models.expressions.Combinable):
            raise _TakDidukung
        if op == "isnull":
            results.append((lhs is None) == bool(rhs))
        elif op not in _OPS:
            raise _TakDidukung
        elif lhs is None or rhs is None:
            results.append(None)
        else:
            try:
                results.append(_OPS[op](lhs, rhs))
            except TypeError:
                raise _TakDidukung from None
    if q.connector == models.Q.AND:
        result = False if False in results else (None if None in results else True)
    elif q.connector == models.Q.OR:
        result = True if True in results else (None if None in results else False)
    else:
        raise _TakDidukung
    if q.negated and result is not None:
        result = not result
    return result


def check_constraints(obj: models.Model) -> None:
    """Raise ValidationError for a violated CheckConstraint of obj's model, without a query."""
    for constraint in obj._meta.constraints:
        if not isinstance(constraint, models.CheckConstraint):
            continue
        try:
            passed = _evaluate(constraint.condition, obj) is not False
        except _TakDidukung:
            constraint.validate(type(obj), obj)
            continue
        if not passed:
            raise ValidationError(constraint.get_violation_error_message())


def _has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


class Tabel:
    """Pending writes of one model within an import, and its existing rows keyed for lookup."""

    def __init__(
        self, model: type[models.Model], existing: dict[Any, models.Model], m2m: str | None = None
    ):
        self.model = model
        self.existing = existing
        self.m2m = m2m
        self.fk_names = {f.name for f in model._meta.fields if f.is_relation}
        self.fk_attnames = {f.name: f.attname for f in model._meta.fields if f.is_relation}
        self.baru: list[models.Model] = []
        self.ubah: dict[int, models.Model] = {}
        self.fields: set[str] = set()
        self.terpakai: dict[Any, tuple[str, int]] = {}
        # m2m: id(object) → (object, wanted target ids); owner id → {target id: through row id}
        self.tautan: dict[int, tuple[models.Model, set[int]]] = {}
        self.tautan_lama: dict[int, dict[int, int]] = {}


class Importer:
    def __init__(self, masalah: list[Masalah], user=None, alasan: str = ALASAN_BAKU) -> None:
        self.masalah = masalah
        self._seen: set[Masalah] = set(masalah)
        self.perubahan: list[Perubahan] = []
        self.user = user
        self.alasan = alasan
        self.gagal = False  # the database refused a write: stop at once

    def error(self, masalah: Masalah) -> None:
        if masalah not in self._seen:
            self._seen.add(masalah)
            self.masalah.append(masalah)

    def boleh(self, perm: str) -> bool:
        """Whether the importing user holds a permission (the command line, without user, may)."""
        return self.user is None or self.user.has_perm(perm)

    def penjaga_izin(self, app_model: str, nama: str, kolom: Mapping[str, str] | None = None):
        """Refuse creating or changing rows of a reference model the user may not edit.

        The agency's identity and its pemda belong to the Admin Pemda: a planner's workbook may
        carry them (it is the exchange format) but not change them.
        """
        app, model = app_model.split(".")
        kolom = kolom or {}

        def penjaga(aksi: str, changed: list[str]):
            perm = f"{app}.{'add' if aksi == 'baru' else 'change'}_{model}"
            if self.boleh(perm):
                return None
            if aksi == "baru":
                return kolom.get("", None), (
                    f"{nama} ini belum ada di aplikasi, dan hanya Admin Pemda yang dapat "
                    "menambahkannya."
                )
            names = ", ".join(kolom.get(c, c) for c in changed)
            return kolom.get(changed[0], changed[0]) if changed else None, (
                f"{nama} hanya dapat diubah oleh Admin Pemda (berbeda di kolom: {names}); samakan "
                "kolom ini dengan data di aplikasi (unduh 'Data saat ini') lalu impor lagi."
            )

        return penjaga

    @property
    def has_errors(self) -> bool:
        return any(m.tingkat == "error" for m in self.masalah)

    def upsert(
        self,
        sheet: Sheet,
        baris: int,
        tabel: Tabel,
        key: Any,
        lookup: dict[str, Any],
        values: dict[str, Any],
        kunci: str,
        columns: Mapping[str, str] | None = None,
        *,
        exclude_validation: Iterable[str] = (),
        kolom_kunci: str | None = None,
        penjaga: Callable[[str, list[str]], tuple[str | None, str] | None] | None = None,
        tambahan: tuple[tuple[str, str, str], ...] = (),
        catat_tetap: bool = True,
    ):
        """Validate one row with the model's own rules and queue its creation or update.

        `penjaga(aksi, changed_fields)` may refuse the write (closed periods) with
        (column, message).
        """
        columns = columns or {}
        if key in tabel.terpakai:
            first_sheet, first_row = tabel.terpakai[key]
            where = (
                f"baris {first_row}"
                if first_sheet == sheet.name
                else f"sheet {first_sheet} baris {first_row}"
            )
            sheet.error(
                baris,
                kolom_kunci,
                f"baris dengan kunci yang sama sudah ada di sheet ini ({where}).",
            )
            return None
        tabel.terpakai[key] = (sheet.name, baris)
        obj = tabel.existing.get(key)
        changed: list[str] = []
        if obj is None:
            obj = tabel.model(**lookup, **values)
            aksi, detail = "baru", ()
        else:
            for name, value in lookup.items():
                if name in tabel.fk_attnames and value is not None:
                    setattr(obj, name, value)  # the same row: caches it for clean(), no query
            changes = []
            for name, new in values.items():
                attname = tabel.fk_attnames.get(name)
                if attname is not None:
                    old_id = getattr(obj, attname)
                    new_id = new.pk if new is not None else None
                    if old_id == new_id and (new is None or new.pk is not None):
                        if new is not None:
                            setattr(obj, name, new)
                        continue
                    old = getattr(obj, name) if old_id is not None else None
                else:
                    old = getattr(obj, name)
                    if _same(old, new):
                        continue
                changes.append((name, _fmt(old), _fmt(new)))
                changed.append(name)
            aksi, detail = ("ubah" if changes else "tetap"), tuple(changes)
        if tambahan:
            detail = detail + tambahan
            if aksi == "tetap":
                aksi = "ubah"
        if penjaga and aksi != "tetap":
            refused = penjaga(aksi, changed)
            if refused:
                sheet.error(baris, refused[0], refused[1])
                return None
        if obj.pk is not None and changed:
            # Apply the changes and validate the row as it would be saved (an error aborts anyway).
            for name in changed:
                setattr(obj, name, values[name])
        if not self._valid(sheet, baris, obj, tabel, columns, exclude_validation):
            return None
        if aksi == "baru":
            tabel.baru.append(obj)
        elif changed:
            tabel.ubah[id(obj)] = obj
            tabel.fields.update(changed)
        if aksi != "tetap" or catat_tetap:
            self.perubahan.append(Perubahan(sheet.name, kunci, aksi, detail))
        return obj

    def _valid(
        self, sheet: Sheet, baris: int, obj, tabel: Tabel, columns, exclude_validation
    ) -> bool:
        errors: dict[str, list[str]] = {}
        try:
            obj.clean_fields(exclude=tabel.fk_names | set(exclude_validation))
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        try:
            obj.clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if not errors:
            try:
                check_constraints(obj)
            except ValidationError as exc:
                errors = exc.update_error_dict(errors)
        if not errors:
            return True
        for name, messages in ValidationError(errors).message_dict.items():
            column = columns.get(name, name if name != "__all__" else None)
            for message in messages:
                sheet.error(baris, column, message)
        return False

    def flush(self, tabel: Tabel, sheet_name: str) -> bool:
        """Write a table's pending rows in bulk (with history); False if the database refused."""
        model = tabel.model
        history = _has_history(model)
        baru, ubah = tabel.baru, list(tabel.ubah.values())
        relinked = self._relinked(tabel)
        try:
            with transaction.atomic():
                sisip(baru)
                if ubah:
                    model._default_manager.bulk_update(ubah, sorted(tabel.fields))
                if tabel.m2m:
                    final = self._write_m2m(tabel)
                if history:
                    changed = ubah + relinked
                    records = list(
                        zip(baru, riwayat(model, baru, "+", self.user, self.alasan), strict=True)
                    )
                    records += zip(
                        changed, riwayat(model, changed, "~", self.user, self.alasan), strict=True
                    )
                    if tabel.m2m and records:
                        self._history_m2m(tabel, records, final)
                # The agency-years written are queued for a render of their LKIP on commit.
                pemicu.catat_banyak([*baru, *ubah, *relinked])
        except DatabaseError as exc:
            # Another write got there first (two imports at once), or a rule only the database
            # knows: nothing of this import is kept, and no later sheet builds on the gap.
            self.gagal = True
            self.error(
                Masalah(
                    sheet_name,
                    None,
                    None,
                    "data tidak dapat disimpan ke basis data, mungkin karena perubahan lain sedang "
                    f"disimpan pada saat yang sama; coba lagi. (Rincian: {exc})",
                )
            )
            return False
        tabel.baru, tabel.ubah, tabel.fields, tabel.tautan = [], {}, set(), {}
        return True

    def flush_penuh(self, tabel: Tabel, sheet_name: str, batas: int = 2_000) -> None:
        """Flush once enough rows wait, so that a large sheet never holds all its objects at
        once."""
        if len(tabel.baru) + len(tabel.ubah) + len(tabel.tautan) >= batas:
            self.flush(tabel, sheet_name)

    @staticmethod
    def _relinked(tabel: Tabel) -> list[models.Model]:
        """Rows whose only change is their m2m links (they still get a history record)."""
        if not tabel.m2m:
            return []
        out = []
        for obj, wanted in tabel.tautan.values():
            if (
                obj.pk is not None
                and id(obj) not in tabel.ubah
                and set(tabel.tautan_lama.get(obj.pk, {})) != wanted
            ):
                out.append(obj)
        return out

    @staticmethod
    def _write_m2m(tabel: Tabel) -> dict[int, dict[int, int | None]]:
        """Set every row's links; return owner → target → through row id."""
        field_ = tabel.model._meta.get_field(tabel.m2m)
        through = field_.remote_field.through
        source, target = field_.m2m_field_name(), field_.m2m_reverse_field_name()
        add, remove = [], []
        final: dict[int, dict[int, int | None]] = {}
        for obj, wanted in tabel.tautan.values():
            current = tabel.tautan_lama.get(obj.pk, {})
            final[obj.pk] = {t: current.get(t) for t in wanted}
            for target_id in wanted - set(current):
                add.append(through(**{f"{source}_id": obj.pk, f"{target}_id": target_id}))
            remove.extend(
                through_id for target_id, through_id in current.items() if target_id not in wanted
            )
        if remove:
            through.objects.filter(pk__in=remove).delete()
        sisip(add)
        for row in add:
            final[getattr(row, f"{source}_id")][getattr(row, f"{target}_id")] = row.pk
        tabel.tautan_lama.update(
            {owner: {t: i for t, i in links.items()} for owner, links in final.items()}
        )
        return final

    @staticmethod
    def _history_m2m(tabel: Tabel, records: list, final: dict[int, dict[int, int | None]]) -> None:
        """The m2m snapshot of each history record (object, history key), as django-simple-history
        stores it."""
        field_ = tabel.model._meta.get_field(tabel.m2m)
        source, target = field_.m2m_field_name(), field_.m2m_reverse_field_name()
        m2m_model = getattr(tabel.model.history.model, tabel.m2m).model
        rows = []
        for obj, history_id in records:
            for target_id, through_id in final.get(obj.pk, {}).items():
                rows.append(
                    m2m_model(
                        history_id=history_id,
                        id=through_id,
                        **{f"{source}_id": obj.pk, f"{target}_id": target_id},
                    )
                )
        sisip(rows)
