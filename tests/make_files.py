"""Makes the test files of `tests/stakeholders/files/` and `tests/engagement/files/` the way the
tools people use make them: Excel's Dutch CSV (Windows-1252, ';', CRLF), an .xlsx as
openpyxl (and so Excel) writes it, with merged group rows and real number and date cells, a
Google Sheets download (UTF-8 without a byte-order mark, ',', quoted multi-line cells, empty
trailing columns) and a CRM's contact export. The files are committed; this script is how
they were made, to remake them when a file must change: `python tests/make_files.py`.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
STAKEHOLDERS = HERE / "stakeholders" / "files"
ENGAGEMENT = HERE / "engagement" / "files"

# name, group as written, country, and five scores on the file's own scale
TEN = [
    ("Naaisters Dhaka Stitch", "Werkenden", "Bangladesh", 9, 7, 10, 6, 8),
    ("Vakbond Gazipur", "Vakbond", "Bangladesh", 6, 5, 4, 7, 5),
    ("Omwonenden ververij", "Omwonenden", "Bangladesh", 8, 6, 9, 5, 9),
    ("Katoenboeren Gujarat", "Boeren", "India", 7, 9, 6, 8, 7),
    ("Kinderen katoenpluk", "Werkenden", "India", 10, 4, 10, 3, 10),
    ("Spinsters Tamil Nadu", "Werkenden", "India", 8, 8, 7, 9, 8),
    ("Weverij Denizli", "Werkenden", "Turkije", 5, 5, 3, 4, 4),
    ("Vluchtelingen textielketen", "Rechthebbenden", "Turkije", 9, 6, 8, 7, 10),
    ("Thuiswerkers borduurwerk", "Werkenden", "India", 7, 3, 5, 6, 9),
    ("Vrouwencomité Dhaka", "Vertegenwoordigers", "Bangladesh", 6, 6, 5, 5, 6),
    ("Textielbond Monastir", "Vakbond", "Tunesië", 4, 3, 2, 3, 3),
    ("Stichting Eerlijke Draad", "Ngo", "Nederland", 2, 2, 1, 2, 2),
    ("Shramik Alo", "Ngo", "Bangladesh", 3, 3, 2, 4, 3),
    ("Nodi Bachao", "Ngo", "Bangladesh", 5, 7, 8, 6, 5),
    ("Directie Dhaka Stitch", "Leverancier", "Bangladesh", 1, 1, 1, 2, 1),
    ("Inkoopagent Istanbul", "Leverancier", "Turkije", 1, 2, 1, 1, 1),
    ("Havenwerkers Rotterdam", "Werkenden", "Nederland", 4, 4, 3, 3, 3),
    ("Chauffeurs Oost-Europa", "Werkenden", "Polen", 6, 5, 4, 7, 7),
    ("Magazijn Tilburg", "Werkenden", "Nederland", 3, 4, 2, 3, 2),
    ("Uitzendkrachten FlexWerk", "Werkenden", "Nederland", 5, 3, 3, 5, 6),
    ("Sorteerders Kantamanto", "Werkenden", "Ghana", 8, 9, 7, 8, 8),
    ("Adivasi-gemeenschap", "Inheemse volken", "India", 9, 5, 10, 6, 10),
    ("Arbeidsinspectie Bangladesh", "Overheid", "Bangladesh", 1, 1, 1, 1, 1),
    ("Onderzoeker leefbaar loon", "Expert", "Nederland", 2, 1, 1, 2, 1),
    ("Journalist Dhaka", "Media", "Bangladesh", 3, 2, 2, 3, 4),
]

SEVEN = [
    ("Garment workers Dhaka Stitch", "Workers", 6, 5, 7, 4, 6),
    ("Dyehouse neighbours", "Community", 7, 4, 6, 5, 7),
    ("Cotton farmers Gujarat", "Workers", 5, 7, 4, 6, 5),
    ("Child pickers", "Workers", 7, 3, 7, 2, 7),
    ("Spinning mill women", "Workers", 6, 6, 5, 7, 6),
    ("Denizli weavers", "Workers", 4, 4, 3, 3, 4),
    ("Refugee workers", "Rights holders", 7, 4, 6, 5, 7),
    ("Home workers", "Workers", 5, 2, 4, 4, 6),
    ("Union Gazipur", "Trade union", 4, 4, 3, 5, 3),
    ("NGO Fair Thread", "NGO", 2, 1, 1, 2, 1),
    ("Supplier management", "Supplier", 1, 1, 1, 1, 1),
    ("Port workers", "Workers", 3, 3, 2, 2, 3),
    ("Truck drivers", "Workers", 4, 4, 3, 6, 5),
    ("Kantamanto sorters", "Workers", 6, 7, 5, 6, 6),
    ("Adivasi community", "Indigenous peoples", 7, 4, 7, 5, 7),
]

# name, type (free text, as the analyst wrote it), three severity parts, likelihood,
# vulnerability, people affected, last contact
GROUPED = [
    (
        "Naaisters Dhaka Stitch",
        "Workers in the value chain",
        5,
        4,
        4,
        4,
        5,
        1250,
        date(2026, 3, 10),
    ),
    ("Omwonenden ververij", "Affected community", 4, 4, 5, 3, 4, 12000, date(2026, 2, 2)),
    ("Katoenboeren Gujarat", "Affected community", 4, 5, 3, 4, 4, 30000, None),
    ("Vakbond Gazipur", "Trade union", 3, 3, 2, 3, 3, 4000, date(2026, 4, 15)),
    ("Vluchtelingen Gaziantep", "Affected community", 5, 3, 4, 4, 5, 600, None),
    ("Thuiswerkers borduurwerk", "Informele sector", 4, 2, 3, 4, 5, 350, None),
    ("Spinsters Tamil Nadu", "Workers in the value chain", 4, 4, 4, 5, 4, 2200, date(2025, 11, 20)),
    ("Weverij Denizli", "Workers in the value chain", 3, 3, 2, 2, 3, 800, None),
    ("Adivasi-gemeenschap", "Affected community", 5, 3, 5, 3, 5, 5000, None),
    ("Sorteerders Kantamanto", "Informele sector", 4, 5, 3, 4, 4, 30000, None),
    ("Chauffeurs Oost-Europa", "Workers in the value chain", 3, 3, 2, 4, 4, 150, date(2026, 1, 8)),
    ("Havenwerkers Rotterdam", "Workers in the value chain", 2, 2, 1, 2, 2, 90, None),
    ("Kinderen katoenpluk", "Kinderen", 5, 3, 5, 2, 5, 1000, None),
    ("Omwonenden Tirupur", "Affected community", 3, 4, 4, 3, 3, 8000, None),
    ("Bewoners Shitalakshya", "Affected community", 4, 4, 4, 3, 4, 15000, None),
    ("Vrouwencomité Dhaka", "Worker representatives", 3, 2, 2, 3, 3, 12, date(2026, 5, 5)),
    ("Stichting Eerlijke Draad", "NGO", 1, 1, 1, 1, 1, None, date(2026, 6, 1)),
    ("Journalist Dhaka", "Media", 1, 1, 1, 1, 2, None, None),
]

# Google Sheets: name, group, country, the five scores as written, notes (some multi-line)
SHEETS = [
    (
        "Garment workers, Dhaka",
        "Workers",
        "Bangladesh",
        "4",
        "4",
        "5",
        "4",
        "5",
        "Met in March.\nWages below living wage; overtime in peak weeks.",
    ),
    ("Union NGWF", "Trade union", "Bangladesh", "3", "3", "2", "n.v.t.", "3", ""),
    (
        "Dyehouse neighbours",
        "Affected community",
        "Bangladesh",
        "4",
        "?",
        "4",
        "3",
        "4",
        "River water coloured.\nAsk Nodi Bachao for data.",
    ),
    ("Cotton farmers", "Workers", "India", "?", "?", "?", "?", "4", "Not assessed yet"),
    ("Home workers", "Workers", "India", "4", "2", "3", "4", "5", ""),
    (
        "Fair Thread",
        "NGO",
        "Netherlands",
        "n.v.t.",
        "n.v.t.",
        "n.v.t.",
        "n.v.t.",
        "n.v.t.",
        "Expert, not affected",
    ),
    ("Port workers", "Workers", "Netherlands", "2", "2", "1", "2", "2", ""),
    (
        'Refugees ("Syrian workers")',
        "Rights holders",
        "Turkey",
        "5",
        "3",
        "4",
        "4",
        "5",
        "Through interpreter;\nsee report",
    ),
]

# the CRM: date, time, party, kind as the CRM calls it, subject, summary, next step, status
REGISTERED = [
    "Naaisters bij confectiefabriek Dhaka Stitch",
    "Bond van Textielwerkers Gazipur",
    "Stichting Eerlijke Draad",
    "Omwonenden van de ververij langs de Shitalakshya",
    "Shramik Alo (lokale ngo voor arbeidsrechten)",
    "Directie Dhaka Stitch Ltd",
]
OUTSIDE = [
    "Vakbond FNV Textiel",
    "Gemeente Narayanganj",
    "Buurtcomité Shitalakshya-oever",
    "Coöperatie Katoen Gujarat",
]
KINDS = ["Telefonisch", "Bezoek", "E-mail", "Overleg", "Bedrijfsbezoek", "Gebeld",
         "Videogesprek", "Telefoon"]  # fmt: skip
SUBJECTS = ["Lonen", "Overuren", "Afvalwater", "Veiligheid", "Vakbondsvrijheid"]


def crm_rows() -> list[list[str]]:
    """30 contacts from January to October 2026: 18 with parties in the register, 12 with
    four parties that are not; half with a next step, open or done."""
    rows = []
    for i in range(30):
        day = date(2026, 1 + i * 10 // 30, 1 + (i * 7) % 27)
        party = OUTSIDE[i % 4] if i % 5 in (1, 3) else REGISTERED[i % 6]
        kind = KINDS[i % len(KINDS)]
        subject = SUBJECTS[i % len(SUBJECTS)]
        summary = f"{subject}: gesprek {i + 1} met {party.split(' (')[0]}"
        step = f"Terugkoppeling {subject.lower()} sturen" if i % 2 == 0 else ""
        status = "Afgerond" if i % 3 == 0 else "Open"
        rows.append([day.strftime("%d-%m-%Y"), f"{9 + i % 8:02d}:{(i * 15) % 60:02d}", party,
                     kind, subject, summary, step, status])  # fmt: skip
    return rows


def excel_csv(path: Path, rows: list[list[object]]) -> None:
    """What Excel writes as 'CSV (gescheiden door lijstscheidingsteken)' with Dutch settings."""
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode("cp1252"))


def register_ten() -> None:
    headings = ["Stakeholder", "Groep", "Land", "Severity (1-10)", "Scope (1-10)",
                "Onherstelbaarheid (1-10)", "Kans (1-10)", "Kwetsbaarheid (1-10)"]  # fmt: skip
    excel_csv(STAKEHOLDERS / "nl-register-1-10.csv", [headings, *map(list, TEN)])


def register_seven() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Stakeholders"
    sheet.append(["Stakeholder", "Category", "Severity (1–7)", "Scope /7", "Irremediability (1-7)",
                  "Likelihood (1 to 7)", "Vulnerability (1-7)"])  # fmt: skip
    for row in SEVEN:
        sheet.append(list(row))
    book.save(STAKEHOLDERS / "en-register-1-7.xlsx")


def register_grouped() -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet.append(["Stakeholderanalyse 2026", None, None, None, None, None, None, None, None])
    sheet.append([None, None, "Ernst", None, None, None, None, None, None])
    sheet.append(["Organisatie / persoon", "Type", "Schaal", "Reikwijdte", "Onomkeerbaarheid",
                  "Waarschijnlijkheid", "Kwetsbaarheid", "Aantal getroffen",
                  "Laatste contact"])  # fmt: skip
    sheet.merge_cells("C2:E2")
    for cell in (*sheet[2], *sheet[3]):
        cell.font = Font(bold=True)
    for row in GROUPED:
        sheet.append(list(row))
        sheet.cell(sheet.max_row, 8).number_format = "#,##0"
        sheet.cell(sheet.max_row, 9).number_format = "dd-mm-yyyy"
    book.save(STAKEHOLDERS / "nl-groepsrij-organisatie-persoon.xlsx")


def google_sheets() -> None:
    """File > Download > Comma-separated values: UTF-8 without BOM, CRLF, empty columns the
    sheet once used kept as trailing commas."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["Name", "Stakeholder group", "Country", "Scale", "Scope", "Irremediability",
                     "Likelihood", "Vulnerability", "Notes", "", "", ""])  # fmt: skip
    for row in SHEETS:
        writer.writerow([*row, "", "", ""])
    writer.writerow([""] * 12)
    (STAKEHOLDERS / "google-sheets-export.csv").write_bytes(text.getvalue().encode("utf-8"))


def crm_export() -> None:
    headings = ["Datum", "Tijd", "Stakeholder", "Soort contact", "Onderwerp", "Samenvatting",
                "Vervolgactie", "Status"]  # fmt: skip
    excel_csv(ENGAGEMENT / "crm-contacten.csv", [headings, *crm_rows()])


def main() -> None:
    STAKEHOLDERS.mkdir(exist_ok=True)
    ENGAGEMENT.mkdir(exist_ok=True)
    register_ten()
    register_seven()
    register_grouped()
    google_sheets()
    crm_export()


if __name__ == "__main__":
    main()
