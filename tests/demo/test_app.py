"""The demo app sits on top: it may import every app, and none of them imports it."""

import ast
from pathlib import Path

from django.conf import settings

BELOW_DEMO = ("lkip", "targets", "indicators", "budget", "reports")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


class DemoAppTests:
    def test_no_app_below_it_imports_the_demo_app(self):
        offenders = [
            f"{path.relative_to(settings.BASE_DIR)}: {module}"
            for app in BELOW_DEMO
            for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py"))
            for module in sorted(imported_modules(path))
            if module == "demo" or module.startswith("demo.")
        ]
        assert not offenders, offenders
