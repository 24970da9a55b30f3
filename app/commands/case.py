"""Case book commands: ``yaotong case new|visit|show|list|report|export|import`` (see docs/case-format.md).

Every command takes ``--db FILE`` (default: ``casebook.sqlite3`` in the user's data
directory, the file the window uses). Only ``report`` needs Qt (to write the PDF); it
starts a QApplication on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
Exit status: 0 done, 1 a file could not be read or written, 2 a wrong argument.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.catalog import write_utf8
from app.domain.case_book import FILE_NAME, CaseBook, CaseBookError, CaseBookUnavailable
from app.domain.case_file import CaseFileError, show_document
from app.domain.course import Activity, PointUsed, Prescription, Visit, function_score
from app.domain.errors import DataFileError
from app.domain.loader import load_catalog
from app.domain.models import Catalog
from app.domain.plan_file import load_plan
from app.domain.vocabulary import NeedleMethod
from app.paths import catalog_path, user_data_dir

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def default_db() -> Path:
    return user_data_dir() / FILE_NAME


def register(subparsers: Subparsers) -> None:
    case = subparsers.add_parser(
        "case",
        help="the case book: cases (by label, never a patient name), visits, the course review, reports",
        description="Keep a course of treatment: cases by label only (never a patient's name), each with "
        "its plan and visits; the change from baseline against the catalog's minimal important change; "
        "whether the reassessment point has come without improvement. See docs/case-format.md.",
    )
    commands = case.add_subparsers(dest="case_command", metavar="COMMAND", required=True)

    new = _command(commands, "new", "start a case", run_new)
    new.add_argument("label", help="the case label (a code or short description, never the patient's name)")
    new.add_argument("--plan", type=Path, metavar="FILE.yaotong", help="the case's plan (a plan file)")

    visit = _command(commands, "visit", "record a visit", run_visit)
    visit.add_argument("label")
    visit.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD", help="the visit's date")
    visit.add_argument("--nrs", required=True, type=int, metavar="N", help="pain now, 0-10")
    visit.add_argument("--nrs-worst", type=int, metavar="N", help="worst pain, 0-10")
    visit.add_argument("--nrs-average", type=int, metavar="N", help="average pain, 0-10")
    visit.add_argument("--function", type=float, metavar="N", help="patient-specific functional scale score")
    visit.add_argument(
        "--activity",
        action="append",
        default=[],
        metavar="NAME=RATING",
        help="a function activity the patient named and its rating 0-10 (the score is their average)",
    )
    visit.add_argument("--gROC", "--groc", dest="groc", type=int, metavar="N", help="global rating of change")
    visit.add_argument(
        "--point",
        action="extend",
        nargs="+",
        default=[],
        metavar="CODE[:METHOD]",
        help="points used (method: tonify, reduce, even, moxibustion, electro; default: as last time or "
        "in the plan, else even)",
    )
    visit.add_argument("--technique", action="append", default=[], metavar="ID", help="a technique used")
    visit.add_argument(
        "--same",
        action="store_true",
        help="the same points and techniques as last time (the plan's for a first visit), before --point",
    )
    visit.add_argument("--reaction", action="append", default=[], metavar="ID", help="a side-effect line id")
    visit.add_argument("--reaction-notes", default="", metavar="TEXT")
    visit.add_argument("--red-flag", action="append", default=[], metavar="ID", help="a red flag present now")
    visit.add_argument("--flag-action", default="", metavar="TEXT", help="how a red flag was handled")
    visit.add_argument("--factor", action="append", default=[], metavar="ID", help="a patient factor now")
    visit.add_argument(
        "--checked", action="store_true", help="the red flags and patient factors were asked at this visit"
    )
    visit.add_argument("--notes", default="", metavar="TEXT")

    show = _command(commands, "show", "the case, its visits and the course review as JSON", run_show)
    show.add_argument("label")
    show.add_argument("--json", action="store_true", required=True, help="as JSON (the only format)")

    listing = _command(commands, "list", "the cases, one a line (or JSON)", run_list)
    listing.add_argument("--json", action="store_true", help="as JSON")

    report = _command(commands, "report", "the progress report as PDF", run_report)
    report.add_argument("label")
    report.add_argument("--pdf", required=True, type=Path, metavar="OUT.pdf")

    export = _command(commands, "export", "cases as JSON (or the outcome rows as CSV)", run_export)
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("--label", action="append", default=None, metavar="LABEL", help="only this case")
    export.add_argument("--csv", action="store_true", help="the outcome rows as CSV instead")

    imported = _command(commands, "import", "add the cases of an export file", run_import)
    imported.add_argument("file", type=Path, metavar="FILE")


def _command(commands: Subparsers, name: str, text: str, func: object) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
    parser.add_argument(
        "--db", type=Path, default=None, metavar="FILE", help=f"the case book (default: {default_db()})"
    )
    parser.set_defaults(func=func)
    return parser


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _fail(message: str, status: int = 1) -> int:
    print(f"yaotong case: {message}", file=sys.stderr)
    return status


def _open(args: argparse.Namespace) -> tuple[Catalog, CaseBook]:
    catalog = load_catalog(catalog_path())
    book = CaseBook.open(args.db or default_db(), catalog)
    if book.notice:
        print(book.notice, file=sys.stderr)
    return catalog, book


def _run(args: argparse.Namespace, body: object) -> int:
    """Open the catalog and the case book, run ``body(catalog, book)``, turn known errors into messages."""
    try:
        catalog, book = _open(args)
    except DataFileError as exc:
        return _fail(str(exc))
    except CaseBookUnavailable as exc:
        return _fail(str(exc))
    try:
        return int(body(catalog, book))  # type: ignore[operator]
    except KeyError as exc:
        return _fail(f"no case {exc.args[0]!r} in {book.path} (yaotong case list)", 2)
    except CaseBookError as exc:
        return _fail("\n".join(exc.problems), 2)
    except (DataFileError, OSError, sqlite3.Error) as exc:
        return _fail(str(exc))
    finally:
        book.close()


def run_new(args: argparse.Namespace) -> int:
    def body(catalog: Catalog, book: CaseBook) -> int:
        plan = load_plan(catalog, args.plan) if args.plan else None
        book.new_case(args.label, plan)
        print(f"new case {args.label!r} in {book.path}" + (f" with the plan {args.plan}" if plan else ""))
        return 0

    return _run(args, body)


def _points(given: list[str], start: Prescription, methods: dict[str, NeedleMethod]) -> list[PointUsed]:
    """``start``'s points, then each ``CODE[:METHOD]`` given (a method: as given, as last time or in
    the plan, else even)."""
    points = {p.code: p for p in start.points}
    for item in given:
        code, _, method = item.partition(":")
        if method and method not in {m.value for m in NeedleMethod}:
            raise CaseBookError([f"--point {item}: unknown method '{method}'"])
        points[code] = PointUsed(
            code, NeedleMethod(method) if method else methods.get(code, NeedleMethod.EVEN)
        )
    return list(points.values())


def _activities(given: list[str]) -> list[Activity]:
    out = []
    for item in given:
        name, sep, rating = item.rpartition("=")
        if not sep or not name.strip() or not rating.strip().lstrip("-").isdigit():
            raise CaseBookError([f"--activity {item!r}: expected NAME=RATING, e.g. 'Sitting 1 hour=4'"])
        out.append(Activity(name.strip(), int(rating)))
    return out


def run_visit(args: argparse.Namespace) -> int:
    def body(catalog: Catalog, book: CaseBook) -> int:
        case = book.case(args.label)
        plan = book.plan(case)
        planned = Prescription.of_plan(plan) if plan is not None else Prescription()
        last = Prescription.of_visit(case.visits[-1]) if case.visits else planned
        methods = {p.code: p.method for p in (*planned.points, *last.points)}
        start = last if args.same else Prescription()
        activities = _activities(args.activity)
        function = args.function
        if activities and function is None:
            function = function_score(activities)
        visit = Visit(
            day=args.date,
            pain_now=args.nrs,
            pain_worst=args.nrs_worst,
            pain_average=args.nrs_average,
            function=function,
            activities=tuple(activities),
            groc=args.groc,
            points=tuple(_points(args.point, start, methods)),
            techniques=tuple(dict.fromkeys((*start.techniques, *args.technique))),
            reactions=tuple(args.reaction),
            reaction_notes=args.reaction_notes,
            red_flags=tuple(args.red_flag),
            factors=tuple(args.factor),
            safety_checked=args.checked,
            flag_action=args.flag_action,
            notes=args.notes,
        )
        book.add_visit(args.label, visit)
        count = len(case.visits) + 1
        print(f"visit {count} of {args.label!r} on {args.date.isoformat()} recorded")
        if not args.checked:
            print(
                "note: the red flags and the safety check were not recorded as asked (--checked)",
                file=sys.stderr,
            )
        return 0

    return _run(args, body)


def run_show(args: argparse.Namespace) -> int:
    def body(catalog: Catalog, book: CaseBook) -> int:
        case = book.case(args.label)
        data = show_document(catalog, case, book.plan(case), book.course(case))
        write_utf8(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0

    return _run(args, body)


def run_list(args: argparse.Namespace) -> int:
    def body(catalog: Catalog, book: CaseBook) -> int:
        summaries = book.summaries()
        if args.json:
            rows = [
                {
                    "label": s.label,
                    "visits": s.visits,
                    "first": s.first.isoformat() if s.first else None,
                    "last": s.last.isoformat() if s.last else None,
                }
                for s in summaries
            ]
            write_utf8(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        else:
            for s in summaries:
                span = f"{s.first} to {s.last}" if s.first else "no visits"
                write_utf8(f"{s.label}\t{s.visits} visit{'s' if s.visits != 1 else ''}\t{span}\n")
        return 0

    return _run(args, body)


def run_report(args: argparse.Namespace) -> int:
    def body(catalog: Catalog, book: CaseBook) -> int:
        case = book.case(args.label)
        plan, course = book.plan(case), book.course(case)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from app.ui.case_report import export_progress_report

        _app = QApplication.instance() or QApplication([sys.argv[0]])
        print(f"wrote {export_progress_report(catalog, case, plan, course, args.pdf)}")
        return 0

    return _run(args, body)


def run_export(args: argparse.Namespace) -> int:
    def body(catalog: Catalog, book: CaseBook) -> int:
        for label in args.label or ():
            book.case(label)  # KeyError: no such case
        export = book.export_csv if args.csv else book.export_json
        path = export(args.file, args.label)
        count = len(args.label) if args.label else len(book.labels())
        print(f"wrote {path} ({count} case{'s' if count != 1 else ''})")
        return 0

    return _run(args, body)


def run_import(args: argparse.Namespace) -> int:
    def body(catalog: Catalog, book: CaseBook) -> int:
        try:
            result = book.import_json(args.file)
        except CaseFileError as exc:
            return _fail(f"nothing was imported:\n{exc}")
        for label in result.added:
            print(f"imported {label!r}")
        for old, new in result.renamed:
            print(f"{old!r} is already a different case here: imported as {new!r}")
        for label in result.unchanged:
            print(f"{label!r} is already here, identical: left as it is")
        return 0

    return _run(args, body)
