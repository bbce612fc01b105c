"""What each live indicator counts, in words (the indicator card's formula)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Raised whenever what a live indicator counts changes, and printed with every exported
# value, so that figures computed under different definitions are never compared unawares.
# 2026.2: client status dates, after-hours receipt, screened-out concerns, units (issue 17);
# 2026.3: continuity counts visits made (not "not done"); the national one and the
# by-serving-unit figures are cards of their own.
DEFINITION_VERSION = "2026.3"

DEFINITIONS: dict[str, tuple[Promise, Promise, Promise]] = {
    "plan_and_contact": (
        _("Clients among them who have an agreed plan in force, which names their contact person."),
        _("Clients served by a care unit at the end of the period, counted in their home unit."),
        _(
            "Home unit: the first care unit that served the client, also if they moved since. "
            "Left out: clients inactive, deceased or moved away by the period's end. Served "
            "means an open service link to a care unit, not a decision in force."
        ),
    ),
    "first_contact_in_time": (
        _("Applications among them whose first personal contact was made by its deadline."),
        _("Applications received in the period whose deadline for first contact has come."),
        _(
            "Counted for the office that received the application. The deadline is the "
            "stricter of the statutory and the local one, in working days, counted from the "
            "next day when received after office hours. Left out: applications not yet due, "
            "and those withdrawn or sent on before contact."
        ),
    ),
    "first_contact_in_time_served": (
        _("Applications among them whose first personal contact was made by its deadline."),
        _(
            "Applications received in the period from clients the unit serves, whose deadline "
            "for first contact has come."
        ),
        _(
            "The office's figure counted by serving unit: in the client's home unit (a new "
            "client no unit serves yet: for the office that received it). Deadlines and what "
            "is left out as for the office's own card."
        ),
    ),
    "concern_screened_in_time": (
        _("Reports among them on which it was decided by the deadline whether to investigate."),
        _("Reports of concern received in the period whose screening deadline has come."),
        _(
            "Counted for the office that received the report. Deciding to investigate and "
            "deciding not to (screened out) both meet the deadline. Left out: reports not yet due."
        ),
    ),
    "days_to_decision": (
        _("The median of the working days from receiving the application to the decision."),
        _("First decisions on applications made in the period."),
        _(
            "Counted for the office that received the application, in the month of the "
            "decision; working days counted as deadlines are (after office hours: from the next "
            "day). Revisions are left out."
        ),
    ),
    "plans_followed_up": (
        _("Reviews among them recorded on or before the review date."),
        _("Review dates of current plans that fell in the period and have come."),
        _(
            "Counted in the client's home unit; a plan of a client no unit serves counts for "
            "the office that made its decision. Left out: review dates not yet come."
        ),
    ),
    "staff_continuity": (
        _("Different staff members who made a visit to each client over the 14 days, summed."),
        _(
            "Home-care clients with a visit made in the 14 days up to the end of the period; "
            "the value is the mean per client."
        ),
        _(
            "One count per client, however many units visited them, in the client's home unit. "
            "A visit is made when someone checked in and did not record it as not done. Left "
            "out: clients gone by the period's end. Kasam's own measure, for every age; the "
            "Swedish national definition has its own card."
        ),
    ),
    "staff_continuity_national": (
        _("Different staff members who made each client's visits over the 14 days, summed."),
        _(
            "Home-care clients aged 65 or over with at least two visits made on every one of "
            "the 14 days up to the end of the period; the value is the mean per client."
        ),
        _(
            "Socialstyrelsen's definition: only visits checked in between 07:00 and 22:00 "
            "count; safety-alarm, meal-delivery and home-nursing visits are left out, and so "
            "are clients away (in hospital, not at home) on any visit in the 14 days and "
            "clients gone by the period's end. Counted in the client's home unit."
        ),
    ),
    "decisions_past_review": (
        _("Decisions among them whose review date has passed without a revision."),
        _("Decisions in force at the end of the period."),
        _(
            "Counted for the office that made the decision. Left out: decisions of clients "
            "gone by the period's end."
        ),
    ),
    "decisions_past_review_served": (
        _("Decisions among them whose review date has passed without a revision."),
        _("Decisions in force at the end of the period, of the clients the unit serves."),
        _(
            "The office's figure counted by serving unit: in the client's home unit (no unit "
            "serves the client: for the office that made the decision). Left out: decisions "
            "of clients gone by the period's end."
        ),
    ),
    "deviations_per_1000_visits": (
        _("Deviations that happened in the period (not those found not to be deviations)."),
        _("Visits made in the period (checked in), in thousands."),
        _("Deviations count where they happened; visits in the unit that made them."),
    ),
    "deviations_closed_in_time": (
        _("Deviations among them closed within 30 days of the report."),
        _("Deviations reported in the period, once 30 days have passed or they are closed."),
        _(
            "Counted where the deviation happened, in the month it was reported. Left out: "
            "those found not to be deviations, and those still within their 30 days."
        ),
    ),
    "user_survey_satisfied": (
        _("Respondents among them whose mean answer is 4 or 5 on the 1–5 scale."),
        _("Respondents to closed user surveys (no value for fewer than the minimum)."),
        _("Counted in the unit the answers were given for; small groups are hidden."),
    ),
    "staff_survey_satisfied": (
        _("Respondents among them whose mean answer is 4 or 5 on the 1–5 scale."),
        _("Respondents to closed staff surveys (no value for fewer than the minimum)."),
        _("Counted in the unit the answers were given for; small groups are hidden."),
    ),
    "emergency_unreviewed": (
        _("Emergency accesses not reviewed by a manager within 7 days."),
        _("Emergency accesses taken in the period (counted, not divided)."),
        _(
            "Counted for the unit it was taken in; taken by someone of no unit, where the client "
            "is served (else the municipality). Left out: those still within their week."
        ),
    ),
}
