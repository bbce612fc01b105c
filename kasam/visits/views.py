from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from kasam.access.selectors import ClientAccess, managed_units
from kasam.access.services import record_client_hits
from kasam.accounts.models import User
from kasam.accounts.requests import staff_user
from kasam.audit.models import AuditEvent
from kasam.audit.services import Actor, record_access
from kasam.careplans.models import PlanActivity
from kasam.core.errors import Refused
from kasam.core.forms import set_queryset
from kasam.core.offline import keep_on_phone
from kasam.core.roles import Role
from kasam.core.views import paged, refuse
from kasam.journal.forms import NoteForm
from kasam.journal.models import JournalNote
from kasam.organisation.menu import roles_of
from kasam.organisation.models import OrganisationUnit
from kasam.organisation.selectors import people_in, units_of
from kasam.registry.selectors import home_access_of, relatives_to_call, warnings_of
from kasam.screening.selectors import due_for as screenings_due_for
from kasam.screening.selectors import overdue as screening_overdue
from kasam.visits import selectors, services
from kasam.visits.continuity import national_measure
from kasam.visits.handover import HANDOVER, Handover, previous_shift
from kasam.visits.models import Visit


class CheckOutForm(forms.Form):
    outcome = forms.ChoiceField(label=gettext_lazy("What was done"), choices=Visit.Outcome.choices)
    reason = forms.ChoiceField(
        label=gettext_lazy("Why not (if not done)"),
        choices=[("", "–"), *Visit.Reason.choices],
        required=False,
    )


MY_CLIENTS_PER_PAGE = 25


@require_GET
def my_clients(request: HttpRequest) -> HttpResponse:
    """The people the user is contact person for or visits this fortnight; each shown is
    logged."""
    user = staff_user(request)
    page, pager_query = paged(
        request, selectors.my_clients(user, timezone.localdate()), MY_CLIENTS_PER_PAGE
    )
    record_client_hits(actor=Actor.from_request(request), clients=list(page))
    context = {"page": page, "pager_query": pager_query, "user_id": user.pk}
    return render(request, "visits/my_clients.html", context)


@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    """Today's visits on a phone: in order, with address, the plan's activity and wishes."""
    user = staff_user(request)
    today = timezone.localdate()
    visits = selectors.worklist(user, today)
    record_client_hits(actor=Actor.from_request(request), clients=[v.client for v in visits])
    changed = {
        v.pk: v.replanned_at
        for v in visits
        if v.replanned_at and timezone.localtime(v.replanned_at).date() == today
    }
    context = {
        "visits": visits,
        "today": today,
        "form": CheckOutForm(),
        "changed": changed,
        "replanned_at": max(changed.values(), default=None),
        "screenings_due": _screenings_due(user),
    }
    return keep_on_phone(render(request, "visits/worklist.html", context))


def _screenings_due(user: User) -> int | None:
    """A nurse's day also has the screenings due among the clients they care for."""
    if Role.NURSE not in roles_of(user):
        return None
    return screening_overdue(user).count()


@require_GET
def visit_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = staff_user(request)
    visit, access = selectors.visit_for(user, public_id)
    record_access(
        actor=Actor.from_request(request),
        access=access,
        action=AuditEvent.Action.READ,
        target=visit,
    )
    context = _at_the_door(visit, CheckOutForm())
    if request.GET.get("key") == "1":
        context["key"] = _key_code(request, visit, access)
    response = render(request, "visits/visit.html", context)
    if selectors.kept_on_phone(user, visit) and "key" not in context:
        keep_on_phone(response)  # never with the key box code
    return response


def _key_code(request: HttpRequest, visit: Visit, access: ClientAccess) -> dict[str, str]:
    """The key box code, for the staff given the visit around its time; each showing is
    logged. Otherwise why not."""
    home = home_access_of(visit.client)
    if not home.key_box_code:
        return {"refused": _("No key box code is recorded for this client.")}
    if not selectors.may_see_key(staff_user(request), visit, timezone.localtime()):
        return {
            "refused": _(
                "The key box code is shown only to the staff given this visit, from an hour "
                "before its time until an hour after."
            )
        }
    record_access(
        actor=Actor.from_request(request), access=access, action=AuditEvent.Action.READ, target=home
    )
    return {"code": home.key_box_code}


