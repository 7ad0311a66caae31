"""The outbox in the admin: what was sent, and retrying what the mail server refused."""

from django.contrib import admin, messages
from django.utils.text import Truncator

from outbox import mail
from outbox.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox: what was sent, and what the mail server refused and is waiting to be retried."""

    list_display = ["subject", "to", "created_at", "sent_at", "attempts", "error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject", "last_error"]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        """Every field: an email is read here, never changed (its recipients and headers would send it elsewhere)."""
        return [field.name for field in OutgoingEmail._meta.fields]

    @admin.display(description="why it has not gone")
    def error(self, email):
        return "" if email.sent_at else Truncator(email.last_error).chars(120)

    @admin.action(description="Try sending the selected unsent emails again")
    def retry(self, request, queryset):
        unsent = list(queryset.filter(sent_at=None).values_list("pk", flat=True))
        sent = mail.send(unsent)
        messages.info(request, f"Sent {sent} email(s).")
        if sent < len(unsent):
            messages.warning(request, f"{len(unsent) - sent} could not be sent: the error is shown against each.")
