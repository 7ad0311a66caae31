"""
Saving while storage or the database cannot be reached. Nothing is saved (all or nothing), the form
comes back with everything typed and says so, and the answer is 503 (try again later), never a 500.
Files already in storage stay kept; a file storage would not take is named, to be chosen again.
"""

from django.db import InterfaceError, OperationalError

from submissions.uploads import STORAGE_ERRORS

# What "cannot be reached just now" raises; any other error is a fault of the portal's own (a 500).
UNAVAILABLE = (*STORAGE_ERRORS, OperationalError, InterfaceError)
FILE_NOT_SAVED = "We could not save your file just now; your answers are below, please try again in a few minutes"
NOT_SAVED = "We could not save your answers just now; they are below, please try again in a few minutes"


def is_storage(error):
    return isinstance(error, STORAGE_ERRORS)


def not_saved_message(files):
    """The message at the top of the page, about the file when the form carried one."""
    return FILE_NOT_SAVED if files else NOT_SAVED


def try_again_later(response):
    """The re-shown form as a 503: a proxy or a script sees it was not saved, and when to try again."""
    response.status_code = 503
    response["Retry-After"] = "60"
    return response
