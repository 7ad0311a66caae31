from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Sub-regional plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from plans import audit

        audit.connect()
