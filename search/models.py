"""The search index: derived from published entries only, and rebuilt from them at will."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from reference.models import LocalAuthority, SubRegion
from submissions.models import Practice

# What a browse page reads of each entry it skips or shows, and what its filters test.
BROWSED = ["tags", "local_authority", "sub_region", "year", "call"]


class SearchEntry(models.Model):
    """
    Derived data for browse and search: one row per published entry and nothing else, so
    unpublished text can never be found. Written only by search/engine.py.
    """

    practice = models.OneToOneField(Practice, models.CASCADE, primary_key=True, related_name="search_entry")
    local_authority = models.ForeignKey(LocalAuthority, models.CASCADE, related_name="+")
    sub_region = models.ForeignKey(SubRegion, models.CASCADE, related_name="+")
    call = models.ForeignKey("calls.Call", models.SET_NULL, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(db_index=True)
    year = models.PositiveSmallIntegerField(db_index=True)
    title = models.CharField(max_length=200, db_index=True)
    # ",t3,t7,c2," for themes 3 and 7 and category 2: filtered and counted with plain string tests,
    # which both databases do in one pass far faster than unpacking JSON.
    tags = models.TextField(default=",")
    # The entry's distinct words, so the vocabulary can be counted down exactly when it leaves.
    words = models.TextField(blank=True)
    # PostgreSQL: the whole text, weighted, for matching (GIN index); and a compact vector of
    # the title, themes and summary for ranking cheaply. SQLite keeps its FTS5 table instead.
    search_vector = SearchVectorField(null=True)
    rank_vector = SearchVectorField(null=True)

    class Meta:
        db_table = "submissions_searchentry"
        ordering = ["-published_at", "practice_id"]
        # The browse page's two orders, each index holding what a page reads and what the filters test: a page deep in
        # the list skips its entries in the index alone (PostgreSQL reads no row; SQLite ignores `include`).
        indexes = [
            models.Index(fields=["-published_at", "practice"], include=BROWSED, name="searchentry_newest"),
            models.Index(fields=["title", "practice"], include=BROWSED, name="searchentry_title"),
        ]
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """The vocabulary of published text, with how many entries use each word: for 'did you mean'."""

    word = models.CharField(max_length=60, primary_key=True)
    entries = models.IntegerField(default=0)  # not Positive: a decrement is proposed as a negative upsert

    class Meta:
        db_table = "submissions_searchword"

    def __str__(self):
        return self.word