def _at_the_door(visit: Visit, form: CheckOutForm) -> dict[str, Any]:
    """What the care worker needs at the door: the visit, the client's own goals in the plan
    the visit comes from, and the last notes (the page's read entry covers them)."""
    goals = visit.activity.plan_version.goals.filter(reached_on__isnull=True)
    notes = JournalNote.objects.filter(client=visit.client).select_related("author")[:3]
    note_form = NoteForm(
        goals=goals, activities=PlanActivity.objects.none(), initial={"category": "daily_care"}
    )
    return {
        "visit": visit,
        "form": form,
        "goals": list(goals),
        "notes": list(notes),
        "note_form": note_form,
        "warnings": list(warnings_of(visit.client)),
        "entrance": home_access_of(visit.client).entrance,
        "relatives": list(relatives_to_call(visit.client)),
        "chosen": services.chosen_staff(visit),
        "screenings_due": screenings_due_for(visit.client),
    }


def _refused_check_out(request: HttpRequest, visit: Visit, form: CheckOutForm) -> HttpResponse:
    """The visit page again with what was chosen and the reason on the field (400)."""
    messages.error(request, _("Not checked out: see below."))
    return render(request, "visits/visit.html", _at_the_door(visit, form), status=400)


@require_POST
def check_in(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    visit, access = selectors.visit_for(staff_user(request), public_id)
    try:
        services.ensure_unchanged(visit, request.POST.get("version", ""))
        services.check_in(actor=Actor.from_request(request), access=access, visit=visit)
    except Refused as error:
        return refuse(request, error, "visits:visit", public_id=public_id)
    messages.success(request, _("Checked in."))
    return redirect("visits:visit", public_id=public_id)


@require_POST
def check_out(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    visit, access = selectors.visit_for(staff_user(request), public_id)
    form = CheckOutForm(request.POST)
    if not form.is_valid():
        return _refused_check_out(request, visit, form)
    try:
        services.ensure_unchanged(visit, request.POST.get("version", ""))
        services.check_out(
            actor=Actor.from_request(request), access=access, visit=visit, **form.cleaned_data
        )
    except Refused as error:
        not_done = form.cleaned_data["outcome"] != Visit.Outcome.DONE
        form.add_error("reason" if not_done and visit.checked_in_at else None, error.message)
        return _refused_check_out(request, visit, form)
    messages.success(request, _("Checked out."))
    return redirect("visits:worklist")


class BoardForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=OrganisationUnit.objects.none(), to_field_name="public_id"
    )
    day = forms.DateField(required=False)
    shift = forms.ChoiceField(choices=selectors.Shift.choices, required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)


@require_GET
def day_board(request: HttpRequest) -> HttpResponse:
    """Visits of a unit by time and staff; the manager assigns by hand."""
    user = staff_user(request)
    units = managed_units(user)
    form = BoardForm(request.GET or None, units=units)
    if not units.exists():
        return render(request, "visits/board.html", {"form": form, "visits": []})
    if not form.is_valid():
        first = {"unit": units.first().public_id, "day": timezone.localdate()}  # type: ignore[union-attr]
        form = BoardForm({"shift": request.GET.get("shift", ""), **first}, units=units)
        form.is_valid()
    unit, day = form.cleaned_data["unit"], form.cleaned_data["day"] or timezone.localdate()
    shift = form.cleaned_data.get("shift") or selectors.Shift.DAY
    scope = OrganisationUnit.objects.filter(path__startswith=unit.path)
    rows = selectors.board(scope, day, shift)
    record_client_hits(actor=Actor.from_request(request), clients=[r.visit.client for r in rows])
    context = {
        "form": form,
        "unit": unit,
        "day": day,
        "rows": rows,
        "shift": shift,
        "shifts": selectors.Shift.choices,
        "staff_options": _options(people_in(scope)),
        "query": f"unit={unit.public_id}&day={day.isoformat()}",
    }
    return render(request, "visits/board.html", context)


@require_POST
def assign(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    user = staff_user(request)
    visit, access = selectors.visit_for(user, public_id)
    scope = managed_units(user)
    if not scope.filter(pk=visit.unit_id).exists():
        raise Http404
    staff = _chosen(people_in(scope), request.POST.get("staff", ""))
    try:
        services.assign(actor=Actor.from_request(request), access=access, visit=visit, staff=staff)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The visit is assigned."))
        for warning in services.choice_warnings(visit):
            messages.warning(request, warning)
    unit = OrganisationUnit.objects.get(pk=visit.unit_id)
    shift = selectors.shift_of(visit.window_start)
    query = f"unit={unit.public_id}&day={visit.day.isoformat()}&shift={shift}"
    return redirect(f"{reverse('visits:board')}?{query}")


def _chosen(staff: Any, raw: str) -> User | None:
    """The staff member picked on the board; empty (or not a member) means nobody."""
    try:
        public_id = uuid.UUID(raw)
    except ValueError:
        return None
    found: User | None = staff.filter(public_id=public_id).first()
    return found


def _options(staff: Any) -> str:
    """The staff <option>s once for the whole board (each row shows its current staff)."""
    return format_html_join(
        "",
        '<option value="{}">{}</option>',
        ((person.public_id, person.display_name) for person in staff),
    )


@require_GET
def board_continuity(request: HttpRequest) -> HttpResponse:
    """The national continuity measure for the board's unit, loaded after the board."""
    units = managed_units(staff_user(request))
    form = BoardForm(request.GET, units=units)
    if not form.is_valid():
        return HttpResponse(status=400)
    unit, day = form.cleaned_data["unit"], form.cleaned_data["day"] or timezone.localdate()
    scope = OrganisationUnit.objects.filter(path__startswith=unit.path)
    measure = national_measure(scope, day - datetime.timedelta(days=1))
    return render(request, "visits/partials/continuity.html", {"continuity": measure})


@require_POST
def assign_many(request: HttpRequest) -> HttpResponse:
    """The manager gives the visits ticked on the board to one staff member (or nobody)."""
    user = staff_user(request)
    scope = managed_units(user)
    staff = _chosen(people_in(scope), request.POST.get("staff", ""))
    assigned = 0
    for raw in request.POST.getlist("visits")[:500]:
        try:
            visit, access = selectors.visit_for(user, raw)
        except (Http404, ValidationError):
            continue
        if not scope.filter(pk=visit.unit_id).exists():
            continue
        try:
            services.assign(
                actor=Actor.from_request(request), access=access, visit=visit, staff=staff
            )
        except Refused as error:
            messages.error(request, error.message)
            continue
        assigned += 1
        for warning in services.choice_warnings(visit):
            messages.warning(request, warning)
    if assigned:
        messages.success(request, _("%(n)s visits assigned.") % {"n": assigned})
    else:
        messages.error(request, _("Choose the visits to assign."))
    back = request.POST.get("back", "")
    return redirect(
        f"{reverse('visits:board')}?{back}" if back.startswith("unit=") else reverse("visits:board")
    )


class HandoverForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=OrganisationUnit.objects.none(),
        to_field_name="public_id",
    )
    day = forms.DateField(label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    shift = forms.ChoiceField(
        label=gettext_lazy("Shift"),
        choices=[(v, label) for v, label in selectors.Shift.choices if v != selectors.Shift.ALL],
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)


@require_GET
def handover(request: HttpRequest) -> HttpResponse:
    """The shift handover: the last shift's notes, visits not done and deviations in a unit,
    for the next shift to read first. Every client shown is logged."""
    user = staff_user(request)
    units = units_of(user)
    day, shift = previous_shift(timezone.now())
    first = units.first()
    initial = {"unit": first.public_id if first else None, "day": day, "shift": shift}
    form = HandoverForm(request.GET or initial, units=units)
    if not form.is_valid():
        return render(request, "visits/handover.html", {"form": form}, status=400)
    unit = form.cleaned_data["unit"]
    subtree = OrganisationUnit.objects.filter(path__startswith=unit.path)
    taken = Handover(user, subtree, form.cleaned_data["day"], form.cleaned_data["shift"])
    notes, visits = taken.notes(), taken.visits_not_done()
    sections = HANDOVER.on("handover", request, taken)
    shown = [n.client for n in notes] + [v.client for v in visits]
    shown += [c for _template, context in sections for c in context.get("clients", [])]
    record_client_hits(actor=Actor.from_request(request), clients=shown)
    context = {"form": form, "handover": taken, "unit": unit, "notes": notes, "visits": visits}
    return render(request, "visits/handover.html", {**context, "sections": sections})
