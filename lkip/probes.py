"""Health endpoints for load balancers and operators: liveness and readiness.

`/sehat/` answers as long as the process serves requests. `/siap/` checks what a request needs —
the database, the cache, the file storage — and whether migrations are pending; it also reports the
background queue (tasks waiting, the oldest's age), which does not decide readiness. No login, no
detail beyond ok/failed per dependency (an error message could leak internals); 503 when any
dependency failed so a load balancer takes the instance out of rotation.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


@never_cache
@require_safe
def sehat(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers."""
    return JsonResponse({"status": "ok"})


def _database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache() -> bool:
    key = f"lkip-siap-{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return ok


def _storage() -> bool:
    name = default_storage.save(f"siap/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read() == b"ok"
    finally:
        default_storage.delete(name)


def _migrations() -> bool:
    """True when every migration of the code is applied to the database."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


CHECKS = {"database": _database, "cache": _cache, "storage": _storage, "migrations": _migrations}


def antrean() -> dict:
    """The background queue, for the operator (not part of readiness: a web instance serves
    without a worker): tasks waiting, and how long the oldest has waited, in seconds."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    umur = (timezone.now() - oldest).total_seconds() if oldest else 0
    return {"menunggu": ready.count(), "tertua_detik": round(umur)}


@never_cache
@require_safe
def siap(request: HttpRequest) -> JsonResponse:
    """Readiness: each dependency ok or failed; 503 when one failed (its error goes to the log)."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = "ok" if check() else "failed"
        except Exception:  # any failure of a dependency is "failed", never a 500
            log.exception("Pemeriksaan kesiapan gagal: %s", name)
            results[name] = "failed"
    ready = all(v == "ok" for v in results.values())
    extra = {}
    if results["database"] == "ok" and results["migrations"] == "ok":
        extra["antrean"] = antrean()
    return JsonResponse(
        {"status": "ok" if ready else "failed", **results, **extra}, status=200 if ready else 503
    )
