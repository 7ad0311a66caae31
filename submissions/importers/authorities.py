"""London's local authorities by any of the names returns give them."""

import re

from reference.models import LocalAuthority

PREFIXES = r"\b(?:london borough of|royal borough of|borough of|borough council|council|corporation|lb|rb|lbo|the)\b"
GENERIC = {"city"}
# The authorities named in a text are looked for in its beginning only: a borough's answer, heading or sentence
# is short, and every name found is checked against those found before (a 97 KB line of names took 9 s).
LOOKED_AT = 2_000  # City of London's short name: only on its own, never found inside a longer name


def normalised(name):
    name = name.lower().replace("&", " and ").replace("-", " ")
    name = re.sub(PREFIXES, " ", name)
    return re.sub(r"[^a-z]+", " ", name).strip()


def authorities_named(text, authorities=None):
    """Every authority the text names, in the order it names them."""
    authorities = list(LocalAuthority.objects.all()) if authorities is None else authorities
    wanted = normalised(text[:LOOKED_AT])
    if not wanted:
        return []
    forms = [
        (normalised(form), authority) for authority in authorities for form in (authority.name, authority.short_name)
    ]
    if exact := [authority for form, authority in forms if form == wanted]:
        return exact[:1]
    found, taken = [], []
    for form, authority in sorted(forms, key=lambda pair: -len(pair[0])):
        if not form or form in GENERIC:
            continue
        for match in re.finditer(rf"\b{re.escape(form)}\b", wanted):
            if not any(start < match.end() and match.start() < end for start, end in taken):
                taken.append(match.span())
                found.append((match.start(), authority))
    return list(dict.fromkeys(authority for _, authority in sorted(found, key=lambda pair: pair[0])))


def match_local_authority(text):
    named = authorities_named(text)
    return named[0] if named else None
