"""Regenerate ``docs/screenshots/study-*.png``: each study question type in the real window.

    python -m tools.study_screenshots [--size 1366x768] [--out docs/screenshots]

The study progress file is a throw-away one in a temp folder, pre-filled with
ten days of simulated answers so the progress chart has something to show (the
user's own progress file is never touched). Run under ``xvfb-run`` for real
fonts, or offscreen.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.domain.anatomy import point_positions
from app.domain.decks import Deck, QuestionType, build_decks
from app.domain.loader import load_catalog
from app.domain.progress_store import ProgressStore
from app.domain.schedule import CardState, Grade, review
from app.paths import catalog_path


def _simulate_history(path: Path, catalog, days: int = 10) -> None:
    """Ten days of a student's answers, improving over time (deterministic)."""
    rng = random.Random(5)
    cards = build_decks(catalog)
    store = ProgressStore.open(path)
    states: dict[str, CardState] = {}
    start = datetime.now(UTC) - timedelta(days=days)
    for day in range(days):
        when = start + timedelta(days=day)
        for card in rng.sample(cards, 12):
            right = rng.random() < 0.45 + 0.05 * day
            grade = Grade.GOOD if right else Grade.AGAIN
            state = review(states.get(card.id, CardState(card.id)), grade, when)
            states[card.id] = state
            store.record(card, grade, state, None)
            when += timedelta(minutes=1)
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from app.domain.settings import Setting
    from app.ui import study_workspace
    from app.ui.main_window import MainWindow
    from app.ui.settings_store import Settings
    from app.ui.theme import Theme, apply_theme

    theme = Theme(args.theme)
    apply_theme(app, theme)
    catalog = load_catalog(catalog_path())
    suffix = "" if theme == Theme.LIGHT else "-dark"
    with tempfile.TemporaryDirectory(prefix="yaotong-study-shot-") as tmp:
        store = Path(tmp) / "study.sqlite3"
        _simulate_history(store, catalog)
        study_workspace.default_store_path = lambda: store  # never the user's own file
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        Settings(settings)[Setting.THEME] = theme
        window = MainWindow(catalog, settings)
        window.resize(width, height)
        window.show()
        tabs = window.workspaces
        index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Study")
        tabs.setCurrentIndex(index)
        study = tabs.widget(index)
        assert isinstance(study, study_workspace.StudyWorkspace)

        def shot(name: str) -> None:
            for _ in range(6):
                app.processEvents()
            target = args.out / f"study-{name}{suffix}.png"
            window.grab().save(str(target))
            print(target)

        args.out.mkdir(parents=True, exist_ok=True)
        shot("start")
        # One card of each kind, chosen so the pictures say something: BL23 is the example
        # of a landmark rule (the L2 level and 1.5 cun from the midline).
        by_id = {c.id: c for c in study.cards}
        choice = next(
            c for c in study.cards if c.qtype == QuestionType.CHOICE and c.deck == Deck.PATTERN_SIGNS
        )
        vignette = next(c for c in study.cards if c.deck == Deck.VIGNETTE)
        study.start_session([choice, by_id["point_location:BL23"], by_id["locate:BL23"], vignette])
        study.answer_key((choice.correct_index + 1) % len(choice.choices) + 1)  # a wrong answer
        shot("choice")
        study.go_on()
        study.flip()
        shot("flashcard")
        study.answer_key(3)
        study.go_on()
        shot("locate-question")
        x, y = point_positions(catalog.points["BL23"], "back")[0]
        assert study.diagram is not None  # built by the locate question
        study.diagram.bodyClicked.emit("back", x + 0.4, y + 0.5)  # a near miss, as a click would report it
        shot("locate")
        study.go_on()
        study.answer_key(vignette.correct_index + 1)
        shot("vignette")
        window.hide()
        app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
