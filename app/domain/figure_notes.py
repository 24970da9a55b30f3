"""Names written beside the landmarks of the whole-figure views, and each view's caption.

They are drawn by the widget at a constant pixel size (not into the SVG, where
they would shrink with the figure and be unreadable at the size a laptop shows
the whole body). Positions are in cun, like every landmark; ``y`` is the
text's vertical centre; ``anchor`` says which end of the text sits at ``x``.

A mirror image (the left side) has only its caption here: its other names are its source's, at
``-x`` with their anchors swapped, so the text reads the right way round on the mirrored figure.
"""

from __future__ import annotations

from dataclasses import replace

from .anatomy import BACK, FRONT, LANDMARKS, LEFT, SIDE, SPINE_LEVELS, landmark_label
from .frozen import model
from .vocabulary import View


@model
class FigureNote:
    view: str
    text: str
    x: float
    y: float
    anchor: str = "start"  # "start", "middle" or "end", as in SVG
    caption: bool = False  # the view's caption: shown whenever it fits, italic
    side: bool = False  # the patient's side (R, L): shown whenever it fits, bold


def _beside(view: str, landmark_id: str, x: float, dy: float = 0.0, anchor: str = "start") -> FigureNote:
    """A landmark's short name at (x, the landmark's level + dy)."""
    return FigureNote(view, landmark_label(landmark_id), x, LANDMARKS[landmark_id].y + dy, anchor)


SIDE_CAPTION_Y = -2.2
SIDE_LETTER_Y = 0.9
FIGURE_NOTES: tuple[FigureNote, ...] = (
    FigureNote(BACK, "Back view: the patient's left is on your left", 0.0, -1.7, "middle", caption=True),
    # the patient's sides, level with the shoulders outside the arms
    FigureNote(BACK, "L", -12.4, SIDE_LETTER_Y, "start", side=True),
    FigureNote(BACK, "R", 12.4, SIDE_LETTER_Y, "end", side=True),
    FigureNote(BACK, "C7", -0.6, SPINE_LEVELS["C7"], "end"),
    FigureNote(BACK, "T3", -0.6, SPINE_LEVELS["T3"], "end"),
    _beside(BACK, "iliac_crest_top", 11.9),
    _beside(BACK, "greater_trochanter", 11.9),
    _beside(BACK, "popliteal_crease_mid", 4.9),
    _beside(BACK, "lateral_malleolus_back", 5.1),
    FigureNote(FRONT, "Front view: the patient's right is on your left", 0.0, -1.7, "middle", caption=True),
    FigureNote(FRONT, "R", -12.4, SIDE_LETTER_Y, "start", side=True),
    FigureNote(FRONT, "L", 12.4, SIDE_LETTER_Y, "end", side=True),
    _beside(FRONT, "xiphisternal_junction", 0.6),
    _beside(FRONT, "umbilicus", 0.7),
    _beside(FRONT, "pubic_symphysis_upper", 0.0, 0.8, "middle"),
    _beside(FRONT, "patella_apex", 5.3, -1.0),
    _beside(FRONT, "lateral_malleolus", 5.1),
    # the side views' captions a little higher than the others': the raised arm's elbow and hand
    # reach above the head there
    FigureNote(SIDE, "Right side: the patient faces right", 1.0, SIDE_CAPTION_Y, "middle", caption=True),
    _beside(SIDE, "side_axillary_fossa", -5.0, 0.0, "end"),
    _beside(SIDE, "side_umbilicus", 5.3),
    _beside(SIDE, "side_iliac_crest_top", -5.0, 0.0, "end"),
    _beside(SIDE, "side_greater_trochanter", -5.6, 0.0, "end"),
    _beside(SIDE, "side_middle_fingertip", 4.5),
    _beside(SIDE, "side_popliteal_crease", -3.8, 0.0, "end"),
    _beside(SIDE, "side_fibula_head", 3.0, 0.6),
    _beside(SIDE, "side_lateral_malleolus", -3.6, -1.0, "end"),
    FigureNote(LEFT, "Left side: the patient faces left", -1.0, SIDE_CAPTION_Y, "middle", caption=True),
)
_SWAPPED = {"start": "end", "end": "start", "middle": "middle"}


def notes_for(view: str) -> tuple[FigureNote, ...]:
    own = tuple(note for note in FIGURE_NOTES if note.view == view)
    source = View(view).mirror_of
    if source is None:
        return own
    mirrored = (
        replace(note, view=View(view), x=-note.x, anchor=_SWAPPED[note.anchor])
        for note in notes_for(source)
        if not note.caption
    )
    return own + tuple(mirrored)


def caption_for(view: str) -> str | None:
    """The view's caption ("Back view: the patient's left is on your left"), if it has one."""
    return next((note.text for note in FIGURE_NOTES if note.view == view and note.caption), None)
