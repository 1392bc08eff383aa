"""One call per notebook cell for analysts: load a register, show its tables and charts, save.

`notebooks/stakeholders.ipynb` uses these; they also work from a plain Python script. Files are
written to `var/exports/` unless another folder is given (var/ stays out of version control).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..i18n import t
from ..paths import storage_dir
from . import tables
from .export import register_csv, register_xlsx
from .importer import ImportResult, import_file
from .priority import prioritise

VIEWS = ("ranking", "selection", "group", "chain", "country", "issues", "crosstab")


def report(result: ImportResult, lang: str = "nl") -> str:
    """What an import read and skipped, as lines of text."""
    lines = [result.summary(lang)]
    lines += [p.message(lang) for p in result.notes]
    lines += [p.message(lang) for p in [*result.errors, *result.skipped]]
    return "\n".join(lines)


def load(path: str | Path, lang: str = "nl") -> pd.DataFrame:
    """Read a CSV or .xlsx register, print what was read and skipped, and rank it.

    No size limit applies here (unlike the web app); rows that cannot be read are reported
    and left out, the good rows come in.
    """
    path = Path(path)
    result = import_file(path.read_bytes(), path.name, lang=lang, max_bytes=None)
    print(report(result, lang))
    return prioritise(result.frame)


def table(register: pd.DataFrame, view: str, lang: str = "nl") -> pd.DataFrame:
    """One of the analyst's views: ranking, selection, group, chain, country, issues, crosstab."""
    if view == "ranking":
        return tables.ranking(register, lang)
    if view == "selection":
        return tables.selection(register, lang)
    if view == "crosstab":
        return tables.crosstab(register, lang)
    if view in ("group", "chain", "country", "issues"):
        return tables.counts(register, view, lang)
    raise ValueError(f"unknown view {view!r}; choose from {', '.join(VIEWS)}")


def output_dir(folder: str | Path | None = None) -> Path:
    path = Path(folder) if folder else storage_dir() / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(register: pd.DataFrame, name: str, lang: str = "nl", folder=None) -> Path:
    """The register and its views as .xlsx (one sheet per view) or the register as .csv."""
    path = output_dir(folder) / name
    data = register_xlsx(register, lang) if path.suffix == ".xlsx" else register_csv(register, lang)
    path.write_bytes(data)
    print(t("sh.analyst.saved", lang, path=path))
    return path


def save_figure(figure, name: str, folder=None) -> Path:
    """A chart as PNG or SVG (by the file name's extension)."""
    path = output_dir(folder) / name
    figure.savefig(path, dpi=150, bbox_inches="tight")
    return path


def picture(figure):
    """A chart shown in the notebook (without pyplot, so nothing is kept or shown twice)."""
    from IPython.display import Image

    from ..ui import figure_png

    return Image(data=figure_png(figure, dpi=110))
