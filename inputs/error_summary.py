"""The GOV.UK error summary: a form's errors, each linked to the answer it is about."""

from django import forms


def error_summary(form):
    """A form's errors as (field id, message) pairs, for the GOV.UK error summary."""
    errors = []
    for name, messages in form.errors.items():
        field = form[name] if name in form.fields else form[next(iter(form.fields))]
        anchor = field.auto_id
        if isinstance(field.field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect, forms.MultiWidget)):
            anchor = f"{anchor}_0"
        errors += [(anchor, message) for message in messages]
    return errors
