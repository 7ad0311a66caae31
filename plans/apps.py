from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Sub-regional plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from outbox import mail
        from plans import audit, contact_links

        audit.connect()
        mail.SECRET_LINKS[contact_links.CONTACT_ACTIONS] = contact_links.CONTACT_ACTIONS_LINK
