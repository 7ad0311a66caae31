"""Actions each borough does (owned by each LA, or asking each DCS for something in their LA): who has done it."""

from reference.models import LocalAuthority


def boroughs_not_done(action):
    """The sub-region's local authorities that have not ticked the action off (none, if it tracks no boroughs)."""
    if not action.tracks_boroughs:
        return LocalAuthority.objects.none()
    done = action.borough_checks.values("local_authority")
    return LocalAuthority.objects.filter(sub_region=action.area.plan.sub_region_id).exclude(pk__in=done)


def and_list(names):
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def boroughs_line(action):
    """'3 of 5 boroughs have done this; Camden and Islington have not', for a page or an email; '' if untracked."""
    return line_of(action.borough_checklist())


def line_of(checklist):
    """The line for a checklist already made (Action.borough_checklist)."""
    if not checklist:
        return ""
    done = sum(1 for _, _, is_done, _, _ in checklist if is_done)
    not_done = [authority.name for authority, _, is_done, _, _ in checklist if not is_done]
    if not not_done:
        return f"All {len(checklist)} boroughs have done this."
    if not done:
        return f"None of the {len(checklist)} boroughs has done this yet."
    have, have_not = ("has" if done == 1 else "have"), ("has" if len(not_done) == 1 else "have")
    return f"{done} of {len(checklist)} boroughs {have} done this; {and_list(not_done)} {have_not} not."
