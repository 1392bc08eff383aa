"""The facilitator's export: pseudonymised, formulas neutralised, readable in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import openpyxl

from dialoog.spreadsheets import neutralise
from dialoog.workshop.export import answers_frame, flatten, to_csv, to_xlsx
from dialoog.workshop.store import Participant, Questionnaire, Snapshot, Workshop

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)


def snapshot() -> Snapshot:
    workshop = Workshop("w", "ABCDEFGHJK", "T", "nl", Questionnaire(), "open", 3, NOW, None)
    people = (
        Participant(2, "pid-b", "Bram Geheim", {"sa": {"s1": "=1+1"}, "f": "ok"}, NOW, NOW, 1),
        Participant(1, "pid-a", "Anna Geheim", {"sa": {"s1": "agree"}}, NOW, NOW, 2),
        Participant(3, "pid-c", "Carla Geheim", None, NOW, None, 0),
    )
    return Snapshot(workshop, people)


COLUMNS = [("sa.s1", "Statement 1"), ("f", "Free text")]


def test_rows_are_pseudonymised_in_join_order_without_names():
    frame = answers_frame(snapshot(), COLUMNS)
    assert frame["participant"].tolist() == ["P01", "P02"]  # Carla did not submit
    assert "Geheim" not in frame.to_csv()


def test_option_ids_are_described_and_scores_added():
    frame = answers_frame(
        snapshot(),
        COLUMNS,
        describe=lambda key, value: value.upper() if isinstance(value, str) else value,
        scores={"pid-a": {"e1": 66.666}},
        score_columns=[("e1", "Element 1")],
    )
    assert frame.loc[0, "Statement 1"] == "AGREE"
    assert frame.loc[0, "Element 1"] == 66.7


def test_formulas_are_neutralised_in_csv_and_xlsx():
    frame = answers_frame(snapshot(), COLUMNS)
    rows = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"))))
    assert rows[2][2] == "'=1+1"
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx({"Answers": frame})))
    sheet = book["Answers"]
    assert sheet["C3"].value == "=1+1"  # shown as written, as text: no visible apostrophe
    assert sheet["C3"].data_type == "s" and sheet["C3"].quotePrefix


def test_neutralise_covers_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise(start + "x") == "'" + start + "x"
    assert neutralise("gewoon") == "gewoon"
    assert neutralise(3) == 3


def test_flatten_joins_nested_keys():
    assert flatten({"a": {"b": 1, "c": {"d": 2}}, "e": 3}) == {"a.b": 1, "a.c.d": 2, "e": 3}
