from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import audit, notifications
        from outbox import mail

        audit.connect()
        mail.SECRET_LINKS[notifications.SET_PASSWORD] = notifications.SET_PASSWORD_LINK
