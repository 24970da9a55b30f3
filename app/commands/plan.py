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
    with_age,
)
from app.domain.loader import load_catalog
from app.domain.models import Catalog
from app.domain.vocabulary import Side
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
    intake.add_argument(
        "--age", type=_age, metavar="YEARS", help="the patient's age (age-based red-flag prompts use it)"
    )
    intake.add_argument("--json", action="store_true", required=True, help="print JSON (the only format)")
    intake.set_defaults(func=run_intake)

    plan = subparsers.add_parser(
        "plan",
        help="build a safety-checked plan: treatment sheet PDF, aftercare handout PDF, plan file",
        description="Merge the prescriptions of the given patterns and pain zones, filter them for the "
        "patient factors (contraindicated points and techniques are left out, with the reason), and write "
        "the treatment sheet, the aftercare handout and/or the plan file.",
    )
    plan.add_argument("--pattern", action="append", default=[], metavar="ID", help="a pattern id")
    plan.add_argument(
        "--sign", action="append", default=[], metavar="ID", help="a checked sign id (signs decide subtypes)"
    )
    plan.add_argument(
        "--subtype",
        action="append",
        default=[],
        metavar="PATTERN=SUBTYPE",
        help="choose a pattern's subtype instead of letting the signs decide "
        "(e.g. kidney_qi_deficiency=kidney_yin)",
    )
    plan.add_argument(
        "--side",
        action="append",
        default=[],
        metavar="POINT=SIDE",
        help="needle a bilateral point on one side only: left or right (e.g. GB30=left); default both",
    )
    plan.add_argument(
        "--confirm-red-flags",
        action="store_true",
        help="record that you proceed despite the standing red flags (needed to write a sheet or plan file)",
    )
    plan.add_argument("--json", action="store_true", help="print the plan and its safety check as JSON")
    plan.add_argument("--zone", action="append", default=[], metavar="ID", help="a pain-map zone id")
    plan.add_argument("--factor", action="append", default=[], metavar="ID", help="a patient factor id")
    plan.add_argument("--red-flag", action="append", default=[], metavar="ID", help="a red flag id")
    plan.add_argument("--age", type=_age, metavar="YEARS", help="the patient's age (printed on the sheet)")
    plan.add_argument(
        "--label", type=_label, default="", help="case label (never a patient name), one line of text"
    )
    plan.add_argument("--pdf", type=_out_file, metavar="OUT.pdf", help="write the treatment sheet")
    plan.add_argument("--handout", type=_out_file, metavar="OUT.pdf", help="write the aftercare handout")
    plan.add_argument("--save", type=_out_file, metavar="OUT.yaotong", help="save the plan file")
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


def _label(text: str) -> str:
    from app.domain.plan import case_label_problem

    if problem := case_label_problem(text):
        raise argparse.ArgumentTypeError(problem)
    return text


def _out_file(text: str) -> Path:
    """A file to write: not empty, not a folder, and a name that is text."""
    from app.domain.text_rules import shown, text_problem

    if not text.strip():
        raise argparse.ArgumentTypeError("expected a file name, got nothing")
    if problem := text_problem(text, multiline=False):
        raise argparse.ArgumentTypeError(f"{shown(text)}: {problem}")
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder: give a file name")
    return path


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
        signs = with_age(catalog, args.sign, args.age)
        result = differentiate(catalog, signs)
        chosen_factors = factors(catalog, args.factor)
        flags = red_flags(catalog, args.red_flag)
    except UnknownIdError as exc:
        print(f"yaotong intake: {exc}", file=sys.stderr)
        return 2
    from app.domain.plan import build_plan
    from app.domain.safety_check import referral_json

    context = build_plan(
        catalog,
        signs=signs,
        factors=tuple(args.factor),
        red_flags=tuple(args.red_flag),
        age=args.age,
    )
    data = differentiation_json(catalog, result)
    data["age"] = args.age
    data["factors"] = [{"id": f.id, "label": f.label} for f in chosen_factors]
    data["red_flags"] = [
        {"id": f.id, "label": f.label, "reason": f.reason, "urgency": f.urgency.value} for f in flags
    ]
    data["red_flag_banner"] = red_flag_banner(flags) if flags else None
    data["referral"] = referral_json(catalog, context)
    # A standing red flag replaces the suggestion: the ranking stays below it, marked as set aside.
    data["suggestion_set_aside"] = bool(flags)
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _pairs(items: list[str]) -> dict[str, str] | None:
    """``KEY=VALUE`` arguments as a mapping; None when one is not of that form."""
    out = {}
    for item in items:
        pattern, sep, subtype = item.partition("=")
        if not sep or not pattern or not subtype:
            return None
        out[pattern] = subtype
    return out


