"""A real S3 API on 127.0.0.1 for the tests: moto's server mode in a child process.

With `LKIP_TEST_S3=1` the whole suite runs with the files in object storage: this plugin (loaded
with `-p tests.s3` in pyproject's addopts, so before pytest-django reads the settings) starts the
server on a free port, creates the bucket and sets the `LKIP_S3_*` variables as an operator would,
so the settings, every child process (`manage.py`, gunicorn) and the tests see the same store.
Each test then gets a fresh prefix in the bucket (tests/conftest.py), as it gets a fresh MEDIA_ROOT
on the local disk. The two-instance test starts a server of its own when the suite runs without S3.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

BUCKET = "lkip-uji"
KUNCI = {"LKIP_S3_ACCESS_KEY": "uji", "LKIP_S3_SECRET_KEY": "uji-rahasia"}
REGION = "us-east-1"

_server: subprocess.Popen | None = None


def s3_diminta() -> bool:
    """LKIP_TEST_S3=1: the suite runs against the S3 server."""
    return os.environ.get("LKIP_TEST_S3", "").strip().lower() in {"1", "true", "yes", "ya"}


def port_bebas() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mati_bersama_induk() -> None:
    """In a child process (preexec_fn): end with the test process, even when that one is killed
    (Linux's parent-death signal), so no server is left running on its port."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def mulai_server() -> tuple[subprocess.Popen, str]:
    """moto's S3 server on a free port of 127.0.0.1, answering; (process, endpoint URL)."""
    port = port_bebas()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=mati_bersama_induk,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/moto-api/", timeout=2):
                return proc, url
        except (urllib.error.URLError, OSError) as exc:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(
                    f"Server S3 uji (moto, `python -m moto.server`) tidak menjawab di {url}: "
                    f"{exc}. Pasang dependensi uji: pip install -e '.[test]'."
                ) from exc
            time.sleep(0.2)


def buat_bucket(endpoint: str, bucket: str = BUCKET) -> None:
    import boto3

    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=KUNCI["LKIP_S3_ACCESS_KEY"],
        aws_secret_access_key=KUNCI["LKIP_S3_SECRET_KEY"],
    ).create_bucket(Bucket=bucket)


def env_s3(endpoint: str, bucket: str = BUCKET, prefix: str = "") -> dict[str, str]:
    """The variables an operator sets for this store (README, Configuration)."""
    return {
        "LKIP_S3_ENDPOINT": endpoint,
        "LKIP_S3_BUCKET": bucket,
        "LKIP_S3_REGION": REGION,
        "LKIP_S3_PREFIX": prefix,
        **KUNCI,
    }


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    global _server
    if s3_diminta() and _server is None:
        _server, endpoint = mulai_server()
        buat_bucket(endpoint)
        os.environ.update(env_s3(endpoint))
    return (yield)


@pytest.fixture(scope="session")
def s3_endpoint():
    """The S3 server's endpoint: the suite's own (LKIP_TEST_S3=1), or one started for the tests
    that need a real S3 API whichever store the suite uses (the bucket BUCKET exists)."""
    if _server is not None:
        yield os.environ["LKIP_S3_ENDPOINT"]
        return
    proc, endpoint = mulai_server()
    try:
        buat_bucket(endpoint)
        yield endpoint
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def pytest_report_header(config) -> str:
    if _server is not None:
        return f"penyimpanan berkas: S3 (moto) {os.environ['LKIP_S3_ENDPOINT']}/{BUCKET}"
    return "penyimpanan berkas: disk lokal (MEDIA_ROOT)"


def pytest_unconfigure(config) -> None:
    global _server
    if _server is not None:
        _server.terminate()
        _server.wait(timeout=10)
        _server = None
