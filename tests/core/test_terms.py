"""One name for one thing across the interface: what the workbook calls step 0 is what the
workshop, the plan and every other page call it."""

from __future__ import annotations

import re

from dialoog.i18n import catalogue


def test_step_0_has_one_name_in_dutch():
    texts = [m.nl for m in catalogue().values()]
    assert any("Self-assessment" in text for text in texts)
    assert not [text for text in texts if re.search(r"zelfscan|zelf-scan", text, re.I)]
