"""A PDF render in a child process, with a time and a memory limit.

WeasyPrint's layout grows much faster than the text for some input (a 100.000-character word took
over ten minutes and 5,25 GB), and any reader of a report can ask for its PDF. So each render runs
in a forked child: under RLIMIT_AS (the address space it starts with plus LKIP_PDF_BATAS_MB) and
RLIMIT_CPU, while the parent waits at most LKIP_PDF_BATAS_DETIK for the pickled result and then
kills it. Past either limit RenderTerlaluBerat says so in Indonesian: the worker is free again,
the machine keeps its memory, and the same input asked again is refused at once for a while. The
child inherits everything already built (the report's HTML), runs no query and leaves with
os._exit, so nothing of the parent (database connections, files) is closed or flushed twice.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import resource
import select
import signal
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings


class RenderTerlaluBerat(Exception):
    """The render passed its time or memory limit; `pesan` says which, in Indonesian."""

    def __init__(self, pesan: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan


class RenderTerputus(Exception):
    """The render's process was stopped from outside (a signal to stop: the server or the worker
    shutting down), so nothing is known of this content's weight: it is not remembered as past a
    limit, and its caller leaves the work to be taken up again rather than report a limit.
    `pesan` is for a reader who was waiting."""

    pesan = "Penyusunan PDF terhenti karena server sedang dimulai ulang. Coba lagi sebentar lagi."


#: A render that gave no PDF, each with `pesan` for the reader: past a limit, or stopped.
TANPA_PDF = (RenderTerlaluBerat, RenderTerputus)

# Signals that stop a process on request; a child ended by one of them did not pass a limit.
_DIHENTIKAN = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT)


def _tanpa_jawaban(status: int, detik: float, mb: int) -> Exception:
    """What a child that died without answering ran into: a stop from outside, the CPU limit
    (time), or — killed by the kernel or by an allocation failing in the layout's C libraries
    under the address-space limit — memory."""
    if os.WIFSIGNALED(status):
        sinyal = os.WTERMSIG(status)
        if sinyal in _DIHENTIKAN:
            return RenderTerputus(f"Penyusunan PDF dihentikan dari luar (sinyal {sinyal}).")
        if sinyal in (signal.SIGXCPU, signal.SIGALRM):
            return RenderTerlaluBerat(_pesan_waktu(detik))
    return RenderTerlaluBerat(_pesan_memori(mb))


def _pesan_waktu(detik: float) -> str:
    return (
        f"PDF laporan tidak selesai disusun dalam batas waktu {detik:g} detik, sehingga "
        "penyusunannya dihentikan. Penyebab yang lazim adalah teks yang sangat panjang tanpa spasi "
        "(misalnya pada narasi atau uraian); periksa teks itu, lalu unduh lagi."
    )


def _pesan_memori(mb: int) -> str:
    return (
        f"PDF laporan tidak dapat disusun dalam batas memori {mb} MB, sehingga penyusunannya "
        "dihentikan. Penyebab yang lazim adalah teks yang sangat panjang tanpa spasi (misalnya "
        "pada narasi atau uraian); periksa teks itu, lalu unduh lagi."
    )


def _ruang_alamat() -> int | None:
    """Bytes of address space this process has mapped now (Linux; None where unknown)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def _batasi(detik: float, mb: int) -> None:
    """In the child: the memory limit over what it starts with, and limits that end it on its
    own should the parent die first; no cyclic garbage collection.

    The child lives for one render and leaves with os._exit, so what a collection would free is
    freed with the process anyway. Collecting meanwhile cost about a sixth of the demo report's
    render (a layout makes millions of short-lived objects, and every full collection walks the
    whole inherited heap too: 4,70 s of CPU with it, 3,91 s without, peak memory 181 → 189 MiB;
    bench/report.py). An input that makes garbage without end meets the memory limit as before.
    """
    gc.disable()
    sekarang = _ruang_alamat()
    if sekarang is not None:
        _turunkan(resource.RLIMIT_AS, sekarang + mb * 1024 * 1024)
    _turunkan(resource.RLIMIT_CPU, int(detik) + 5)
    signal.alarm(int(detik) + 10)


def _turunkan(jenis: int, nilai: int) -> None:
    """Lower a resource limit to `nilai` (never above the hard limit the process already has)."""
    _soft, hard = resource.getrlimit(jenis)
    nilai = nilai if hard == resource.RLIM_INFINITY else min(nilai, hard)
    resource.setrlimit(jenis, (nilai, hard if jenis == resource.RLIMIT_CPU else nilai))


