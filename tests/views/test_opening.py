"""Opening fast: the workbook's first page is built without the modules only other pages need
(pandas and matplotlib come with the plan's page), and a preheated kernel imports and reads all
of that before a visitor arrives. Figures: benchmarks/app.py (no time is asserted here)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from dialoog.paths import REPO_ROOT
from dialoog.web import preheating

PROBE = """
import json, sys, tempfile, os
os.environ["DIALOOG_DATA_DIR"] = tempfile.mkdtemp()
from dialoog.session import open_session
from dialoog.views.app import WorkbookApp
app = WorkbookApp(open_session())
app.show("1")
before = {m: m in sys.modules for m in ("pandas", "matplotlib", "dialoog.plan.view")}
from dialoog.pages import warm_up
warm_up()
after = {m: m in sys.modules for m in ("pandas", "matplotlib", "dialoog.plan.view")}
app.show("plan")
print(json.dumps([before, after]))
"""


def test_the_first_pages_need_neither_pandas_nor_matplotlib_and_warming_up_brings_them():
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("VOILA_PREHEAT", None)
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         env=env, cwd=REPO_ROOT, timeout=120, check=True)  # fmt: skip
    before, after = json.loads(out.stdout.strip().splitlines()[-1])
    assert before == {"pandas": False, "matplotlib": False, "dialoog.plan.view": False}
    assert after == {"pandas": True, "matplotlib": True, "dialoog.plan.view": True}


def test_a_kernel_is_preheating_until_its_visitor_arrives(monkeypatch):
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    assert preheating()
    monkeypatch.setenv("QUERY_STRING", "werkboek=x")  # voila copies the request in
    assert not preheating()
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.delenv("QUERY_STRING")
    assert not preheating()


def test_a_visitors_kernel_warms_up_once_after_the_first_page_they_choose(monkeypatch, tmp_path):
    import threading

    from dialoog import pages
    from dialoog.session import open_session
    from dialoog.views.app import WorkbookApp

    monkeypatch.setenv("DIALOOG_DATA_DIR", str(tmp_path))
    calls = []
    done = threading.Event()
    monkeypatch.setattr(pages, "warm_up", lambda: (calls.append(1), done.set()))
    app = WorkbookApp(open_session())
    pages._warm_after_first_choice(app)
    assert not calls  # the start page loads alone
    app.show("1")
    assert done.wait(30)
    app.show("2")
    app.show("organisation")
    for thread in [t for t in threading.enumerate() if t.name == "dialoog-warm-up"]:
        thread.join(30)  # a second timer, had one been started, would have run by now
    assert calls == [1]


def test_a_page_is_not_built_while_the_warm_up_imports(monkeypatch, tmp_path):
    """Two threads importing modules that import each other can see one half initialised:
    a page chosen during the warm-up waits for it."""
    import threading

    from dialoog.session import open_session
    from dialoog.views.app import PAGE_IMPORTS, WorkbookApp

    monkeypatch.setenv("DIALOOG_DATA_DIR", str(tmp_path))
    app = WorkbookApp(open_session())
    with PAGE_IMPORTS:  # as warm_up holds it
        chooser = threading.Thread(target=app.show, args=("organisation",))
        chooser.start()
        chooser.join(0.5)
        assert chooser.is_alive() and app.page == "home"
    chooser.join(30)
    assert app.page == "organisation"
