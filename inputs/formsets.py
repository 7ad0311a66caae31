"""
Formsets whose size is read like any other number from a request. A page says how many rows it sends
(TOTAL_FORMS) and how many of them were saved before (INITIAL_FORMS); Django takes these on trust up to
absolute_max (by default 1,000 more than max_num) and builds a form for each row before checking
anything, so a page claiming 100,000 rows kept a worker busy for half a minute. Here the counts go
through inputs.numbers, no more rows are built than the formset holds, and a count over the maximum,
or one that cannot be read, is refused with a message while the rows the page really sent are shown
again: nothing typed is lost.
"""

import re

from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property

from inputs.numbers import ASCII_DIGITS, whole_number


class BoundedFormSetMixin:
    """For a formset made with absolute_max equal to max_num. Its error_messages word the two refusals:
    "too_many_forms" (with %(num)d, the most it holds) and "unreadable_counts"."""

    default_error_messages = {
        "too_many_forms": "You can add up to %(num)d rows",
        "unreadable_counts": "The rows on the page could not all be read. Check them and save again.",
    }

    def sent(self, name):
        value = self.data.get(self.add_prefix(name), "")
        return str(value) if isinstance(value, int) else value

    def sent_total(self):
        """TOTAL_FORMS as sent, if it is a whole number the formset holds; else None."""
        return whole_number(self.sent(TOTAL_FORM_COUNT), lowest=0, highest=self.absolute_max)

    def sent_initial(self):
        """INITIAL_FORMS as sent, if it is a whole number no larger than the rows built; else None."""
        return whole_number(self.sent(INITIAL_FORM_COUNT), lowest=0, highest=self.total_form_count())

    @cached_property
    def rows_sent(self):
        """How many rows the page holds, by the names of its fields, up to the most the formset holds."""
        row = re.compile(rf"{re.escape(self.prefix)}-([0-9]{{1,6}})-")
        numbers = [int(match.group(1)) for name in [*self.data, *self.files] if (match := row.match(name))]
        return min(max(numbers, default=-1) + 1, self.absolute_max)

    def total_form_count(self):
        if not self.is_bound:
            return super().total_form_count()
        total = self.sent_total()
        return self.rows_sent if total is None else total

    def initial_form_count(self):
        if not self.is_bound:
            return super().initial_form_count()
        return self.sent_initial() or 0

    @property
    def management_form(self):
        """As Django's, but shown again with the rows now on the page, never with the counts as they came."""
        form = super().management_form
        if self.is_bound and not getattr(form, "shows_rows_built", False):
            form.data = {
                form.add_prefix(TOTAL_FORM_COUNT): str(self.total_form_count()),
                form.add_prefix(INITIAL_FORM_COUNT): str(self.initial_form_count()),
            }
            form.shows_rows_built = True
        return form

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or (self.sent_total() is not None and self.sent_initial() is not None):
            return
        if self.sent_total() is None and ASCII_DIGITS.fullmatch(self.sent(TOTAL_FORM_COUNT)):
            message = self.error_messages["too_many_forms"] % {"num": self.max_num}
        else:
            message = self.error_messages["unreadable_counts"]
        self._non_form_errors = self.error_class([message], error_class="nonform", renderer=self.renderer)


class BoundedInlineFormSet(BaseInlineFormSet):
    """For the admin's inlines. Django builds a row for every one a page claims up to absolute_max, 1,000 more
    than max_num (an admin's 100,000 memberships took 10 s); here no more than the object's saved rows plus
    max_num, which every inline using it sets (0 where it adds none: the admin does that itself)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.absolute_max = min(self.absolute_max, self.get_queryset().count() + self.max_num)
