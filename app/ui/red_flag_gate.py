"""The confirmation a standing red flag asks for before a treatment sheet, a print or a plan file.

The practitioner's answer is recorded in the plan (``flags_acknowledged``), saved with it and
printed on the sheet. Cancelling changes nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.intake_session import IntakeSession
from app.ui.plain import ask


def confirm_red_flags(owner: QWidget, session: IntakeSession) -> bool:
    """True when no red flag waits for a confirmation, or the practitioner gave it now."""
    plan = session.plan
    if not plan.gated:
        return True
    catalog = session.catalog
    ref = plan.referral
    lines = "\n".join(
        f"• {catalog.red_flags[f].label} ({catalog.red_flags[f].urgency.value})" for f in plan.red_flags
    )
    urgency = ref.urgency.label if ref else ""
    text = (
        f"{lines}\n\n{urgency}.\n\nProceed only when the patient has been medically assessed, or the "
        "flag does not apply. Your confirmation is recorded in the plan and printed on the treatment sheet."
    )
    if not ask(owner, "A red flag stands", text, "Confirm and proceed", icon=QMessageBox.Icon.Warning):
        return False
    session.edit(flags_acknowledged=plan.red_flags)
    return True
