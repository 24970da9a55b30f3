"""The body diagram: figures, point markers, channel courses, pain-map zones and locate answers.

* :mod:`.scene`: one view as a ``QGraphicsScene`` (figure, markers, names, zones, courses);
  used by both the widget and the print.
* :mod:`.view`: :class:`BodyDiagram`, the interactive widget over those scenes (zoom, pan,
  clicks, accessibility, legend).
* :mod:`.picture`: a view as a still picture without a widget (the treatment sheet).
* :mod:`.items`, :mod:`.channels`, :mod:`.answer`: the graphics items; :mod:`.legend`: the legend;
  :mod:`.tags`: where code tags go, a pure function of boxes.

Every position comes from the domain (``app.domain.anatomy.point_positions``, in cun).
"""

from app.ui.diagram.view import BodyDiagram

__all__ = ["BodyDiagram"]
