"""London's local authorities by any of the names returns give them."""

import re

from reference.models import LocalAuthority

PREFIXES = r"\b(?:london borough of|royal borough of|borough of|borough council|council|corporation|lb|rb|lbo|the)\b"
GENERIC = {"city"}
# The authorities named in a text are looked for in its beginning only: a borough's answer, heading or sentence
# is short, and every name found is checked against those found before (a 97 KB line of names took 9 s).
LOOKED_AT = 2_000  # City of London's short name: only on its own, never found inside a longer name


# The abbreviations boroughs use for themselves (in signatures, team names, file names). Those that several
# boroughs share are never taken for one of them: the lead is asked to choose (see ambiguous).
ABBREVIATIONS = {
    "lbbd": "Barking and Dagenham",
    "lbwf": "Waltham Forest",
    "rbkc": "Kensington and Chelsea",
    "k&c": "Kensington and Chelsea",
    "lbth": "Tower Hamlets",
    "h&f": "Hammersmith and Fulham",
    "lbhf": "Hammersmith and Fulham",
    "lbhm": "Hammersmith and Fulham",
    "rbg": "Greenwich",
    "rbk": "Kingston upon Thames",
    "lbrut": "Richmond upon Thames",
    "lbi": "Islington",
    "lbe": "Enfield",
    "lbn": "Newham",
    "lbc": "Camden",
    "wcc": "Westminster",
}
SHARED = {
    "lbh": ["Hackney", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow"],
    "lbb": ["Barnet", "Bexley", "Brent", "Bromley"],
    "lbl": ["Lambeth", "Lewisham"],
    "lbs": ["Southwark", "Sutton"],
    "lbr": ["Redbridge", "Richmond upon Thames"],
}
ABBREVIATION = re.compile(
    r"(?<![\w&])(?:" + "|".join(a.replace("&", r"\s*&\s*") for a in ABBREVIATIONS) + r")(?![\w&])",
    re.IGNORECASE,
)
SHARED_ABBREVIATION = re.compile(r"(?<![\w&])(?:" + "|".join(SHARED) + r")(?![\w&])", re.IGNORECASE)


def abbreviation_in(text):
    """(abbreviation as written, the authority's name) for the first abbreviation the text uses, or None."""
    if match := ABBREVIATION.search(text[:LOOKED_AT]):
        return match.group(0), ABBREVIATIONS[re.sub(r"\s+", "", match.group(0).lower())]
    return None


def ambiguous(text):
    """(abbreviation, the authorities it may stand for) when the text is an abbreviation several share ('LBH')."""
    if match := SHARED_ABBREVIATION.search(text[:LOOKED_AT]):
        return match.group(0), SHARED[match.group(0).lower()]
    return None


def spelt_out(text):
    return ABBREVIATION.sub(lambda match: ABBREVIATIONS[re.sub(r"\s+", "", match.group(0).lower())], text)


def normalised(name):
    name = spelt_out(name).lower().replace("&", " and ").replace("-", " ")
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
