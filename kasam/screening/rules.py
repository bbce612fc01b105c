"""Screening tools' risk limits and how soon to screen again.

MNA-SF (0–14): 12–14 normal, 8–11 at risk, 0–7 malnourished. MUST (0–6): 0 low risk,
1 medium, 2 or more high. Downton fall-risk index (0–11): 3 or more is high risk.
At risk: screen again within 30 days; otherwise within 90 days.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from kasam.core.errors import Refused

KIND_TOOLS = {"nutrition": ("mna_sf", "must"), "fall": ("downton",)}
MAX_SCORE = {"mna_sf": 14, "must": 6, "downton": 11}
RISK_DAYS, NORMAL_DAYS = 30, 90


def at_risk(tool: str, score: int) -> bool:
    if tool == "mna_sf":
        return score <= 11
    if tool == "must":
        return score >= 1
    return score >= 3


def check(kind: str, tool: str, score: int) -> None:
    if tool not in KIND_TOOLS.get(kind, ()):
        raise Refused(_("That tool does not screen for this."))
    if score > MAX_SCORE[tool]:
        raise Refused(_("The score for this tool is at most %(max)s.") % {"max": MAX_SCORE[tool]})


def next_due(measured_on: datetime.date, risk: bool) -> datetime.date:
    return measured_on + datetime.timedelta(days=RISK_DAYS if risk else NORMAL_DAYS)
