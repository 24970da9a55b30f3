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

from app.domain.decks import QuestionType, build_decks
from app.domain.loader import load_catalog
from app.domain.locate import true_positions
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
    from app.ui import study_workspace
    from app.ui.main_window import MainWindow
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
        settings.setValue("appearance/theme", theme.value)
        window = MainWindow(catalog, settings)
        window.resize(width, height)
        window.show()
        tabs = window.workspaces
        index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Study")
        tabs.setCurrentIndex(index)
        study = tabs.widget(index)

        def shot(name: str) -> None:
            for _ in range(6):
                app.processEvents()
            target = args.out / f"study-{name}{suffix}.png"
            window.grab().save(str(target))
            print(target)

        args.out.mkdir(parents=True, exist_ok=True)
        shot("start")
        study.start_session()
        wanted = {
            QuestionType.CHOICE: "choice",
            QuestionType.FLASHCARD: "flashcard",
            QuestionType.LOCATE: "locate",
        }
        for _ in range(60):
            card = study.current_card
            if card is None or not wanted:
                break
            name = wanted.pop(card.qtype, None)
            if card.qtype == QuestionType.FLASHCARD:
                study.flip()
                if name:
                    shot(name)
                study.answer_key(3)
            elif card.qtype == QuestionType.CHOICE:
                wrong = (card.correct_index + 1) % len(card.choices)
                study.answer_key(wrong + 1)
                if name:
                    shot(name)
            else:
                if name:
                    shot(f"{name}-question")
                    point = catalog.points[card.point]
                    x, y = true_positions(point, card.view)[0]
                    study.diagram.bodyClicked.emit(card.view, x + 0.4, y + 0.5)  # a near miss
                    shot(name)
                else:
                    study.go_on()
            study.go_on()
        window.hide()
        app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
