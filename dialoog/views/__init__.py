"""ipywidgets views: they display and edit a `Session`'s workbook and hold no state of their own."""
