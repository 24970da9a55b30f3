"""A channel's pathway on screen: beneath a point's "show the course" link, and as the tooltip of its
item in the Channels menu, as plain text."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtGui import QTextDocument

from app.domain.models import Sourced
from app.ui.point_detail import point_html
from app.ui.reference_workspace import ReferenceWorkspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_bl23_shows_the_bladder_pathway_and_its_source(reference: ReferenceWorkspace, catalog) -> None:
    reference.show_point("BL23")
    browser = reference.point_detail.browser
    pathway = catalog.channels["BL"].pathway
    assert pathway is not None
    shown = browser.toPlainText()
    link = shown.index("Show the course of the Bladder channel")
    assert shown.index("Cautions and contraindications") < shown.index("Needling") < link  # cautions first
    assert shown.index(pathway.text[:60]) > link  # beneath the link
    assert pathway.text[-60:] in shown  # all of it
    found = browser.document().find(pathway.text[:60])
    assert not found.isNull() and not found.charFormat().isAnchor()
    assert "src:gm_zjs" in browser.toHtml()  # its source mark, as other cited text has


def test_a_pathway_is_escaped_not_read_as_markup(catalog) -> None:
    marked = replace(catalog.channels["BL"], pathway=Sourced("Runs <b>down</b> & on.", ("gm_zjs",)))
    changed = replace(catalog, channels={**catalog.channels, "BL": marked})
    html, _ = point_html(changed, catalog.points["BL23"], dark=False)
    assert "Runs &lt;b&gt;down&lt;/b&gt; &amp; on." in html


def test_each_channel_menu_item_has_its_pathway_as_tooltip(reference: ReferenceWorkspace, catalog) -> None:
    for cid, action in reference.channel_actions.items():
        pathway = catalog.channels[cid].pathway
        assert pathway is not None
        tip = QTextDocument()
        tip.setHtml(action.toolTip())
        assert tip.toPlainText().strip() == pathway.text, cid
    assert reference.channels_menu.toolTipsVisible()
