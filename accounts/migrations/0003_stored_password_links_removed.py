"""Links to choose a password were written into the outbox's stored emails; they are taken out (they no longer
work either: tokens now count the links issued, accounts/tokens.py)."""

import re

from django.db import migrations

STORED_LINK = re.compile(r"\S*/accounts/reset/[^/\s]+/[^/\s]+/?")
REMOVED = "[link to choose a password, no longer stored]"


def remove_stored_links(apps, schema_editor):
    OutgoingEmail = apps.get_model("outbox", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(body__contains="/accounts/reset/"):
        email.body = STORED_LINK.sub(REMOVED, email.body)
        email.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_passwordlinks"), ("outbox", "0002_secret_links")]

    operations = [migrations.RunPython(remove_stored_links, migrations.RunPython.noop)]
