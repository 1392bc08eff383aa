"""dialoog: a guided workbook for SER's plan for a meaningful stakeholder dialogue."""

__version__ = "0.1.0"
