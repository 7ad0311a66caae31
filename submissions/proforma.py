"""The whole proforma as one form: the entry, its contacts and its resources, saved together."""

from django.forms import BaseInlineFormSet, inlineformset_factory

from accounts.roles import lead_authorities
from inputs.error_summary import error_summary
from inputs.formsets import BoundedFormSetMixin
from submissions.forms import ContactForm, ProformaForm, ResourceForm
from submissions.importers import authorities
from submissions.models import Contact, Practice, Resource
from submissions.texts import is_vague_title, suggested_title


class AddAnotherFormSet(BoundedFormSetMixin, BaseInlineFormSet):
    """A GOV.UK add-another list: saved rows can be removed, and one empty row waits at the end. No more
    rows are built than it holds, whatever the page claims (see inputs.formsets)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove"


MAX_ROWS = 20  # contacts, and resources, on one entry


def add_another_formset(model, form):
    rows = model._meta.verbose_name_plural
    formset = inlineformset_factory(
        Practice,
        model,
        form=form,
        formset=AddAnotherFormSet,
        extra=1,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
        can_delete=True,
        validate_max=True,
    )
    formset.default_error_messages = {
        "too_many_forms": f"You can add up to %(num)d {rows}. Check the {rows} below and save again.",
        "unreadable_counts": f"The {rows} on the page could not all be read. Check them below and save again.",
    }
    return formset


ContactFormSet = add_another_formset(Contact, ContactForm)
ResourceFormSet = add_another_formset(Resource, ResourceForm)


IMPORTED_AS = {"links": "resources"}  # the importer's name for a field -> the proforma's
IMPORT_STATUS = {
    "found": "Read from your proforma, under its question.",
    "inferred": "Worked out from your proforma, not read under its own question.",
    "missing": "Not found in your proforma.",
}


def import_status(how, warning):
    """(what the reader did for this field, whether to mark it Check) for a field filled from a file."""
    if how is None and not warning:
        return None
    return IMPORT_STATUS.get(how, ""), bool(warning) or how != "found"


class Proforma:
    """The whole proforma page: the entry's form plus its contacts and resources formsets."""

    other_authority = None  # the authority an imported file names, when the lead does not lead for it
    unknown_authority = ""  # the words an imported file names its authority with, when it is not a London one

    def __init__(self, *, user, data=None, files=None, instance=None, initial=None, warnings=None, certainty=None):
        instance = instance or Practice()
        initial = initial or {}
        if data is not None:
            data = data.copy()  # mutable, so kept uploads can be written back into it
        self.form = ProformaForm(data, files, instance=instance, user=user, initial=initial.get("form"))
        self.contacts = ContactFormSet(data, instance=instance, prefix="contacts", initial=initial.get("contacts"))
        self.resources = ResourceFormSet(
            data, files, instance=instance, prefix="resources", initial=initial.get("resources")
        )
        for formset in (self.contacts, self.resources):
            formset.extra = len(formset.initial_extra or []) + 1
            formset.warning = " ".join((warnings or {}).get(formset.prefix, []))
            formset.import_status = import_status((certainty or {}).get(formset.prefix), formset.warning)
        for name in set(warnings or {}) | set(certainty or {}):
            if name in self.form.fields:
                field = self.form.fields[name]
                field.warning = " ".join((warnings or {}).get(name, []))
                field.import_status = import_status((certainty or {}).get(name), field.warning)
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext id_{name}_warning"

    @classmethod
    def from_import(cls, parsed, *, user, for_call=None):
        """
        A new proforma filled in from a parsed Word or text proforma: beside each field, how sure the reader
        is and any warning. A proforma from an authority the lead does not lead for is never filed under
        theirs unasked: the lead chooses, and other_authority (or unknown_authority, the words of a file naming
        an authority outside London) names the file's for the top of the page.
        """
        warnings = {IMPORTED_AS.get(name, name): list(messages) for name, messages in parsed.warnings.items()}
        for name, rows in (("contacts", parsed.contacts), ("resources", parsed.links)):
            if len(rows) > MAX_ROWS:  # the form has room for MAX_ROWS: the rest are named, not dropped unsaid
                warnings.setdefault(name, []).append(
                    f"The proforma gives {len(rows)} {name}; an entry holds {MAX_ROWS}, so only the first "
                    f"{MAX_ROWS} are filled in. Choose the ones to keep."
                )
        certainty = {IMPORTED_AS.get(name, name): how for name, how in parsed.certainty.items()}
        authority, other_authority = parsed.local_authority, None
        if authority and not lead_authorities(user).filter(pk=authority.pk).exists():
            warnings.setdefault("local_authority", []).append(f"You are not a lead for {authority}. Select yours.")
            authority, other_authority = None, parsed.local_authority
        title = parsed.title
        if (not title or is_vague_title(title)) and (
            suggestion := suggested_title(parsed.description, parsed.local_authority)
        ):
            said = f"names the work ‘{title[:100]}’" if title else "gives no name for the work"
            whence = " from its description" if suggestion in " ".join(parsed.description.split()) else ""
            warnings["title"] = [f"The proforma {said}; we suggest one{whence}. Change it if you like."]
            title = suggestion
        initial = {
            "form": {
                **(for_call or {}).get("form", {}),  # the call the page was opened for, and the themes it asks about
                "local_authority": authority and authority.pk,
                "title": title,
                "summary": parsed.summary,
                "categories": [category.pk for category in parsed.categories],
                "description": parsed.description,
                "impact": parsed.impact,
            },
            "contacts": parsed.contacts[:MAX_ROWS],
            "resources": parsed.links[:MAX_ROWS],
        }
        proforma = cls(user=user, initial=initial, warnings=warnings, certainty=certainty)
        proforma.other_authority = other_authority
        # 'Surrey County Council': named, but not a London authority; never quietly filed under the lead's own. An
        # abbreviation several London authorities share ('LBH') is London's: its field's warning names them.
        shared = not parsed.local_authority and authorities.ambiguous(parsed.local_authority_text or "")
        proforma.unknown_authority = parsed.local_authority_text if not parsed.local_authority and not shared else ""
        if other_authority or proforma.unknown_authority or shared:
            proforma.form.fields["local_authority"].empty_label = "Select"  # no authority chosen for them
        return proforma

    def is_valid(self):
        results = [self.form.is_valid(), self.contacts.is_valid(), self.resources.is_valid()]
        return all(results)

    def new_files(self):
        """The resources' forms with a valid new file."""
        return [form for form in self.resources.forms if form not in self.resources.deleted_forms and form.new_file()]

    def keep_valid_uploads(self):
        """Store each valid new file, so that a failure elsewhere on the page does not lose it. Once storage refuses
        one, the rest are not tried (each try would keep the lead waiting): all are named to be chosen again.
        False if any was not kept."""
        waiting = self.new_files()
        for number, form in enumerate(waiting):
            if not form.keep_valid_upload():
                self.choose_files_again(waiting[number + 1 :])
                return False
        return True

    def choose_files_again(self, forms=None):
        for form in self.new_files() if forms is None else forms:
            form.choose_again()

    def error_summary(self):
        """(field id, message) pairs for the error summary at the top of the page."""
        errors = error_summary(self.form)
        for label, formset in (("Contact", self.contacts), ("Resource", self.resources)):
            errors += [(formset.prefix, message) for message in formset.non_form_errors()]
            for number, form in enumerate(formset.forms, start=1):
                if form not in formset.deleted_forms:
                    errors += [(anchor, f"{label} {number}: {message}") for anchor, message in error_summary(form)]
        return errors

    def save(self):
        practice = self.form.save()
        self.contacts.instance = self.resources.instance = practice
        self.contacts.save()
        self.resources.save()
        return practice

    def stored_files(self):
        """Files this save has written to storage so far."""
        return [form.stored_file for form in self.resources.forms if getattr(form, "stored_file", None)]

    def discarded_files(self):
        """Stored files no longer used once the proforma is saved: removed or replaced resources."""
        removed = [form.instance.file.name for form in self.resources.deleted_forms if form.instance.file]
        replaced = [getattr(form, "replaced_file", None) for form in self.resources.forms]
        return [name for name in removed + replaced if name]