def run_plan(args: argparse.Namespace) -> int:
    from app.domain.plan import build_plan
    from app.domain.plan_file import save_plan
    from app.domain.safety_check import plan_json

    catalog = _catalog()
    if catalog is None:
        return 1
    if not (args.pdf or args.handout or args.save or args.json):
        print("yaotong plan: nothing to do: give --json, --pdf, --handout and/or --save", file=sys.stderr)
        return 2
    subtypes = _pairs(args.subtype)
    if subtypes is None:
        print(
            "yaotong plan: --subtype takes PATTERN=SUBTYPE, e.g. kidney_qi_deficiency=kidney_yin",
            file=sys.stderr,
        )
        return 2
    sides = _pairs(args.side)
    if sides is None or not set(sides.values()) <= {s.value for s in Side}:
        print(
            "yaotong plan: --side takes POINT=left, POINT=right or POINT=both, e.g. GB30=left",
            file=sys.stderr,
        )
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
            signs=tuple(args.sign),
            subtypes=subtypes,
            sides={code: Side(side) for code, side in sides.items()},
            flags_acknowledged=tuple(args.red_flag) if args.confirm_red_flags else (),
        )
    except ValueError as exc:  # UnknownIdError too
        print(f"yaotong plan: {exc}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(plan_json(catalog, plan), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    out = sys.stderr if args.json else sys.stdout
    if plan.gated and (args.pdf or args.save):
        print(red_flag_banner(red_flags(catalog, plan.red_flags)), file=sys.stderr)
        print(
            "yaotong plan: a red flag stands: the treatment sheet and the plan file need --confirm-red-flags "
            "(recorded in the plan and printed); the handout becomes a referral notice",
            file=sys.stderr,
        )
        return 3
    if args.save:
        try:
            save_plan(plan, args.save)
        except OSError as exc:
            reason = exc.strerror or exc
            print(f"yaotong plan: the plan was not saved: {args.save}: {reason}", file=sys.stderr)
            return 1
        except DataFileError as exc:
            print(f"yaotong plan: the plan was not saved: {exc}", file=sys.stderr)
            return 1
        print(f"saved {args.save}", file=out)
    if args.pdf or args.handout:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from app.ui.plan_export import ExportError, export_handout, export_treatment_sheet

        _app = QApplication.instance() or QApplication([sys.argv[0]])
        for what, target, export in (
            ("treatment sheet", args.pdf, export_treatment_sheet),
            ("aftercare handout", args.handout, export_handout),
        ):
            if target is None:
                continue
            try:
                print(f"wrote {export(catalog, plan, target)}", file=out)
            except ExportError as exc:
                print(f"yaotong plan: the {what} was not written: {exc}", file=sys.stderr)
                return 1
    for p in plan.left_out():
        print(f"left out {p.code}: " + " ".join(c.text for c in p.contraindications), file=out)
    for t in plan.techniques:
        if not t.included:
            print(f"left out technique {t.id}: " + " ".join(c.text for c in t.contraindications), file=out)
    if plan.red_flags:
        print(red_flag_banner(red_flags(catalog, plan.red_flags)), file=sys.stderr)
    return 0
