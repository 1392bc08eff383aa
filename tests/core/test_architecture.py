"""The model is the only thing that edits the model; views only show and ask.

These tests read the package's source (its syntax tree, not its text): a view module (one that
imports ipywidgets) may not assign into a workbook, delete from it, call a mutating method on
one, also not through a name it gave a part of the workbook (`r = session.workbook.stakeholders;
r.append(x)`) or through a method's result (`workbook.answers.get("1")["x"] = v`), nor announce
changes itself; a view may not import a store or reach for one (`x.store`): it asks its
`Session` or `WorkshopSession`. No module may find another feature by reflection or guard an
import of its own package. `pages.py`, which puts each page together, makes the stores.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dialoog
from dialoog.content import FIELD_ROLES, FORM_ROLES

PACKAGE = Path(dialoog.__file__).parent
MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault",
            "sort", "reverse", "add", "discard", "popitem", "__setitem__",
            "__delitem__"}  # fmt: skip
STORES = {"dialoog.workbook_store", "dialoog.db", "dialoog.workshop.store",
          "dialoog.workshop.questions"}  # fmt: skip
COMPOSER = "pages.py"  # puts the pages together: the one view module that makes stores


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


def touches_workbook(target: ast.AST, aliases: frozenset[str] = frozenset()) -> bool:
    """Whether `target` is (a part of) a workbook: through an attribute chain, a name given to
    a part of one, or the result of a method called on one."""
    if isinstance(target, ast.Subscript):
        return touches_workbook(target.value, aliases) or _is_part(target.value, aliases)
    if isinstance(target, ast.Call) and isinstance(target.func, ast.Attribute):
        return _is_part(target.func.value, aliases)
    names = chain(target)
    if len(names) > 1 and names[0] in aliases:  # a part of a part; the name itself is no part
        return True
    return "workbook" in names[:-1] or (names and names[0] in ("wb", "workbook") and len(names) > 1)


def _is_part(node: ast.AST, aliases: frozenset[str]) -> bool:
    """An expression that is the workbook or a part of it."""
    if isinstance(node, (ast.Subscript, ast.Call)):
        return touches_workbook(node, aliases)
    names = chain(node)
    return bool(names) and (names[0] in aliases or "workbook" in names)


def workbook_aliases(tree: ast.AST) -> frozenset[str]:
    """Names a module gives to the workbook or a part of it (`r = session.workbook.register`)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _is_part(node.value, frozenset(found)):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.add(target.id)
    return frozenset(found)


def imported_modules(path: Path, tree: ast.AST) -> set[str]:
    """Every module a file imports, relative imports resolved to dialoog's own names."""
    package = ["dialoog", *path.relative_to(PACKAGE).parent.parts]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    view = is_view(tree)
    aliases = workbook_aliases(tree) if view else frozenset()
    if view and path.name != COMPOSER:
        for module in sorted(imported_modules(path, tree) & STORES):
            found.append(f"{path.relative_to(PACKAGE)}: a view imports the store {module}")
    for node in ast.walk(tree):
        where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', '?')}"
        if view and isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if touches_workbook(target, aliases):
                    found.append(f"{where}: assigns into the workbook")
        if view and isinstance(node, ast.Delete):
            if any(touches_workbook(target, aliases) for target in node.targets):
                found.append(f"{where}: deletes from the workbook")
        if view and path.name != COMPOSER and isinstance(node, ast.Attribute):
            if node.attr == "store" and isinstance(node.ctx, ast.Load):
                found.append(f"{where}: a view reaches for a store")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            owner = chain(node.func.value)
            if name == "changed" and path.name != "session.py":
                found.append(f"{where}: calls changed()")
            if view and name in MUTATORS and _is_part(node.func.value, aliases):
                found.append(f"{where}: mutates the workbook with {name}()")
            if (
                view
                and name in ("set_answer", "touch")
                and (owner[-1:] == ["workbook"] or (owner and owner[0] in aliases))
            ):
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
    bad = tmp_path / "views" / "bad.py"
    bad.parent.mkdir()
    bad.write_text(
        "import ipywidgets\n"
        "from ..workbook_store import StoreError\n"
        "from ..workshop import store as wstore\n"
        "def f(self):\n"
        "    self.session.workbook.stakeholders = []\n"
        "    self.session.workbook.followup.letter += 'x'\n"
        "    self.session.workbook.stakeholders.append(1)\n"
        "    self.session.changed()\n"
        "    try:\n        import x\n    except ImportError:\n        pass\n"
        "    r = self.session.workbook.stakeholders\n"
        "    r.append(2)\n"
        "    r[0] = 3\n"
        "    del self.session.workbook.answers['1']\n"
        "    self.session.workbook.stakeholders.sort()\n"
        "    self.session.workbook.answers.get('1')['x'] = 'y'\n"
        "    self.session.store.links(self.session.access)\n"
        "    fine = self.session.language\n"
        "    fine.upper()\n"
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        found = offences(bad)
    finally:
        PACKAGE = saved
    expected = [
        "imports the store dialoog.workbook_store", "imports the store dialoog.workshop.store",
        "assigns into the workbook", "assigns into the workbook",
        "mutates the workbook with append()", "calls changed()", "except ImportError",
        "mutates the workbook with append()", "assigns into the workbook",
        "deletes from the workbook", "mutates the workbook with sort()",
        "assigns into the workbook", "reaches for a store",
    ]  # fmt: skip
    assert sorted(f.split(": ", 1)[1].split(" (")[0].replace("a view ", "") for f in found) == (
        sorted(e.replace("a view ", "") for e in expected)
    )


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
