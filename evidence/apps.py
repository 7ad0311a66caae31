from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "evidence"
    verbose_name = "Evidence: disparity data"

    def ready(self):
        from evidence import api_schema, cite_views, pack_tables
        from plans import panels as plan_panels
        from plans.pack_document import register_action_part, register_practice_part
        from publishing.api_schema import EXTENSIONS
        from submissions import panels

        panels.register(cite_views.entry_panel)  # "Evidence this practice cites" on an entry's pages
        register_practice_part(pack_tables.write_cited)  # and its figures in a meeting's pack
        plan_panels.register(cite_views.action_panel)  # "Evidence this action cites" on an action's page
        register_action_part(pack_tables.write_action_cited)  # and its figures under the action in the pack

        if (api_schema.PATHS, api_schema.SCHEMAS) not in EXTENSIONS:
            EXTENSIONS.append((api_schema.PATHS, api_schema.SCHEMAS))
