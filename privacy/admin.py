"""Personal data in the admin: the record of erasures, read-only."""

from django.contrib import admin

from privacy.models import Erasure
from submissions.admin import ReadOnlyMixin


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """That a person was erased, when and by whom; never who. Erasing is done on the People's data page."""

    list_display = ["created_at", "records", "mode", "by"]
    fields = readonly_fields = ["created_at", "records", "mode", "replacement", "by"]
