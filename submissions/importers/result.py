"""What was read from a proforma, how sure the reader is of each field, and the warnings for a person."""

from dataclasses import dataclass, field

from inputs.text_fields import clean_text, is_hidden
from reference.models import LocalAuthority
from submissions.models import Contact, Practice, Resource
from submissions.texts import summary_from

FOUND, INFERRED, MISSING = "found", "inferred", "missing"


@dataclass
class ParsedProforma:
    local_authority: LocalAuthority | None = None
    local_authority_text: str = ""
    title: str = ""
    categories: list = field(default_factory=list)
    description: str = ""
    impact: str = ""
    contacts: list = field(default_factory=list)
    links: list = field(default_factory=list)
    warnings: dict = field(default_factory=dict)
    certainty: dict = field(default_factory=dict)  # field -> found (under its label) | inferred | missing
    overlong: list = field(default_factory=list)  # answers longer than the form allows: nothing is cut

    @property
    def summary(self):
        """The template has no short summary: the description's first paragraph stands in for one."""
        return summary_from(self.description)

    def warn(self, field_name, message):
        self.warnings.setdefault(field_name, []).append(message)

    def uncertain(self, field_name):
        return self.certainty.get(field_name, MISSING) != FOUND


def check(parsed):
    """Warnings for what is missing, and for anything longer than the form can hold (nothing is cut)."""
    if not parsed.title:
        parsed.warn("title", "The proforma does not give the name of the project or approach. Enter one.")
    if not parsed.contacts:
        parsed.warn(
            "contacts",
            "We found no contact. Add one if the proforma names someone; without one, people are asked to write "
            "to the alliance.",
        )
    if parsed.description:
        parsed.warn("summary", "The Word template has no short summary, so we used the start of the description.")
    too_long(parsed, "title", parsed.title, Practice, "title", "The name of the project")
    too_long(parsed, "description", parsed.description, Practice, "description", "The description")
    too_long(parsed, "impact", parsed.impact, Practice, "impact", "The impact")
    for number, contact in enumerate(parsed.contacts, start=1):
        for name in ("name", "role", "email", "phone"):
            too_long(parsed, "contacts", contact[name], Contact, name, f"Contact {number}’s {name}")
    for number, link in enumerate(parsed.links, start=1):
        too_long(parsed, "links", link["title"], Resource, "title", f"Link {number}’s title")
        too_long(parsed, "links", link["url"], Resource, "url", f"Link {number}’s address")


def too_long(parsed, field_name, value, model, model_field, what):
    limit = model._meta.get_field(model_field).max_length
    if limit and len(value) > limit:
        message = f"{what} in the file is {len(value):,} characters, longer than the {limit:,} the form allows."
        parsed.overlong.append(message)
        parsed.warn(field_name, f"{message} Shorten it.")


def clean(parsed):
    """What was read as the form stores it: long answers through inputs.text_fields.clean_text, and one-line
    ones (the title, contacts' details, links) without the hidden characters the form refuses in them."""
    parsed.description, parsed.impact = clean_text(parsed.description), clean_text(parsed.impact)
    parsed.title, parsed.local_authority_text = (
        without_hidden(parsed.title),
        without_hidden(parsed.local_authority_text),
    )
    for item in [*parsed.contacts, *parsed.links]:
        item.update({key: without_hidden(value) for key, value in item.items() if isinstance(value, str)})
    return parsed


def without_hidden(text):
    return "".join(character for character in text if not is_hidden(character))
