from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evidence"
    verbose_name = "Evidence: disparity data"

    def ready(self):
        from evidence import api_schema
        from publishing.api_schema import EXTENSIONS

        if (api_schema.PATHS, api_schema.SCHEMAS) not in EXTENSIONS:
            EXTENSIONS.append((api_schema.PATHS, api_schema.SCHEMAS))
