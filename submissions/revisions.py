"""
An entry's content as plain data, and what changed between two versions of it,
word by word, for the moderator's review page.
"""

import difflib
import re
from dataclasses import dataclass

# content key -> label, in the order of the proforma
FIELDS = {
    "local_authority": "Local authority",
    "title": "Name of the project or approach",
    "categories": "Shared with",
    "themes": "Themes",
    "summary": "Short summary",
    "description": "Description of the work",
    "impact": "Impact",
    "contacts": "Contacts",
    "resources": "Resources",
}


def content_of(practice):
    """Everything a reader sees of the entry, as JSON-ready data."""
    return {
        "local_authority": practice.local_authority.name,
        "title": practice.title,
        "categories": [category.name for category in practice.categories.all()],
        "themes": [theme.name for theme in practice.themes.all()],
        "summary": practice.summary,
        "description": practice.description,
        "impact": practice.impact,
        "contacts": [
            {"name": c.name, "role": c.role, "email": c.email, "phone": c.phone} for c in practice.contacts.all()
        ],
        "resources": [
            {"title": r.title, "url": r.url, "filename": r.original_filename} for r in practice.resources.all()
        ],
    }


def as_text(key, value):
    """One field of a content dict as the text a person compares."""
    if key == "contacts":
        return "\n".join(", ".join(part for part in contact.values() if part) for contact in value)
    if key == "resources":
        return "\n".join(f"{r['title']} ({r['filename'] or r['url'] or 'awaiting a link or file'})" for r in value)
    if isinstance(value, list):
        return ", ".join(value)
    return value or ""


@dataclass
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def segments(self):
        """(kind, text) runs: kind is 'same', 'removed' or 'added'."""
        return word_diff(self.old, self.new)


def changes_between(old, new):
    """The fields whose words differ between two content dicts, with their old and new text; spacing aside."""
    changes = []
    for key, label in FIELDS.items():
        old_text, new_text = as_text(key, old.get(key, "")), as_text(key, new.get(key, ""))
        if old_text.split() != new_text.split():
            changes.append(FieldChange(label, old_text, new_text))
    return changes


TOKENS = re.compile(r"\S+\s*")  # a word with the space after it (the text's leading space is not compared)


def word_diff(old, new):
    """The words removed and added, compared without the spaces after them (a word that moved to a new line is the
    same word); unchanged words keep the new text's spacing."""
    old_words, new_words = TOKENS.findall(old.lstrip()), TOKENS.findall(new.lstrip())
    matcher = difflib.SequenceMatcher(
        None, [w.strip() for w in old_words], [w.strip() for w in new_words], autojunk=False
    )
    segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(new_words[j1:j2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("removed", "".join(old_words[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("added", "".join(new_words[j1:j2])))
    return segments


def changes_for_review(practice):
    """
    What changed since the moderators last saw the entry: changes to a published entry
    against the live version; a resubmission against the previous submission. None if new.
    """
    if practice.revision_of_id:
        return changes_between(content_of(practice.revision_of), content_of(practice))
    submitted = [s for s in practice.snapshots.all() if s.kind == "submitted"]
    if len(submitted) < 2:
        return None
    return changes_between(submitted[-2].content, submitted[-1].content)
