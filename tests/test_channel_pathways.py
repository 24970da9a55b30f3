"""Each channel's pathway in words (no Qt): present for the fourteen, cited, and naming only its own
channel's points; a pathway citing a source the catalog does not have is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.channels import channel_ids, channel_points
from app.domain.loader import CatalogError, load_catalog_text

FOURTEEN = ("LU", "LI", "ST", "SP", "HT", "SI", "BL", "KI", "PC", "TE", "GB", "LR", "GV", "CV")
# A WHO code as it may appear in prose (BL23, EX-B2); ids of channels alone (BL, GV) are not codes.
CODE_IN_TEXT = re.compile(r"\b(?:EX-[A-Z]{1,3}[0-9]{1,2}|[A-Z]{2}[0-9]{1,2})\b")
VALID = Path(__file__).parent / "broken" / "valid.yaml"


def test_the_fourteen_are_the_channels_with_a_course(catalog) -> None:
    assert set(channel_ids(catalog)) == set(FOURTEEN)


@pytest.mark.parametrize("cid", FOURTEEN)
def test_every_channel_has_a_cited_pathway(catalog, cid: str) -> None:
    pathway = catalog.channels[cid].pathway
    assert pathway is not None, f"{cid} has no pathway"
    assert pathway.sources and set(pathway.sources) <= set(catalog.sources)
    assert "gm_zjs" in pathway.sources  # the Guangming 针灸学 course it paraphrases
    sentences = len(re.findall(r"\.(?:\s|$)", pathway.text))
    assert 3 <= sentences <= 6, f"{cid}: {sentences} sentences"  # the brief's 3 to 6: short on screen


@pytest.mark.parametrize("cid", FOURTEEN)
def test_a_pathway_names_only_its_own_channels_points(catalog, cid: str) -> None:
    pathway = catalog.channels[cid].pathway
    assert pathway is not None
    foreign = set(CODE_IN_TEXT.findall(pathway.text)) - set(channel_points(catalog, cid))
    assert foreign == set(), f"{cid} names points of other channels"


@pytest.mark.parametrize("cid", FOURTEEN)
def test_a_channel_has_its_simplified_name(catalog, cid: str) -> None:
    channel = catalog.channels[cid]
    assert channel.simplified and len(channel.simplified) == len(channel.chinese)
    assert channel.simplified[-1] in "经脉" and channel.chinese[-1] in "經脈"


def test_a_pathway_with_an_unknown_source_is_refused_naming_file_line_and_field() -> None:
    text = VALID.read_text(encoding="utf-8")
    bladder = "    chinese: 足太陽膀胱經\n    sources: [book]\n"
    assert bladder in text
    pathway = "    pathway:\n      text: Starts at the eye.\n      sources: [book, nobook]\n"
    broken = text.replace(bladder, bladder + pathway)
    with pytest.raises(CatalogError) as caught:
        load_catalog_text(broken, "pathway.yaml")
    (problem,) = caught.value.problems
    line = broken.splitlines().index("      sources: [book, nobook]") + 1
    assert problem.file == "pathway.yaml" and problem.line == line
    assert str(problem).endswith("channels.BL.pathway.sources[1]: unknown source 'nobook'")
