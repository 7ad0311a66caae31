"""
PostgreSQL: a GIN index of the ranking vector's A-weighted lexemes (an entry's title and themes), so a one-word
search can find the entries that have the word there without reading every match: with at least a page's worth
of them, they are the page (search/postgresql.py, ranked_page). SQLite ranks with FTS5 and needs nothing.
"""

from django.db import migrations

from submissions.migrations._postgresql import run_on_postgresql

ADD = [
    "CREATE INDEX submissions_searchentry_rank_a ON submissions_searchentry USING gin (ts_filter(rank_vector, '{a}'))"
]
REMOVE = ["DROP INDEX submissions_searchentry_rank_a"]


class Migration(migrations.Migration):
    dependencies = [("submissions", "0021_practice_split_from")]

    operations = [migrations.RunPython(run_on_postgresql(ADD), run_on_postgresql(REMOVE))]
