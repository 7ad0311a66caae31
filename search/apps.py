from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search import engine
        from submissions import signals

        # The index is derived data: it follows what the proforma's services publish and unpublish.
        signals.practice_published.connect(engine.index_published, dispatch_uid="search-index-published")
        signals.practice_unpublished.connect(engine.remove_unpublished, dispatch_uid="search-remove-unpublished")
