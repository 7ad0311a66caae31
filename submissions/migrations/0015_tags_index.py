"""
PostgreSQL: a GIN index of each search entry's tags, so that a theme or category filter is answered
from an index that PostgreSQL can combine with the text's (a bitmap AND) instead of testing the tags
of every entry the text matches. SQLite tests the tags string.
"""

from django.db import migrations

from submissions.migrations._postgresql import run_on_postgresql

ADD = ["CREATE INDEX searchentry_tags ON submissions_searchentry USING gin (string_to_array(tags, ','))"]
REMOVE = ["DROP INDEX searchentry_tags"]


class Migration(migrations.Migration):
    dependencies = [("submissions", "0014_tag_tallies")]

    operations = [migrations.RunPython(run_on_postgresql(ADD), run_on_postgresql(REMOVE))]
