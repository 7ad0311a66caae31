"""Derived data follows the datasets: deleting one rebuilds the pages' protected tables once it is committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from evidence import protection
from evidence.models import Dataset


@receiver(post_delete, sender=Dataset)
def rebuild_tables(sender, **kwargs):
    transaction.on_commit(protection.build_all)