def _anak(tulis: int, fn: Callable, args: tuple, detik: float, mb: int) -> None:
    """In the child: limit, run, send (kind, value) through the pipe, leave without cleanup."""
    try:
        for sinyal in (*_DIHENTIKAN, signal.SIGALRM, signal.SIGXCPU):
            signal.signal(sinyal, signal.SIG_DFL)  # whatever the parent (server) set: they end it
        try:
            _batasi(detik, mb)
            hasil: tuple[str, Any] = ("ok", fn(*args))
        except MemoryError:
            hasil = ("memori", None)
        except Exception as exc:  # the parent raises it again
            hasil = ("galat", exc)
        try:
            data = pickle.dumps(hasil, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an exception that does not pickle: its text
            data = pickle.dumps(("galat", RuntimeError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(tulis, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)


#: Held while a child is forked, and by whoever uses WeasyPrint's C libraries in this process
#: (pdf_siap's warm-up): a child forked while another thread is inside fontconfig or Pango would
#: inherit their locks held, and wait on them until killed.
KUNCI_FORK = threading.RLock()

#: Inputs that passed a limit lately (digest -> when, message): asked again (any reader of the
#: report may ask), they are refused at once instead of occupying a worker up to the limit again.
_GAGAL: OrderedDict[str, tuple[float, str]] = OrderedDict()
_GAGAL_MAKS, _GAGAL_DETIK = 64, 600
_GAGAL_KUNCI = threading.Lock()


def dalam_batas(fn: Callable, *args, detik: float | None = None, mb: int | None = None) -> Any:
    """`fn(*args)` run in a forked child within the time and memory limits (settings by default)."""
    detik = settings.LKIP_PDF_BATAS_DETIK if detik is None else detik
    mb = settings.LKIP_PDF_BATAS_MB if mb is None else mb
    sidik = hashlib.sha256(pickle.dumps((fn.__qualname__, args, detik, mb))).hexdigest()
    return _ingat_gagal(sidik, lambda: _di_anak(fn, args, detik, mb))


def _ingat_gagal(sidik: str, jalankan: Callable[[], Any]) -> Any:
    """Run a render, refusing at once the same input that passed a limit a moment ago."""
    with _GAGAL_KUNCI:
        gagal = _GAGAL.get(sidik)
        if gagal and time.monotonic() - gagal[0] < _GAGAL_DETIK:
            raise RenderTerlaluBerat(gagal[1])
    try:
        return jalankan()
    except RenderTerlaluBerat as exc:
        with _GAGAL_KUNCI:
            _GAGAL[sidik] = (time.monotonic(), exc.pesan)
            while len(_GAGAL) > _GAGAL_MAKS:
                _GAGAL.popitem(last=False)
        raise


def _di_anak(fn: Callable, args: tuple, detik: float, mb: int) -> Any:
    baca, tulis = os.pipe()
    with warnings.catch_warnings():
        # Python warns when a threaded process forks (runserver, the test server). The child
        # takes no lock that another thread may hold: it lays out the PDF, writes to the pipe
        # and leaves with os._exit.
        warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
        with KUNCI_FORK:
            pid = os.fork()
    if pid == 0:
        os.close(baca)
        _anak(tulis, fn, args, detik, mb)
    os.close(tulis)
    potongan: list[bytes] = []
    akhir = time.monotonic() + detik
    try:
        while True:
            sisa = akhir - time.monotonic()
            if sisa <= 0:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise RenderTerlaluBerat(_pesan_waktu(detik))
            if select.select([baca], [], [], sisa)[0]:
                chunk = os.read(baca, 1 << 20)
                if not chunk:
                    break
                potongan.append(chunk)
    finally:
        os.close(baca)
    _, status = os.waitpid(pid, 0)
    try:
        jenis, nilai = pickle.loads(b"".join(potongan))
    except (pickle.UnpicklingError, EOFError, ValueError):
        raise _tanpa_jawaban(status, detik, mb) from None
    if jenis == "memori":
        raise RenderTerlaluBerat(_pesan_memori(mb))
    if jenis == "galat":
        raise nilai
    return nilai


class Saluran:
    """The child's side of its pipes to the parent: one exchange halfway (`tukar`), then the
    result."""

    def __init__(self, ke_induk: int, dari_induk: int) -> None:
        self._ke_induk, self._dari_induk = ke_induk, dari_induk

    def tukar(self, pesan: Any) -> Any:
        """Send `pesan` to the parent and wait for its answer (which it gives once every child
        has sent theirs)."""
        _kirim(self._ke_induk, ("antara", pesan))
        return pickle.loads(_baca_penuh(self._dari_induk))


def _kirim(fd: int, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    _tulis_penuh(fd, len(data).to_bytes(8, "big") + data)


def _tulis_penuh(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _baca_penuh(fd: int) -> bytes:
    """One framed message from a blocking pipe (the child waiting for the parent's answer)."""
    kepala = _baca_tepat(fd, 8)
    return _baca_tepat(fd, int.from_bytes(kepala, "big"))


def _baca_tepat(fd: int, n: int) -> bytes:
    potongan = bytearray()
    while len(potongan) < n:
        chunk = os.read(fd, n - len(potongan))
        if not chunk:
            raise EOFError("induk menutup saluran")
        potongan += chunk
    return bytes(potongan)


def _anak_bersama(
    ke_induk: int, dari_induk: int, fn: Callable, args: tuple, detik: float, mb: int
) -> None:
    """In a child of `dalam_batas_bersama`: like `_anak`, with a channel for the halfway
    exchange; every message is framed (length, pickle)."""
    try:
        for sinyal in (*_DIHENTIKAN, signal.SIGALRM, signal.SIGXCPU):
            signal.signal(sinyal, signal.SIG_DFL)
        try:
            _batasi(detik, mb)
            hasil: tuple[str, Any] = ("ok", fn(Saluran(ke_induk, dari_induk), *args))
        except MemoryError:
            hasil = ("memori", None)
        except Exception as exc:
            hasil = ("galat", exc)
        try:
            _kirim(ke_induk, hasil)
        except Exception as exc:  # an exception that does not pickle: its text
            _kirim(ke_induk, ("galat", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        os._exit(0)


def dalam_batas_bersama(
    tugas: list[tuple[Callable, tuple]],
    antara: Callable[[list[Any]], list[Any]],
    *,
    detik: float | None = None,
    mb: int | None = None,
) -> list[Any]:
    """Each `fn(saluran, *args)` of `tugas` run at once in its own forked child, each within the
    memory limit and all within the time limit; their results in order.

    Every child calls `saluran.tukar(pesan)` exactly once: when all have, the parent calls
    `antara(pesan_list)` and hands each child its answer (the PDF's page numbers, which need every
    part's page count). A child that fails, passes a limit or dies ends them all.
    """
    detik = settings.LKIP_PDF_BATAS_DETIK if detik is None else detik
    mb = settings.LKIP_PDF_BATAS_MB if mb is None else mb
    sidik = hashlib.sha256(
        pickle.dumps(([(fn.__qualname__, args) for fn, args in tugas], detik, mb))
    ).hexdigest()
    return _ingat_gagal(sidik, lambda: _di_anak_bersama(tugas, antara, detik, mb))


def _di_anak_bersama(tugas, antara, detik: float, mb: int) -> list[Any]:
    anak: list[dict] = []
    try:
        for fn, args in tugas:
            baca, ke_induk = os.pipe()
            dari_induk, tulis = os.pipe()
            with warnings.catch_warnings():
                warnings.filterwarnings(
                    "ignore", "This process .* is multi-threaded", DeprecationWarning
                )
                with KUNCI_FORK:
                    pid = os.fork()
            if pid == 0:
                os.close(baca)
                os.close(tulis)
                for lain in anak:  # the siblings' pipes are not this child's
                    for fd in (lain["baca"], lain["tulis"]):
                        if fd is not None:
                            os.close(fd)
                _anak_bersama(ke_induk, dari_induk, fn, args, detik, mb)
            os.close(ke_induk)
            os.close(dari_induk)
            anak.append({"pid": pid, "baca": baca, "tulis": tulis, "buf": bytearray()})
        return _layani(anak, antara, time.monotonic() + detik, detik, mb)
    finally:
        for a in anak:
            for kunci in ("baca", "tulis"):
                if a[kunci] is not None:
                    os.close(a[kunci])
            if a["pid"]:
                try:
                    os.kill(a["pid"], signal.SIGKILL)
                except ProcessLookupError:
                    pass
                os.waitpid(a["pid"], 0)


def _layani(anak: list[dict], antara, akhir: float, detik: float, mb: int) -> list[Any]:
    """The parent's loop: read every child's messages, answer the halfway exchange once all have
    asked, collect the results."""
    pesan_antara: dict[int, Any] = {}
    hasil: dict[int, Any] = {}
    while len(hasil) < len(anak):
        terbuka = [a["baca"] for a in anak if a["baca"] is not None]
        sisa = akhir - time.monotonic()
        if sisa <= 0:
            raise RenderTerlaluBerat(_pesan_waktu(detik))
        siap = select.select(terbuka, [], [], sisa)[0]
        for i, a in enumerate(anak):
            if a["baca"] not in siap:
                continue
            chunk = os.read(a["baca"], 1 << 20)
            if not chunk:
                os.close(a["baca"])
                a["baca"] = None
                _, status = os.waitpid(a["pid"], 0)
                a["pid"] = 0
                if i in hasil:
                    continue
                raise _tanpa_jawaban(status, detik, mb)
            a["buf"] += chunk
            while len(a["buf"]) >= 8:
                n = int.from_bytes(a["buf"][:8], "big")
                if len(a["buf"]) < 8 + n:
                    break
                jenis, nilai = pickle.loads(bytes(a["buf"][8 : 8 + n]))
                del a["buf"][: 8 + n]
                if jenis == "antara":
                    pesan_antara[i] = nilai
                    if len(pesan_antara) == len(anak):
                        balasan = antara([pesan_antara[j] for j in range(len(anak))])
                        for b, jawaban in zip(anak, balasan, strict=True):
                            _tulis_penuh(b["tulis"], _bingkai(jawaban))
                elif jenis == "ok":
                    hasil[i] = nilai
                elif jenis == "memori":
                    raise RenderTerlaluBerat(_pesan_memori(mb))
                else:
                    raise nilai
    return [hasil[i] for i in range(len(anak))]


def _bingkai(obj: Any) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data).to_bytes(8, "big") + data
