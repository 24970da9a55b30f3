"""Intake commands: ``intake`` (differentiation as JSON) and ``plan`` (PDF sheet, handout, plan file).

``intake`` is pure Python. ``plan`` needs Qt only to write PDFs; it starts a
QApplication on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from app.domain.errors import DataFileError
from app.domain.intake import (
    UnknownIdError,
    differentiate,
    differentiation_json,
    factors,
    red_flag_banner,
    red_flags,
)
from app.domain.loader import load_catalog
from app.domain.models import Catalog
from app.paths import catalog_path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    intake = subparsers.add_parser(
        "intake",
        help="rank the four patterns from checked signs (a suggestion, not a diagnosis)",
        description="Score each pattern from the checked signs with the catalog's weights and print the "
        "ranking with reasons (matched signs, missing key signs), the chief and secondary pattern, and the "
        "patient factors and red flags.",
    )
    intake.add_argument("--sign", action="append", default=[], metavar="ID", help="a checked sign id")
    intake.add_argument("--factor", action="append", default=[], metavar="ID", help="a patient factor id")
    intake.add_argument("--red-flag", action="append", default=[], metavar="ID", help="a red flag id")
    intake.add_argument("--age", type=_age, metavar="YEARS", help="the patient's age (recorded, echoed)")
    intake.add_argument("--json", action="store_true", required=True, help="print JSON (the only format)")
    intake.set_defaults(func=run_intake)

    plan = subparsers.add_parser(
        "plan",
        help="build a safety-checked plan: treatment sheet PDF, aftercare handout PDF, plan file",
        description="Merge the prescriptions of the given patterns and pain zones, filter them for the "
        "patient factors (contraindicated points and techniques are left out, with the reason), and write "
        "the treatment sheet, the aftercare handout and/or the plan file.",
    )
    plan.add_argument("--pattern", action="append", required=True, metavar="ID", help="a pattern id")
    plan.add_argument("--zone", action="append", default=[], metavar="ID", help="a pain-map zone id")
    plan.add_argument("--factor", action="append", default=[], metavar="ID", help="a patient factor id")
    plan.add_argument("--red-flag", action="append", default=[], metavar="ID", help="a red flag id")
    plan.add_argument("--age", type=_age, metavar="YEARS", help="the patient's age (printed on the sheet)")
    plan.add_argument("--label", default="", help="case label (never a patient name)")
    plan.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="write the treatment sheet")
    plan.add_argument("--handout", type=Path, metavar="OUT.pdf", help="write the aftercare handout")
    plan.add_argument("--save", type=Path, metavar="OUT.yaotong", help="save the plan file")
    plan.set_defaults(func=run_plan)


def _age(text: str) -> int:
    from app.domain.plan import age_problem

    try:
        years = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected whole years, got {text!r}") from None
    if problem := age_problem(years):
        raise argparse.ArgumentTypeError(problem)
    return years


def _catalog() -> Catalog | None:
    try:
        return load_catalog(catalog_path())
    except DataFileError as exc:
        print(exc, file=sys.stderr)
        return None


def run_intake(args: argparse.Namespace) -> int:
    catalog = _catalog()
    if catalog is None:
        return 1
    try:
        result = differentiate(catalog, args.sign)
        chosen_factors = factors(catalog, args.factor)
        flags = red_flags(catalog, args.red_flag)
    except UnknownIdError as exc:
        print(f"yaotong intake: {exc}", file=sys.stderr)
        return 2
    data = differentiation_json(catalog, result)
    data["age"] = args.age
    data["factors"] = [{"id": f.id, "label": f.label} for f in chosen_factors]
    data["red_flags"] = [{"id": f.id, "label": f.label, "reason": f.reason} for f in flags]
    data["red_flag_banner"] = red_flag_banner(flags) if flags else None
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def run_plan(args: argparse.Namespace) -> int:
    from app.domain.plan import build_plan
    from app.domain.plan_file import save_plan

    catalog = _catalog()
    if catalog is None:
        return 1
    if not (args.pdf or args.handout or args.save):
        print("yaotong plan: nothing to write: give --pdf, --handout and/or --save", file=sys.stderr)
        return 2
    try:
        plan = build_plan(
            catalog,
            case_label=args.label,
            age=args.age,
            patterns=tuple(args.pattern),
            zones=tuple(args.zone),
            factors=tuple(args.factor),
            red_flags=tuple(args.red_flag),
        )
    except UnknownIdError as exc:
        print(f"yaotong plan: {exc}", file=sys.stderr)
        return 2
    try:
        if args.save:
            save_plan(plan, args.save)
            print(f"saved {args.save}")
        if args.pdf or args.handout:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from PySide6.QtWidgets import QApplication

            from app.ui.plan_export import export_handout, export_treatment_sheet

            _app = QApplication.instance() or QApplication([sys.argv[0]])
            if args.pdf:
                print(f"wrote {export_treatment_sheet(catalog, plan, args.pdf)}")
            if args.handout:
                print(f"wrote {export_handout(catalog, plan, args.handout)}")
    except OSError as exc:
        print(f"yaotong plan: {exc}", file=sys.stderr)
        return 1
    for p in plan.left_out():
        print(f"left out {p.code}: " + " ".join(c.text for c in p.contraindications))
    for t in plan.techniques:
        if not t.included:
            print(f"left out technique {t.id}: " + " ".join(c.text for c in t.contraindications))
    if plan.red_flags:
        print(red_flag_banner(red_flags(catalog, plan.red_flags)), file=sys.stderr)
    return 0
