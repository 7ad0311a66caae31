from django.db import models


class JobRun(models.Model):
    """When each scheduled job last ran and is next due: the row `run_scheduled` claims."""

    job = models.CharField(max_length=60, unique=True)
    next_due_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_outcome = models.CharField(max_length=200, blank=True)
    runs = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["job"]

    def __str__(self):
        return self.job
