"""What a file's codes and labels mean: London's local authorities by GSS code, ethnic groups by label."""

import functools
import re
from dataclasses import dataclass

from evidence.models import EthnicGroup, EthnicGroupLabel
from reference.models import LocalAuthority

# A local authority code in England (unitary, metropolitan, London borough, county) or Wales (the Census covers
# both): well formed but not London's is skipped and counted; anything else is an error.
ENGLISH_LA_CODE = re.compile(r"(E(06|07|08|09|10)|W06)[0-9]{6}")
LONDON_PREFIX = "E09"
ENGLAND_CODE = "E92000001"
TOTAL_LABELS = {"total", "all", "allethnicgroups", "totalallusualresidents"}
# Labels whose group depends on the file's scheme (docs/decisions/0011). The DfE counts Travellers of Irish heritage
# as a group of their own, so in its files "Irish Traveller" and "Traveller" are that group; elsewhere either could
# be part of the Census's Gypsy or Irish Traveller, or (Traveller) other Travellers too. "Gypsy" could be the
# DfE's Gypsy/Roma or part of the Census's Gypsy or Irish Traveller in any file. Unmapped, these are a problem that
# says so, not a note that drops the rows; an admin's label for the publisher settles it.
SCHEME_LABELS = {"dfe": {"irishtraveller": "irish-traveller-heritage", "traveller": "irish-traveller-heritage"}}
AMBIGUOUS_LABELS = {"gypsy", "irishtraveller", "traveller", "travellers", "gypsies", "gypsytraveller"}


LEAVE_OUT = "leave-out"  # the analyst's choice for a label: no group, its rows left out deliberately


def normalised(label):
    """'Black - Black Caribbean ' and 'black: black caribbean' are the same label."""
    return re.sub(r"[^0-9a-z]+", "", label.lower())


@dataclass(frozen=True)
class Mapping:
    """A label chosen for a group (or to be left out) by an analyst: in this load, or remembered from one before."""

    label: str
    group: str  # its short name, or "" when left out
    group_id: int | None = None
    by: str = ""  # who chose it, for one remembered
    on: object = None  # when

    def __str__(self):
        what = f"loads as {self.group}" if self.group else "is left out"
        chosen = f", as {self.by or 'an analyst'} chose on {self.on:%-d %B %Y}" if self.on else ""
        return f"‘{self.label}’ {what}{chosen}"


def publisher_key(source, publisher):
    """Whose labels a file's are: the DfE's, the Census's or the YJB's for their formats, else the publisher the
    analyst named."""
    return source if source in ("dfe", "census", "yjb") else " ".join(publisher.split()).lower()[:200]


class Lookups:
    """Loaded once per file: everything a row is checked against, without a query per row.

    Labels: the groups' own names and codes; labels in the admin's table (every publisher's, the file's scheme's own
    winning); labels analysts chose for this publisher in loads before (remembered, with who and when); and the
    analyst's choices for this load (`chosen`: label -> group code or LEAVE_OUT), for labels none of those know."""

    def __init__(self, publisher, chosen=None, own=""):
        self.authorities = dict(LocalAuthority.objects.values_list("gss_code", "pk"))
        self.groups, self.left_out = {}, set()
        # A combined group is only ever added up from its parts: a file cannot load into it.
        loadable = EthnicGroup.objects.exclude(level=EthnicGroup.Level.COMBINED)
        for code, name, pk in loadable.values_list("code", "name", "pk"):
            self.groups[normalised(code)] = pk
            self.groups[normalised(name)] = pk
        labels = EthnicGroupLabel.objects.filter(added_at__isnull=True).values_list("publisher", "label", "group_id")
        # The publisher's own labels win over anyone else's.
        scheme = SCHEME_LABELS.get(publisher, {})
        codes = dict(EthnicGroup.objects.filter(code__in=scheme.values()).values_list("code", "pk"))
        self.groups |= {label: codes[code] for label, code in scheme.items() if code in codes}
        for _publisher, label, pk in sorted(labels, key=lambda row: row[0] == publisher):
            (self.groups.__setitem__(normalised(label), pk) if pk else self.left_out.add(normalised(label)))
        self.fixed = set(self.groups) | self.left_out  # what the choices of analysts never change
        self.names = dict(loadable.values_list("pk", "short_name"))
        self.mappings, self.used = {}, {}  # normalised label -> Mapping; those the file has (a dict: in order)
        remembered = EthnicGroupLabel.objects.filter(publisher=own, added_at__isnull=False).select_related("added_by")
        for row in remembered if own else []:
            by = row.added_by.get_full_name() or row.added_by.email if row.added_by else ""
            mapping = Mapping(row.label, self.names.get(row.group_id, ""), row.group_id, by, row.added_at)
            self.choose(row.label, row.group_id, mapping)
        by_code = dict(loadable.values_list("code", "pk"))
        for label, code in (chosen or {}).items():
            if code == LEAVE_OUT or code in by_code:
                group_id = None if code == LEAVE_OUT else by_code[code]
                self.choose(label, group_id, Mapping(label, self.names.get(group_id, ""), group_id))

    def choose(self, label, group_id, mapping):
        """A label an analyst mapped (group_id None: left out), unless it names a group already."""
        key = normalised(label)
        if not key or key in self.fixed or key in TOTAL_LABELS:
            return
        self.groups.pop(key, None)
        self.left_out.discard(key)
        if group_id is None:
            self.left_out.add(key)
        else:
            self.groups[key] = group_id
        self.mappings[key] = mapping

    def leaves_out(self, label):
        """A label an analyst chose to leave out: its rows are not loaded, deliberately."""
        key = normalised(label)
        if key in self.mappings:
            self.used[key] = True
        return key in self.left_out

    def used_mappings(self):
        """The analysts' mappings the file's labels met, in the order met."""
        return [self.mappings[key] for key in self.used]

    def ambiguous(self, label):
        """An unmapped label that could mean more than one group."""
        return normalised(label) in AMBIGUOUS_LABELS

    @functools.cache  # noqa: B019 (one Lookups per file: the cache goes with it)
    def authority(self, code):
        """(authority id, problem): problem is 'outside London' or 'unknown' when there is no id."""
        code = code.strip().upper()
        if code in self.authorities:
            return self.authorities[code], None
        outside = ENGLISH_LA_CODE.fullmatch(code) and not code.startswith(LONDON_PREFIX)  # London's are all known
        return None, "outside London" if outside else "unknown"

    @functools.cache  # noqa: B019
    def group(self, label):
        """(group id or None for the total, known): an unmapped label is not known."""
        key = normalised(label)
        if key in TOTAL_LABELS:
            return None, True
        if key in self.mappings:
            self.used[key] = True
        return self.groups.get(key), key in self.groups
