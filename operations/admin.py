from django.contrib import admin

from operations.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """What `run_scheduled` last did: read only, for an operator checking the timers work."""

    list_display = ["job", "last_started_at", "last_finished_at", "last_outcome", "next_due_at", "runs"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
