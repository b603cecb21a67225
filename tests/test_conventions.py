"""House habits a test can hold: a choice is compared through its enum member, never its string."""

import ast
import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
APPS = ("lkip", "targets", "indicators", "budget", "skm", "reports", "exchange", "demo")
#: django-simple-history's own choice field ('+', '~', '-'): the library has no enum to compare
#: with.
NOT_OURS = {"history_type"}
#: Lookups that may follow a field name in a keyword argument (`status__in=...`).
LOOKUPS = {"in", "exact", "iexact"}
#: A template tag, and in it `x.polaritas == "negatif"` or `"negatif" != x.polaritas`.
TEMPLATE_TAG = re.compile(r"{%.*?%}")
TEMPLATE_COMPARISON = re.compile(
    r"""(?P<a>[\w.]+)\s*[!=]=\s*(?P<qa>["'])(?P<va>.*?)(?P=qa)"""
    r"""|(?P<qb>["'])(?P<vb>.*?)(?P=qb)\s*[!=]=\s*(?P<b>[\w.]+)"""
)


def choice_values() -> dict[str, frozenset[str]]:
    """Each choice field name of the project's models with the string values it may hold."""
    found: dict[str, set[str]] = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.concrete_fields:
                if field.choices and field.name not in NOT_OURS:
                    values = {v for v, _ in field.flatchoices if isinstance(v, str)}
                    if values:
                        found.setdefault(field.name, set()).update(values)
    return {name: frozenset(values) for name, values in found.items()}


def _field_named(node: ast.expr) -> str | None:
    """The field an expression reads: `x.jenis`, `jenis`, `x["jenis"]` or `x.get("jenis")`."""
    match node:
        case ast.Attribute(attr=name) | ast.Name(id=name):
            return name
        case ast.Subscript(slice=ast.Constant(value=str() as name)):
            return name
        case ast.Call(func=ast.Attribute(attr="get"), args=[ast.Constant(value=str() as name), *_]):
            return name
    return None


def _strings(node: ast.expr | None) -> set[str]:
    """The string literal, or the string literals of a literal tuple, list or set."""
    match node:
        case ast.Constant(value=str() as value):
            return {value}
        case ast.Tuple(elts=elts) | ast.List(elts=elts) | ast.Set(elts=elts):
            return {
                e.value for e in elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
            }
    return set()


def _keyword_field(arg: str) -> str:
    """`nomenklatur__tingkat__in` → `tingkat`."""
    parts = arg.split("__")
    while len(parts) > 1 and parts[-1] in LOOKUPS:
        parts.pop()
    return parts[-1]


def literal_choices(source: str, values: dict[str, frozenset[str]]) -> list[int]:
    """Lines where a choice value is written as a string instead of its enum member.

    Caught: a comparison (==, !=, in, not in) of something named like a choice field with a string
    that is a choice value; `field="value"` keyword arguments (filter, Q, create); `{"field":
    "value"}`; and dicts keyed by the values of one choice field (`{"draf": ..., "diajukan": ...}`).
    """
    every = frozenset().union(*values.values())
    lines: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
                if isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn) and any(
                    _field_named(side) in values and _strings(other) & every
                    for side, other in ((left, right), (right, left))
                ):
                    lines.add(node.lineno)
        elif isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg and _strings(kw.value) & values.get(_keyword_field(kw.arg), frozenset()):
                    lines.add(kw.value.lineno)
        elif isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            for key, value in zip(keys, node.values, strict=False):
                if isinstance(key, str) and _strings(value) & values.get(key, frozenset()):
                    lines.add(value.lineno)
            if (
                len(keys) >= 2
                and len(keys) == len(node.keys)
                # one-letter keys are spreadsheet columns ({"A": 26, "B": 48}), not MetodeNegatif
                # A/B
                and not all(isinstance(k, str) and len(k) == 1 and k.isupper() for k in keys)
                and any(set(keys) <= field_values for field_values in values.values())
            ):
                lines.add(node.lineno)
    return sorted(lines)


def template_choices(text: str, values: dict[str, frozenset[str]]) -> list[int]:
    """Lines of a template where a choice field is compared with one of the choice values."""
    every = frozenset().union(*values.values())
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        for tag in TEMPLATE_TAG.findall(line):
            for m in TEMPLATE_COMPARISON.finditer(tag):
                name, value = (m["a"], m["va"]) if m["a"] else (m["b"], m["vb"])
                if name.rsplit(".", 1)[-1] in values and value in every:
                    lines.append(number)
    return sorted(set(lines))


def _sources():
    for label in APPS:
        for path in sorted((ROOT / label).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


class ChoiceLiteralTests:
    def test_the_check_finds_each_way_of_writing_a_choice_as_a_string(self):
        values = {"status": frozenset({"draf", "diajukan"}), "tingkat": frozenset({"program"})}
        source = "\n".join(
            [
                'a = lap.status == "diajukan"',
                'b = "draf" != status',
                'c = row["status"] in ("draf", "x")',
                'd = data.get("tingkat") == "program"',
                'e = Anggaran.objects.filter(nomenklatur__tingkat="program")',
                'f = {"status": "draf"}',
                'g = {"draf": 1, "diajukan": 2}',
                'h = masalah.tingkat == "error"',  # not a value of that field: another meaning
                "i = lap.status == StatusLaporan.DIAJUKAN",
            ]
        )
        assert literal_choices(source, values) == [1, 2, 3, 4, 5, 6, 7]
        template = "\n".join(
            [
                '{% if lap.status == "draf" %}x{% endif %}',
                "{% if 'diajukan' != status %}x{% endif %}",
                '{% if t.tingkat == "error" %}x{% endif %}',
                '{{ lap.status }} == "draf"',  # text, not a tag
                "{% if lap.adalah_draf %}x{% endif %}",
            ]
        )
        assert template_choices(template, values) == [1, 2]

    def test_python_code_compares_choice_fields_through_their_enum_members(self):
        values = choice_values()
        found = [
            f"{path.relative_to(ROOT)}:{line}: {path.read_text().splitlines()[line - 1].strip()}"
            for path in _sources()
            for line in literal_choices(path.read_text(), values)
        ]
        assert not found, (
            "A choice written as a string; use its TextChoices member "
            "(e.g. JenisNilai.PERSEN, StatusLaporan.DIAJUKAN):\n" + "\n".join(found)
        )

    def test_templates_ask_a_property_instead_of_comparing_a_choice_with_a_string(self):
        values = choice_values()
        found = [
            f"{path.relative_to(ROOT)}:{line}: {path.read_text().splitlines()[line - 1].strip()}"
            for path in sorted((ROOT / "templates").rglob("*.html"))
            for line in template_choices(path.read_text(), values)
        ]
        assert not found, (
            "A template compares a choice with a string; give the model a property "
            "(e.g. Indikator.adalah_persen) and ask that:\n" + "\n".join(found)
        )


#: `{{ x.pk }}` / `{{ x.opd_id }}` printed as they are: with USE_THOUSAND_SEPARATOR Django
#: prints 4002 as "4.002", so a form field named after it ("jawaban-4.002") no longer matches.
KUNCI_TERCETAK = re.compile(r"{{\s*\w+(?:\.\w+)*\.(?:pk|\w+_id)\s*}}")


def test_templates_print_a_key_without_the_thousands_separator():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if KUNCI_TERCETAK.search(line)
    ]
    assert not found, (
        "A template prints a key through the number format (1.234 from 1234 past a thousand "
        'rows): write {{ x.pk|stringformat:"d" }} or |unlocalize:\n' + "\n".join(found)
    )
