"""The model is the only thing that edits the model; views only show and ask.

These tests read the package's source: a view module (one that imports ipywidgets) may not
assign into a workbook, call a mutating method on one, or announce changes itself, and no
module may find another feature by reflection or guard an import of its own package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dialoog
from dialoog.content import FIELD_ROLES, FORM_ROLES

PACKAGE = Path(dialoog.__file__).parent
MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "testing" not in p.parts)


def is_view(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name == "ipywidgets" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ipywidgets"):
            return True
    return False


def chain(node: ast.AST) -> list[str]:
    """`self.session.workbook.followup.letter` -> ['self', 'session', 'workbook', ...]."""
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    if isinstance(node, ast.Subscript):
        return chain(node.value)
    return list(reversed(names))


def touches_workbook(target: ast.AST) -> bool:
    if isinstance(target, ast.Subscript):
        return touches_workbook(target.value)
    names = chain(target)
    return "workbook" in names[:-1] or (names and names[0] in ("wb", "workbook") and len(names) > 1)


def offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    view = is_view(tree)
    for node in ast.walk(tree):
        where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', '?')}"
        if view and isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if touches_workbook(target):
                    found.append(f"{where}: assigns into the workbook")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            owner = chain(node.func.value)
            if name == "changed" and path.name != "session.py":
                found.append(f"{where}: calls changed()")
            if view and name in MUTATORS and "workbook" in owner:
                found.append(f"{where}: mutates the workbook with {name}()")
            if view and name in ("set_answer", "touch") and owner[-1:] == ["workbook"]:
                found.append(f"{where}: edits the workbook with {name}()")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if view and node.func.id == "setattr" and touches_workbook(node.args[0]):
                found.append(f"{where}: setattr on the workbook")
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                if isinstance(handler.type, ast.Name) and handler.type.id == "ImportError":
                    found.append(f"{where}: except ImportError (import our own code directly)")
        if isinstance(node, ast.Attribute) and chain(node)[:2] == ["inspect", "signature"]:
            found.append(f"{where}: calls through inspect.signature")
    return found


def test_the_scan_finds_what_it_looks_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import ipywidgets\n"
        "def f(self):\n"
        "    self.session.workbook.stakeholders = []\n"
        "    self.session.workbook.followup.letter += 'x'\n"
        "    self.session.workbook.stakeholders.append(1)\n"
        "    self.session.changed()\n"
        "    try:\n        import x\n    except ImportError:\n        pass\n"
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        assert len(offences(bad)) == 5
    finally:
        PACKAGE = saved


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_edits_the_workbook_behind_the_sessions_back(path):
    assert offences(path) == []


def test_no_step_or_field_id_appears_in_python_outside_tests(content):
    """Code finds parts of the content by role; ids live in data/content/steps.yaml only."""
    ids = {f.id for f in content.forms} - {str(n) for n in range(10)}  # "4a", "8b", ...
    roles = set(FIELD_ROLES) | set(FORM_ROLES)  # a role may be named like its field
    field_ids = {s.id for f in content.forms for s in f.fields if "_" in s.id} - roles
    found = []
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value in ids or node.value in field_ids:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert found == []
