"""Fast bulk inserts for the import: new rows, their history records and m2m snapshots.

Django's `bulk_create` spends most of its time compiling the statement value by value, and
django-simple-history builds a model instance per history record; for the tens of thousands of
rows of a large workbook that alone took longer than the whole time budget. Here each value goes
through its field's own `get_db_prep_save` (the conversion Django applies) unless it already has
the type the driver takes as is (str for text, int for integers and keys, Decimal for decimals),
rows go out as multi-row INSERTs with `RETURNING` of the primary key, and the keys are set on the
instances as `bulk_create` would. Databases that cannot return keys from a multi-row insert fall
back to `bulk_create`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connections, models, router
from django.utils import timezone

_AS_IS: dict[str, type] = {
    "CharField": str,
    "TextField": str,
    "SlugField": str,
    "EmailField": str,
    "IntegerField": int,
    "SmallIntegerField": int,
    "BigIntegerField": int,
    "PositiveIntegerField": int,
    "PositiveSmallIntegerField": int,
    "PositiveBigIntegerField": int,
    "AutoField": int,
    "BigAutoField": int,
    "SmallAutoField": int,
    "DecimalField": Decimal,
}


def _converter(field: models.Field, connection) -> Callable[[Any], Any]:
    target = field.target_field if field.is_relation else field
    as_is = _AS_IS.get(target.get_internal_type())

    def convert(value: Any) -> Any:
        if value is None or (as_is is not None and type(value) is as_is):
            return value
        return field.get_db_prep_save(value, connection)

    return convert


def _insert(
    model: type[models.Model], fields: list[models.Field], rows: Sequence[Sequence[Any]]
) -> list[Any]:
    """INSERT rows of raw values (in `fields` order); return the new primary keys in order."""
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    qn = connection.ops.quote_name
    converters = [_converter(f, connection) for f in fields]
    head = f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)})"
    returning = f" RETURNING {qn(meta.pk.column)}"
    if connection.vendor == "postgresql":
        # One array per column, as Django's own bulk_create does there: few parameters to adapt
        # and plan. Type parameters are dropped so that nothing is truncated (varchar[]).
        arrays = ", ".join(f"(%s)::{f.db_type(connection).split('(')[0]}[]" for f in fields)
        batch = 5_000

        def statement(chunk: list[list[Any]]) -> tuple[str, list]:
            return f"{head} SELECT * FROM UNNEST({arrays}){returning}", [
                list(column) for column in zip(*chunk, strict=True)
            ]
    else:
        placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
        batch = max(
            1, min(connection.ops.bulk_batch_size(fields, rows), 60_000 // len(fields), 2_000)
        )

        def statement(chunk: list[list[Any]]) -> tuple[str, list]:
            values = ", ".join([placeholder] * len(chunk))
            return f"{head} VALUES {values}{returning}", [value for row in chunk for value in row]

    keys: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = [
                [convert(value) for convert, value in zip(converters, row, strict=True)]
                for row in rows[start : start + batch]
            ]
            cursor.execute(*statement(chunk))
            keys.extend(meta.pk.to_python(key) for (key,) in cursor.fetchall())
    if len(keys) != len(rows):
        raise RuntimeError("jumlah kunci dari basis data tidak sama dengan jumlah baris")
    return keys


def sisip(objs: Sequence[models.Model]) -> None:
    """INSERT new instances of one model in a few statements and set their primary keys."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    if not connection.features.can_return_rows_from_bulk_insert:
        model._default_manager.bulk_create(objs)
        return
    pk = model._meta.pk
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f is pk and getattr(objs[0], pk.attname) is None)
    ]
    for f in fields:  # defaults that are computed at save time (auto_now, …)
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                f.pre_save(obj, add=True)
    keys = _insert(model, fields, [[getattr(obj, f.attname) for f in fields] for obj in objs])
    for obj, key in zip(objs, keys, strict=True):
        setattr(obj, pk.attname, key)
        obj._state.adding = False
        obj._state.db = connection.alias


def riwayat(
    model: type[models.Model], objs: Sequence[models.Model], jenis: str, user, alasan: str
) -> list[Any]:
    """History records ('+' created, '~' changed) of saved instances; return their keys in order."""
    if not objs or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return []
    history = model.history.model
    connection = connections[router.db_for_write(history)]
    if not connection.features.can_return_rows_from_bulk_insert:
        return [
            h.pk
            for h in model.history.bulk_history_create(
                objs, update=jenis == "~", default_user=user, default_change_reason=alasan
            )
        ]
    tracked = [f.attname for f in history.tracked_fields]
    meta = history._meta
    fields = [
        meta.get_field(name) for name in ("history_date", "history_type", "history_change_reason")
    ]
    fields += [meta.get_field("history_user")] + [
        f for f in meta.concrete_fields if f.attname in tracked
    ]
    extra = [
        timezone.now(),
        jenis,
        alasan,
        user.pk if user is not None and getattr(user, "is_authenticated", False) else None,
    ]
    names = [f.attname for f in fields[4:]]
    return _insert(
        history, fields, [extra + [getattr(obj, name) for name in names] for obj in objs]
    )
