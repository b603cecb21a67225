"""Shared by the queue benchmarks: db_worker processes against the bench database, and the peak
memory of a worker with the render children it forks."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from _setup import ROOT


def _anak(pid: int) -> list[int]:
    """pid and every process below it (Linux /proc)."""
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Pekerja:
    """A db_worker process; `puncak` is the highest resident memory of it and its children
    together, sampled every 0,2 s."""

    def __init__(self, media_root: str, queue: str = "default") -> None:
        env = dict(os.environ, MEDIA_ROOT=media_root, LKIP_ANTRIAN=queue, LOG_LEVEL="WARNING")
        self.proc = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2",
             "--no-startup-delay", "--queue-name", queue, "--verbosity", "0"],
            cwd=ROOT, env=env,
        )  # fmt: skip
        self.puncak = 0
        self._stop = threading.Event()
        threading.Thread(target=self._ukur, daemon=True).start()

    def _ukur(self) -> None:
        while not self._stop.wait(0.2):
            self.puncak = max(self.puncak, sum(_rss(p) for p in _anak(self.proc.pid)))

    def hentikan(self) -> None:
        self._stop.set()
        self.proc.terminate()
        self.proc.wait(timeout=120)


def tunggu(cek, detik: float = 1800) -> None:
    batas = time.monotonic() + detik
    while not cek():
        if time.monotonic() > batas:
            raise SystemExit(f"tidak selesai dalam {detik} detik")
        time.sleep(0.1)
