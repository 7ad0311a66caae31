"""
Reminder emails about plans, through the outbox: an owner a week before an action is due, each owner a
weekly list of their overdue actions, and a sub-region's coordinators its overdue list before each meeting.
Each is recorded (Reminder) in the transaction that queues it, so running the command again sends nothing twice.
"""

from collections import defaultdict
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Q

from outbox import mail
from plans.boroughs import boroughs_line, boroughs_not_done
from plans.contact_links import CONTACT_ACTIONS, LINK_DAYS
from plans.models import Action, ContactReminder, Meeting, Owner, Reminder, ReminderSetting, SubRegionRole
from plans.summary import shortened

WEEK = timedelta(days=7)


def owner_accounts(action):
    """The active accounts that own an action: named people, and the sub-region's directors or leads for a group."""
    region = action.area.plan.sub_region_id
    kinds = {owner.kind for owner in action.owners.all()}
    named = [owner.user_id or (owner.contact.user_id if owner.contact_id else None) for owner in action.owners.all()]
    accounts = Q(pk__in=[pk for pk in named if pk])
    if Owner.Kind.DIRECTORS in kinds and region:
        accounts |= Q(sub_region_roles__sub_region=region, sub_region_roles__role=SubRegionRole.Role.DIRECTOR)
    if Owner.Kind.LEADS in kinds and region:  # the leads of the boroughs that have not done it yet
        accounts |= Q(memberships__local_authority__in=boroughs_not_done(action))
    return set(User.objects.filter(accounts, is_active=True).exclude(plan_reminders__unsubscribed_at__isnull=False))


def owner_contacts(action):
    """The plan contacts who own an action and have no account (those with one are reminded as accounts are)."""
    owners = action.owners.all()
    return {o.contact for o in owners if o.contact_id and o.contact.user_id is None and not o.contact.unsubscribed_at}


def _send_once_to_contact(kind, contact, key, subject, context):
    """As _send_once, to a contact: their link to their own actions is made when the email is sent."""
    try:
        with transaction.atomic():
            ContactReminder.objects.create(kind=kind, contact=contact, key=key)
            unsubscribe_url = mail.link("plans:reminders_unsubscribe", contact.token)
            headers = {
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
            context = {**context, "name": contact.name, "days": LINK_DAYS, "unsubscribe_url": unsubscribe_url}
            mail.queue_to_address(
                contact.email,
                subject,
                "emails/plans/contact_reminder.txt",
                context,
                secret_link=CONTACT_ACTIONS,
                secret_for=contact.pk,
                headers=headers,
            )
    except IntegrityError:
        return False  # sent by an earlier run
    return True


def _send_once(kind, user, key, subject, template, context):
    """Queue the email unless this reminder went already; True if it was queued now."""
    setting, _ = ReminderSetting.objects.get_or_create(user=user)
    if setting.unsubscribed_at:
        return False
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=kind, user=user, key=key)
            unsubscribe_url = mail.link("plans:reminders_unsubscribe", setting.token)
            headers = {
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
            context = {**context, "user": user, "unsubscribe_url": unsubscribe_url}
            mail.queue([user], subject, template, context, headers=headers)
    except IntegrityError:
        return False  # sent by an earlier run
    return True


def action_lines(actions):
    """Actions as plain text lines for an email: strings, never model objects."""
    return [
        {
            "what": shortened(action.what, 600),
            "plan": action.area.plan.region_name,
            "due": action.due_text,
            "url": mail.link("plans:action_detail", action.pk),
            "boroughs": boroughs_line(action),
        }
        for action in actions
    ]


def due_soon(today):
    """A week before an action is due (or later, if the command missed the day), once per action and due date."""
    sent = 0
    actions = Action.objects.open().filter(due_on__gte=today, due_on__lte=today + WEEK).with_plan()
    for action in actions:
        for user in owner_accounts(action):
            sent += _send_once(
                Reminder.Kind.DUE_SOON,
                user,
                f"{action.pk}:{action.due_on:%Y-%m-%d}",
                f"Due {action.due_text}: {shortened(action.what.splitlines()[0], 80)}",
                "emails/plans/due_soon.txt",
                {"action": action_lines([action])[0]},
            )
        for contact in owner_contacts(action):
            sent += _send_once_to_contact(
                Reminder.Kind.DUE_SOON,
                contact,
                f"{action.pk}:{action.due_on:%Y-%m-%d}",
                f"Due {action.due_text}: {shortened(action.what.splitlines()[0], 80)}",
                {"intro": f"An action you own is due {action.due_text}:", "actions": action_lines([action])},
            )
    return sent


def overdue(today):
    """Each owner's overdue actions, once a week (the ISO week is the key)."""
    mine, contacts = defaultdict(list), defaultdict(list)
    for action in Action.objects.overdue(today).with_plan().order_by("due_on", "pk"):
        for user in owner_accounts(action):
            mine[user].append(action)
        for contact in owner_contacts(action):
            contacts[contact].append(action)
    year, week, _ = today.isocalendar()
    sent = 0
    for contact, actions in contacts.items():
        count = len(actions)
        sent += _send_once_to_contact(
            Reminder.Kind.OVERDUE,
            contact,
            f"{year}-W{week:02d}",
            f"{count} overdue action{'s' if count != 1 else ''} in the sub-regional plans",
            {"intro": "These actions you own are past their due date:", "actions": action_lines(actions)},
        )
    for user, actions in mine.items():
        count = len(actions)
        sent += _send_once(
            Reminder.Kind.OVERDUE,
            user,
            f"{year}-W{week:02d}",
            f"{count} overdue action{'s' if count != 1 else ''} in the sub-regional plans",
            "emails/plans/overdue.txt",
            {"actions": action_lines(actions), "my_actions_url": mail.link("plans:my_actions")},
        )
    return sent


def before_meetings(today):
    """The coordinators of a sub-region with a meeting in the coming week get its overdue list, once per meeting."""
    sent = 0
    coming = Meeting.objects.filter(held_on__gte=today, held_on__lte=today + WEEK).select_related("plan__sub_region")
    for meeting in coming:
        plan = meeting.plan
        if plan.sub_region_id is None:
            continue
        late = Action.objects.filter(area__plan=plan).overdue(today).with_plan().order_by("due_on", "pk")
        coordinators = User.objects.filter(
            sub_region_roles__sub_region=plan.sub_region_id,
            sub_region_roles__role=SubRegionRole.Role.COORDINATOR,
            is_active=True,
        )
        for user in coordinators:
            sent += _send_once(
                Reminder.Kind.MEETING,
                user,
                f"meeting:{meeting.pk}",
                f"Before the {meeting}: {len(late)} overdue action{'s' if len(late) != 1 else ''}",
                "emails/plans/before_meeting.txt",
                {
                    "meeting": str(meeting),
                    "actions": action_lines(late),
                    "meeting_url": mail.link("plans:meeting_detail", meeting.pk),
                },
            )
    return sent


def send_all(today):
    return {"due soon": due_soon(today), "overdue": overdue(today), "before meetings": before_meetings(today)}
