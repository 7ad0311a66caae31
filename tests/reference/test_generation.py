"""
The generation (reference/generation.py) is read from the database at most once a second by a process: a change made
in this process is seen here at once, one made in another within the second, and a number read inside a transaction
(which may not be committed) is never kept for later requests.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reference import generation
from reference.models import SearchState

pytestmark = pytest.mark.usefixtures("transactional_db")  # outside a test's transaction, as a served request is


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(generation.time, "monotonic", lambda: now[0])
    return now


def another_process_bumps():
    SearchState.objects.filter(pk=1).update(generation=SearchState.objects.get(pk=1).generation + 1)


def test_a_process_asks_the_database_at_most_once_a_second(clock):
    first = generation.current()
    with CaptureQueriesContext(connection) as asked:
        assert generation.current() == first
    assert len(asked) == 0

    another_process_bumps()
    clock[0] += 0.5
    assert generation.current() == first
    clock[0] += 0.6
    assert generation.current() == first + 1


def test_a_change_made_in_this_process_is_seen_at_once(clock):
    first = generation.current()
    generation.bump()
    assert generation.current() == first + 1


def test_a_number_read_inside_a_transaction_is_not_kept(clock):
    first = generation.current()
    generation.forget_here()
    with transaction.atomic():
        generation.bump()
        assert generation.current() == first + 1
        transaction.set_rollback(True)
    assert generation.current() == first
