"""From a session's submissions to what the room sees, and to the facilitator's export.

Model code (no widgets, no matplotlib): the views draw what `room_results` computes. Pooled
results are only given from `MIN_GROUP` submissions on, so that a median of one or two people
never shows someone's own answers to the room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..content import Content
from ..i18n import t
from . import pooling
from .export import answers_frame, to_csv, to_xlsx
from .instrument import (
    FORMS_KEY,
    POOLED_KINDS,
    SA_KEY,
    Instrument,
    form_answers,
    selfassessment_answers,
)
from .questions import OpenAnswer, OpenQuestion
from .store import Snapshot

MIN_GROUP = 3


@dataclass(frozen=True)
class ChoiceCounts:
    """How often each option of one choice question was chosen."""

    form_id: str
    field_id: str
    counts: dict[str, int]


@dataclass(frozen=True)
class RoomResults:
    submitted: int
    enough: bool  # False below MIN_GROUP: the room view shows counts only
    element_ids: tuple[str, ...]
    pooled: pd.DataFrame | None = None  # per element: n, median, q1, q3, min, max, iqr, range
    disagreement: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    distribution: pd.DataFrame | None = None  # statements × options
    choices: tuple[ChoiceCounts, ...] = ()
    text_counts: dict[tuple[str, str], int] = field(default_factory=dict)


def participant_scores(
    snapshot: Snapshot, instrument: Instrument
) -> dict[str, dict[str, float | None]]:
    """participant id -> element scores, for those who submitted."""
    return {
        p.participant_id: instrument.scores(selfassessment_answers(p.answers or {}))
        for p in snapshot.submitted
    }


def pooled_scores(snapshot: Snapshot, instrument: Instrument, content: Content) -> pd.DataFrame:
    element_ids = [e.id for e in content.elements]
    table = pooling.score_table(participant_scores(snapshot, instrument), element_ids)
    return pooling.pool(table)


def room_results(
    snapshot: Snapshot,
    instrument: Instrument | None,
    content: Content,
    minimum: int = MIN_GROUP,
) -> RoomResults:
    """Everything the room view shows, computed from the submissions."""
    element_ids = tuple(e.id for e in content.elements)
    submitted = snapshot.submitted
    if len(submitted) < minimum:
        return RoomResults(len(submitted), False, element_ids)
    questionnaire = snapshot.workshop.questionnaire
    pooled = disagreement = priorities = distribution = None
    if questionnaire.selfassessment and instrument is not None:
        pooled = pooled_scores(snapshot, instrument, content)
        disagreement = tuple(pooling.disagreement(pooled, top=3, threshold=10))
        form_order = [f.id for f in content.forms]
        priorities = tuple(
            pooling.group_priorities(
                pooled,
                instrument.needs_attention,
                lambda element: [f.id for f in content.forms_for_element(element)],
                form_order,
            )
        )
        distribution = pooling.distribution(
            [selfassessment_answers(p.answers or {}) for p in submitted],
            [s.id for s in instrument.statements],
            [o.id for o in instrument.options],
        )
    choices, text_counts = [], {}
    for form_id in questionnaire.form_ids:
        try:
            form = content.form(form_id)
        except KeyError:
            continue
        answers = [form_answers(p.answers or {}, form_id) for p in submitted]
        for spec in form.fields:
            if spec.kind in POOLED_KINDS:
                frame = pooling.distribution(answers, [spec.id], [o.id for o in spec.options])
                choices.append(ChoiceCounts(form_id, spec.id, frame.loc[spec.id].to_dict()))
            else:
                filled = sum(1 for a in answers if a.get(spec.id) not in (None, "", []))
                text_counts[(form_id, spec.id)] = filled
    return RoomResults(
        submitted=len(submitted),
        enough=True,
        element_ids=element_ids,
        pooled=pooled,
        disagreement=disagreement or (),
        priorities=priorities or (),
        distribution=distribution,
        choices=tuple(choices),
        text_counts=text_counts,
    )


def export_frames(
    snapshot: Snapshot, instrument: Instrument | None, content: Content, lang: str
) -> dict[str, pd.DataFrame]:
    """The export's sheets: every answer per pseudonym, and the group's pooled scores."""
    questionnaire = snapshot.workshop.questionnaire
    columns: list[tuple[str, str]] = []
    if questionnaire.selfassessment and instrument is not None:
        columns += [
            (f"{SA_KEY}.{s.id}", f"{s.id} {s.text.get(lang)}") for s in instrument.statements
        ]
    for form_id in questionnaire.form_ids:
        try:
            form = content.form(form_id)
        except KeyError:
            continue
        columns += [
            (f"{FORMS_KEY}.{form_id}.{spec.id}", f"{form_id}. {spec.label.get(lang)}")
            for spec in form.fields
        ]

    def describe(key: str, value: object) -> object:
        if instrument is not None and key.startswith(SA_KEY + "."):
            return instrument.option_label(value, lang) or value  # type: ignore[arg-type]
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == FORMS_KEY and value is not None:
            spec = content.form(parts[1]).field(parts[2])
            if spec.options:
                labels = {o.id: o.label.get(lang) for o in spec.options}
                if isinstance(value, list):
                    return [labels.get(v, v) if isinstance(v, str) else v for v in value]
                return labels.get(value, value)  # type: ignore[arg-type]
        return value

    scores = None
    score_columns: Sequence[tuple[str, str]] = ()
    sheets: dict[str, pd.DataFrame] = {}
    if questionnaire.selfassessment and instrument is not None:
        scores = participant_scores(snapshot, instrument)
        score_columns = [
            (e.id, t("ws.fac.export.score", lang, element=e.title.get(lang)))
            for e in content.elements
        ]
    answers = answers_frame(
        snapshot,
        columns,
        describe=describe,
        scores=scores,
        score_columns=score_columns,
        headers=(t("ws.fac.export.participant", lang), t("ws.fac.export.submitted", lang)),
    )
    sheets[t("ws.fac.export.sheet_answers", lang)] = answers
    if scores is not None:
        pooled = pooled_scores(snapshot, instrument, content).round(1)  # type: ignore[arg-type]
        pooled.insert(0, "element", [content.element(e).title.get(lang) for e in pooled.index])
        sheets[t("ws.fac.export.sheet_group", lang)] = pooled.reset_index(drop=True)
    return sheets


def open_answers_frame(
    snapshot: Snapshot, asked: Sequence[tuple[OpenQuestion, Sequence[OpenAnswer]]], lang: str
) -> pd.DataFrame:
    """Every open question and every answer to it, pseudonymised: hidden answers too, marked,
    and in a session that moderates, whether each was released to the room."""
    pseudonyms = snapshot.pseudonyms()
    yes, no = t("ws.fac.export.yes", lang), t("ws.fac.export.no", lang)
    columns = [t(f"ws.fac.export.open.{c}", lang) for c in
               ("number", "question", "step", "participant", "answer", "sent", "on_wall",
                "hidden", "released")]  # fmt: skip
    rows = []
    for question, answers in asked:
        for answer in answers or [None]:
            rows.append(
                [
                    question.seq,
                    question.text,
                    (question.source or "").partition("/")[0],
                    pseudonyms.get(answer.participant_id, "") if answer else "",
                    answer.text if answer else "",
                    answer.sent_at.astimezone().replace(tzinfo=None) if answer else None,
                    (yes if answer.on_wall else no) if answer else "",
                    (yes if answer.hidden else no) if answer else "",
                    (yes if answer.released else no) if answer else "",
                ]
            )
    return pd.DataFrame(rows, columns=columns)


def export_files(
    snapshot: Snapshot,
    instrument: Instrument | None,
    content: Content,
    lang: str,
    asked: Sequence[tuple[OpenQuestion, Sequence[OpenAnswer]]] = (),
) -> tuple[bytes, bytes, bytes]:
    """(.xlsx with all sheets, .csv of the answers, .csv of the open questions' answers)."""
    sheets = export_frames(snapshot, instrument, content, lang)
    answers = next(iter(sheets.values()))
    opened = open_answers_frame(snapshot, asked, lang)
    sheets[t("ws.fac.export.sheet_open", lang)] = opened
    return to_xlsx(sheets), to_csv(answers), to_csv(opened)
