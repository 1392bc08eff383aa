"""The plan of approach as a document (HTML, Word) and the follow-up it promises (steps 8b–9b).

`document` builds one language-resolved outline of the plan from a workbook; `html` and `docx`
render it. `records` holds the follow-up data stored in the workbook (agreements, feedback
letter, evaluations); `agreements`, `evaluation` and `checklists` compute with it.
"""
