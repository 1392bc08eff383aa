"""Safe text, notices and download links."""

from __future__ import annotations

import base64

from dialoog.ui import DownloadLink, Notice, text_html


def test_text_html_escapes_everything():
    out = text_html('<script>alert("x")</script> & <img src=x onerror=alert(1)>')
    assert out == (
        "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "&lt;img src=x onerror=alert(1)&gt;</p>"
    )


def test_text_html_makes_paragraphs_and_bullets():
    text = "Eerste regel\ngaat door.\n\n- een\n- <twee>\n\r\nSlot"
    assert text_html(text) == (
        "<p>Eerste regel gaat door.</p><ul><li>een</li><li>&lt;twee&gt;</li></ul><p>Slot</p>"
    )


def test_text_html_of_nothing_is_nothing():
    assert text_html("") == "" and text_html("\n\n  \n") == ""


def test_text_html_keeps_a_mixed_block_as_a_paragraph():
    assert text_html("Intro:\n- een") == "<p>Intro: - een</p>"


def test_notice_escapes_its_message():
    notice = Notice()
    notice.show("<b>Let op</b> & <script>x</script>", "error")
    assert "<b>" not in notice.value and "<script>" not in notice.value
    assert "&lt;b&gt;Let op&lt;/b&gt;" in notice.value
    assert 'role="alert"' in notice.value and notice.kind == "error"
    assert notice.text == "<b>Let op</b> & <script>x</script>"


def test_notice_clear_empties_it():
    notice = Notice()
    notice.show("Gelukt", "success")
    assert 'role="status"' in notice.value
    notice.clear()
    assert notice.value == "" and notice.text == "" and notice.kind == ""


def test_download_link_carries_the_data_and_escapes_the_name():
    link = DownloadLink()
    link.set('a"><b>.json', b"\x00\x01{}", "application/json", "<Download>")
    assert '"><b>' not in link.value and "<Download>" not in link.value
    encoded = link.value.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(encoded) == b"\x00\x01{}"
    link.clear()
    assert link.value == "" and link.data == b""
