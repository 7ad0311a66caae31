"""
What the proforma's services announce, for derived data in the apps above (the search index):
the services send them inside their transaction, so a failing receiver undoes the change.
"""

from django.dispatch import Signal

# Sent with practice=: an entry is now published (first time, changed, or imported as published).
practice_published = Signal()
# Sent with practice=: an entry is no longer published.
practice_unpublished = Signal()
