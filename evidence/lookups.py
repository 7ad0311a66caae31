"""What a file's codes and labels mean: London's local authorities by GSS code, ethnic groups by label."""

import functools
import re

from evidence.models import EthnicGroup, EthnicGroupLabel
from reference.models import LocalAuthority

# A local authority code in England (unitary, metropolitan, London borough, county): well formed but
# not London's is skipped and counted; anything else is an error.
ENGLISH_LA_CODE = re.compile(r"E(06|07|08|09|10)[0-9]{6}")
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


def normalised(label):
    """'Black - Black Caribbean ' and 'black: black caribbean' are the same label."""
    return re.sub(r"[^0-9a-z]+", "", label.lower())


class Lookups:
    """Loaded once per file: everything a row is checked against, without a query per row."""

    def __init__(self, publisher):
        self.authorities = dict(LocalAuthority.objects.values_list("gss_code", "pk"))
        self.groups = {}
        # A combined group is only ever added up from its parts: a file cannot load into it.
        loadable = EthnicGroup.objects.exclude(level=EthnicGroup.Level.COMBINED)
        for code, name, pk in loadable.values_list("code", "name", "pk"):
            self.groups[normalised(code)] = pk
            self.groups[normalised(name)] = pk
        labels = EthnicGroupLabel.objects.values_list("publisher", "label", "group_id")
        # The publisher's own labels win over anyone else's.
        scheme = SCHEME_LABELS.get(publisher, {})
        codes = dict(EthnicGroup.objects.filter(code__in=scheme.values()).values_list("code", "pk"))
        self.groups |= {label: codes[code] for label, code in scheme.items() if code in codes}
        for _publisher, label, pk in sorted(labels, key=lambda row: row[0] == publisher):
            self.groups[normalised(label)] = pk

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
        return self.groups.get(key), key in self.groups
