"""The stakeholder register (steps 3 and 5a): records, import, prioritisation, tables, plots."""
