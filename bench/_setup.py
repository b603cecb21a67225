"""Shared by the bench scripts: a throw-away SQLite database (or $DATABASE_URL) with Django set
up."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def django_empty() -> None:
    """Django set up on a migrated database: a new SQLite file unless $DATABASE_URL names one."""
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lkip.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def django_with_demo() -> None:
    """The same, with the demo agency loaded."""
    from django.core.management import call_command

    django_empty()
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
