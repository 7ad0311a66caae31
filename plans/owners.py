"""
Owners as the people they are. The documents name owners by first name ("Ben", "Tony / Martin"): a name is the
sub-region's coordinator whose first name it is, else the plan contact whose first or full name it is; with nobody,
or more than one, it stays a name. The owners as written (`Action.owners_text`) are kept whatever matched.
"""

from django.contrib.auth.models import User

from plans.models import Owner, PlanContact, SubRegionRole, words_of


def _same_name(name, first_name, full_name):
    said = words_of(name)
    return bool(said) and said in (words_of(first_name), words_of(full_name))


def match_named(name, plan):
    """The Owner fields for a name in the plan: {"kind": person, "user"}, {"kind": contact, "contact"} or a name."""
    named = {"kind": Owner.Kind.NAMED, "name": name[:300]}
    if plan.sub_region_id:
        coordinators = User.objects.filter(
            sub_region_roles__sub_region=plan.sub_region_id,
            sub_region_roles__role=SubRegionRole.Role.COORDINATOR,
            is_active=True,
        ).distinct()
        users = [u for u in coordinators if _same_name(name, u.first_name, u.get_full_name())]
        if len(users) == 1:
            return {"kind": Owner.Kind.PERSON, "user": users[0]}
        if users:
            return named
    contacts = [c for c in PlanContact.objects.for_plan(plan) if _same_name(name, c.first_name, c.name)]
    if len(contacts) == 1:
        return {"kind": Owner.Kind.CONTACT, "contact": contacts[0], "name": ""}
    return named


def owner_rows(action, parsed_owners, plan, group_name):
    """Owner rows for an imported action's (kind, name) pairs: groups as named for the sub-region, names matched."""
    rows = []
    for kind, name in parsed_owners:
        if kind == Owner.Kind.NAMED:
            rows.append(Owner(action=action, **match_named(name, plan)))
        else:
            rows.append(Owner(action=action, kind=kind, name=group_name(kind, plan.sub_region) or name[:300]))
    return rows


def link_named_owners(contact):
    """A contact just added takes the actions owned by their name in its plans; returns those actions."""
    owners = Owner.objects.filter(kind=Owner.Kind.NAMED).select_related("action__area__plan")
    owners = (
        owners.filter(action__area__plan__sub_region=contact.sub_region_id)
        if contact.sub_region_id
        else (owners.filter(action__area__plan=contact.plan_id))
    )
    linked = [o for o in owners if match_named(o.name, o.action.area.plan).get("contact") == contact]
    Owner.objects.filter(pk__in=[o.pk for o in linked]).update(kind=Owner.Kind.CONTACT, contact=contact, name="")
    return [o.action for o in linked]
