from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from django.db.backends.signals import connection_created

        from operations.logs import watch_timeouts

        connection_created.connect(watch_timeouts, dispatch_uid="operations-watch-timeouts")
