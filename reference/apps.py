from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ReferenceConfig(AppConfig):
    name = "reference"
    verbose_name = "Reference data"

    def ready(self):
        from reference import cached
        from reference.models import LocalAuthority, SharingCategory, SubRegion, Theme

        # Derived data only: the cached reference lists follow the admin's changes.
        for model in (SubRegion, LocalAuthority, Theme, SharingCategory):
            post_save.connect(cached.forget, sender=model, dispatch_uid=f"forget-reference-{model.__name__}")
            post_delete.connect(cached.forget, sender=model, dispatch_uid=f"forget-reference-{model.__name__}-d")
