"""The analyst's notebook helpers: load, tabulate, save, in one call each."""

from __future__ import annotations

import openpyxl
import pytest

from dialoog.stakeholders import analyst, plots

from .conftest import EXAMPLES


def test_loading_reports_what_was_read_and_skipped(capsys):
    register = analyst.load(EXAMPLES / "stakeholders-messy.csv", "en")
    out = capsys.readouterr().out
    assert out.startswith("stakeholders-messy.csv: 14 of 16 rows can be read; 2 refused, 2 cells")
    # a group row above the headings is read with them; a group that is no choice is kept
    assert "Row 16, column 'Ernst: Schaal (1-5)': 7 is outside the scale from 1 to 5." in out
    assert "column 'Type': Not a choice from the list; kept as written" in out
    assert len(register) == 14 and register["rank"].iloc[0] == 1


def test_every_view_is_available_and_an_unknown_one_is_named(capsys):
    register = analyst.load(EXAMPLES / "stakeholders.csv")
    for view in analyst.VIEWS:
        assert len(analyst.table(register, view, "en"))
    with pytest.raises(ValueError, match="choose from ranking"):
        analyst.table(register, "pie")


def test_saving_writes_the_spreadsheet_and_the_figures(tmp_path, capsys):
    register = analyst.load(EXAMPLES / "stakeholders.csv")
    xlsx = analyst.save(register, "r.xlsx", "en", folder=tmp_path)
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "Register"
    assert analyst.save(register, "r.csv", folder=tmp_path).read_bytes()[:3] == b"\xef\xbb\xbf"
    png = analyst.save_figure(plots.ranking_chart(register, "nl"), "r.png", folder=tmp_path)
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert analyst.picture(plots.ranking_chart(register, "nl")).data[:4] == b"\x89PNG"
