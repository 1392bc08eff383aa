"""The pip and conda environments stay in step; notebooks are committed clean."""

from __future__ import annotations

import json
import re

import tomllib
import yaml
from packaging.requirements import Requirement

from dialoog.paths import REPO_ROOT

CONDA_ONLY = {"python", "pip"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(specs: list[str]) -> dict[str, str]:
    """name -> specifier set (as a sorted, comparable string)."""
    out = {}
    for spec in specs:
        req = Requirement(re.sub(r"\s+", "", spec))
        out[normalise(req.name)] = ",".join(sorted(str(s) for s in req.specifier))
    return out


def lower_bound(specifier: str) -> str | None:
    found = re.search(r">=([^,]+)", specifier)
    return found.group(1) if found else None


def test_pyproject_and_environment_list_the_same_packages_and_bounds():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    pip = requirements(project["dependencies"] + project["optional-dependencies"]["test"])
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    conda_specs = [d for d in env["dependencies"] if isinstance(d, str)]
    conda = {k: v for k, v in requirements(conda_specs).items() if k not in CONDA_ONLY}
    assert sorted(conda) == sorted(pip)
    for name, specifier in pip.items():
        assert lower_bound(specifier), f"{name} has no lower bound in pyproject.toml"
        assert conda[name] == specifier, name


def test_environment_python_matches_requires_python():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    python = requirements([d for d in env["dependencies"] if isinstance(d, str)])["python"]
    assert python == project["requires-python"]


def test_notebooks_are_committed_without_outputs():
    notebooks = [
        p for p in (REPO_ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    ]
    assert notebooks
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [], path.name
                assert cell.get("execution_count") is None, path.name


def test_app_notebooks_hold_no_text_cells_the_app_would_show():
    """Voilà shows markdown cells; notes for JupyterLab users go in comments of the code cell
    (which the app hides), and every notebook ends by calling its page from dialoog.pages."""
    for path in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        assert [c["cell_type"] for c in cells] == ["code"], path.name
        source = "".join(cells[0]["source"])
        assert "from dialoog.pages import" in source, path.name
