"""Benchmark: the engagement log at scale — 10,000 contacts over 1,000 stakeholders.

Prints the seconds for what the page and the exports compute from the log: the timeline per
stakeholder, the open concerns, the contacts per group, topic and quarter, the evidence table,
the whole .xlsx export, the quality table and reading the log back from a Dutch CSV; the
median of `--repeat` runs. Aims: timeline and tables under 1 s (issue 14); reading a
10,000-row CRM export with its preview under 1 s (issue 23).

Run: .venv/bin/python benchmarks/engagement.py [--contacts 10000] [--stakeholders 1000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dialoog.engagement import quality  # noqa: E402
from dialoog.engagement.export import engagement_xlsx  # noqa: E402
from dialoog.engagement.importer import interpret  # noqa: E402
from dialoog.engagement.record import Concern, Engagement, engagement_data  # noqa: E402
from dialoog.engagement.timeline import (  # noqa: E402
    contacts_by,
    evidence,
    open_concerns,
    per_stakeholder,
)
from dialoog.model import Workbook  # noqa: E402
from dialoog.plan.records import Agreement, FollowUp  # noqa: E402
from dialoog.stakeholders.choices import register_data  # noqa: E402
from dialoog.stakeholders.importer import read_table  # noqa: E402
from dialoog.stakeholders.record import Stakeholder  # noqa: E402

TODAY = date(2026, 12, 2)


def make(contacts: int, stakeholders: int, seed: int = 7) -> Workbook:
    rng = random.Random(seed)
    groups = [o.id for o in register_data().options("group")]
    issues = [o.id for o in register_data().options("issues")]
    kinds = [c.id for c in engagement_data().kinds]
    register = [
        Stakeholder(name=f"Stakeholder {i}", group=rng.choice(groups), selected=rng.random() < 0.3)
        for i in range(stakeholders)
    ]
    log = []
    for i in range(contacts):
        people = rng.sample(register, rng.randint(1, 3))
        log.append(
            Engagement(
                contact_date=TODAY - timedelta(days=rng.randint(0, 900)),
                kind=rng.choice(kinds),
                stakeholder_ids=[s.id for s in people],
                stakeholder_names=[s.name for s in people],
                topics=rng.sample(issues, rng.randint(0, 2)),
                raised=f"inbreng {i}",
                response=f"antwoord {i}",
                concern=Concern(case=f"K-{i}") if rng.random() < 0.05 else None,
                quality={"two_way": rng.randint(1, 5)} if rng.random() < 0.5 else {},
            )
        )
    agreements = [
        Agreement(
            what=f"afspraak {i}",
            stakeholder_ids=[rng.choice(register).id],
            due=TODAY - timedelta(days=rng.randint(-90, 90)),
        )  # fmt: skip
        for i in range(contacts // 10)
    ]
    return Workbook(
        stakeholders=register, engagements=log, followup=FollowUp(agreements=agreements)
    )


def as_dutch_csv(workbook: Workbook) -> bytes:
    """The log as a CRM exports it for Excel: ';', Windows-1252, dd-mm-jjjj, a time, the CRM's
    own words for a kind, a subject, a summary, a next step on every other row and a status
    (tests/engagement/files/crm-contacten.csv has the same columns)."""
    words = ["Telefonisch", "Bezoek", "E-mail", "Overleg", "Bedrijfsbezoek", "Gebeld"]
    lines = ["Datum;Tijd;Stakeholder;Soort contact;Onderwerp;Samenvatting;Vervolgactie;Status"]
    for i, e in enumerate(workbook.engagements):
        day = e.contact_date.strftime("%d-%m-%Y")
        names = ", ".join(e.stakeholder_names)
        step = f"terugkoppeling {i}" if i % 2 == 0 else ""
        status = "Open" if i % 3 else "Afgerond"
        lines.append(";".join((day, f"{9 + i % 8:02d}:00", names, words[i % len(words)],
                               "Lonen", e.raised, step, status)))  # fmt: skip
    return "\r\n".join(lines).encode("cp1252")


def timed(task, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        task()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--stakeholders", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    workbook = make(args.contacts, args.stakeholders)
    csv = as_dutch_csv(workbook)
    tasks = {
        "timeline per stakeholder": lambda: per_stakeholder(workbook, TODAY),
        "open concerns": lambda: open_concerns(workbook, TODAY),
        "contacts per group, topic, quarter": lambda: [
            contacts_by(workbook, by, "nl") for by in ("group", "issue", "quarter")
        ],
        "evidence table": lambda: evidence(workbook, "nl"),
        "evidence .xlsx (3 sheets)": lambda: engagement_xlsx(workbook, "nl", TODAY),
        "quality over time (table)": lambda: quality.table(workbook, "nl"),
        "import of a CRM export (with preview)": lambda: interpret(
            read_table(csv, "log.csv", max_bytes=None), workbook.stakeholders, [], today=TODAY
        ),
    }
    print(f"{args.contacts:,} contacts over {args.stakeholders:,} stakeholders, "
          f"median of {args.repeat} runs")  # fmt: skip
    for name, task in tasks.items():
        print(f"  {name:<36} {timed(task, args.repeat):7.3f} s")


if __name__ == "__main__":
    main()
