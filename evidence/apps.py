from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evidence"
    verbose_name = "Evidence: disparity data"

    def ready(self):
        from evidence import api_schema, cite_views
        from publishing.api_schema import EXTENSIONS
        from submissions import panels

        panels.register(cite_views.entry_panel)  # "Evidence this practice cites" on an entry's pages

        if (api_schema.PATHS, api_schema.SCHEMAS) not in EXTENSIONS:
            EXTENSIONS.append((api_schema.PATHS, api_schema.SCHEMAS))
