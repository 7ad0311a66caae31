from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = "Sharing Practice"

    def ready(self):
        from submissions import audit, reference

        audit.connect()
        from submissions.models import LocalAuthority, SharingCategory, SubRegion, Theme

        # Derived data only: the cached reference lists follow the admin's changes.
        for model in (SubRegion, LocalAuthority, Theme, SharingCategory):
            post_save.connect(reference.forget, sender=model, dispatch_uid=f"forget-reference-{model.__name__}")
            post_delete.connect(reference.forget, sender=model, dispatch_uid=f"forget-reference-{model.__name__}-d")
