"""``plain.esc``, the escape of every catalog and user string put into HTML, is ``html.escape``'s."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from app.ui.plain import esc


@given(st.text(alphabet=st.sampled_from("&<>\"'a腰;#\x00\n") | st.characters(), max_size=40))
def test_esc_is_html_escape(text: str) -> None:
    assert esc(text) == html.escape(text, quote=True)


def test_esc_of_markup_is_inert_text() -> None:
    shown = esc("<img src='x' onerror=\"y\">&amp;")
    assert shown == "&lt;img src=&#x27;x&#x27; onerror=&quot;y&quot;&gt;&amp;amp;"
    assert esc(23) == "23"
