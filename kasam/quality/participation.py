"""The participation model: a session moves from the participants' views to the staff
group's response to the joint closing meeting, in that order."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kasam.access.selectors import leads
from kasam.accounts.models import User
from kasam.core.concurrency import claim_version
from kasam.core.errors import Refused
from kasam.organisation.models import OrganisationUnit
from kasam.quality.models import ParticipationSession


def _check(user: User, unit: OrganisationUnit) -> None:
    if not leads(user, unit.pk):
        raise Refused(_("Only the unit's manager or the quality lead records sessions."))


def sessions_of(unit: OrganisationUnit) -> QuerySet[ParticipationSession]:
    return ParticipationSession.objects.filter(unit=unit).prefetch_related("guides")


@transaction.atomic
def start_session(
    *,
    user: User,
    unit: OrganisationUnit,
    theme: str,
    group: str,
    participants: int,
    started_on: datetime.date,
    guides: Iterable[User] = (),
) -> ParticipationSession:
    _check(user, unit)
    session = ParticipationSession(
        unit=unit, theme=theme, group=group, participants=participants, started_on=started_on
    )
    session.full_clean()
    session.save()
    session.guides.set(guides)
    return session


@transaction.atomic
def record(
    *,
    user: User,
    session: ParticipationSession,
    expected_version: int,
    views: str = "",
    staff_response: str = "",
    closing_meeting_on: datetime.date | None = None,
    agreed_actions: str = "",
) -> ParticipationSession:
    """The next step: views first, then the staff's response, then the closing meeting."""
    _check(user, session.unit)
    if session.stage == "views":
        if not views.strip():
            raise Refused(_("Write the participants' views."))
        session.views = views
    elif session.stage == "response":
        if not staff_response.strip():
            raise Refused(_("Write the staff group's response."))
        session.staff_response = staff_response
        if closing_meeting_on is not None:
            if not agreed_actions.strip():
                raise Refused(_("Write the actions agreed at the closing meeting."))
            session.closing_meeting_on, session.agreed_actions = closing_meeting_on, agreed_actions
    else:
        raise Refused(_("The session is closed."))
    claim_version(session, expected_version)
    session.full_clean()
    session.save()
    return session
