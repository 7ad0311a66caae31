"""Rates, indices and intervals: against values worked by hand, and against statsmodels' own calculation."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from statsmodels.stats.contingency_tables import Table2x2

from evidence.figures import GroupFigure
from evidence.statistics import Index, bound_text, per_thousand, reading, relative_rate_index


def test_rate_per_thousand_worked_by_hand():
    assert per_thousand(12, 2500) == pytest.approx(4.8)
    assert per_thousand(0, 2500) == 0
    assert per_thousand(12, 0) is None
    assert per_thousand(None, 2500) is None


def test_index_and_interval_worked_by_hand():
    # 30 of 1,000 against 20 of 2,000: RR = 0.03 / 0.01 = 3.
    # SE(ln RR)² = 1/30 − 1/1000 + 1/20 − 1/2000 = 0.0818333, SE = 0.28607; e^(1.96 × 0.28607) = 1.7519,
    # so the interval is 3 ÷ 1.7519 to 3 × 1.7519.
    index = relative_rate_index(30, 1000, 20, 2000)
    assert index.value == pytest.approx(3.0)
    assert index.low == pytest.approx(1.712, abs=0.001)
    assert index.high == pytest.approx(5.256, abs=0.001)
    assert index.is_clear


def test_an_interval_that_includes_one_is_not_clear():
    index = relative_rate_index(6, 1000, 5, 1000)
    assert index.low < 1 < index.high
    assert not index.is_clear


@pytest.mark.parametrize(
    "numbers", [(0, 100, 5, 100), (5, 100, 0, 100), (None, 100, 5, 100), (5, 0, 5, 100), (101, 100, 5, 100)]
)
def test_too_little_to_say_gives_no_index(numbers):
    assert relative_rate_index(*numbers) is None


@given(
    a=st.integers(1, 5000),
    extra_a=st.integers(1, 100_000),
    c=st.integers(1, 5000),
    extra_c=st.integers(1, 100_000),
)
def test_index_and_interval_agree_with_statsmodels(a, extra_a, c, extra_c):
    index = relative_rate_index(a, a + extra_a, c, c + extra_c)
    table = Table2x2([[a, extra_a], [c, extra_c]])
    low, high = table.riskratio_confint(alpha=0.05, method="normal")
    assert index.value == pytest.approx(table.riskratio)
    assert index.low == pytest.approx(low) and index.high == pytest.approx(high)
    assert not math.isnan(index.low)


def test_reading_says_how_many_times_as_likely_and_whether_it_could_be_chance():
    index = relative_rate_index(31, 1000, 10, 1000)
    sentence = reading(group="Caribbean", comparison="White British", index=index, verb="to be permanently excluded")
    assert sentence == (
        "Caribbean children were 3.1 times as likely as White British children to be permanently excluded; "
        "we can be confident this is not chance."
    )
    unclear = reading(
        group="Indian", comparison="White British", index=relative_rate_index(6, 1000, 5, 1000), verb="to be arrested"
    )
    assert unclear.endswith("the difference could be chance (the 95% confidence interval includes 1).")


def test_reading_with_too_few_says_so():
    assert reading(group="Roma", comparison="White British", index=None, verb="to be arrested") == (
        "There are too few Roma children in these figures to say how likely they were to be arrested."
    )


def test_a_group_less_likely_is_said_to_be_less_likely():
    index = relative_rate_index(10, 1000, 31, 1000)
    sentence = reading(group="Indian", comparison="White British", index=index, verb="to be arrested")
    assert sentence == (
        "Indian children were less likely than White British children to be arrested (0.32 times as likely); "
        "we can be confident this is not chance."
    )


def test_an_interval_just_clear_of_one_is_judged_by_itself_and_read_in_numbers_that_show_it():
    """The second tester's Hackney arrests, Black African: 95 of 6,844 against White British 183 of 16,917."""
    index = relative_rate_index(95, 6844, 183, 16917)
    assert (round(index.low, 3), round(index.high, 3)) == (1.003, 1.641)
    assert index.is_clear
    sentence = reading(group="Black African", comparison="White British", index=index, verb="to be arrested")
    assert sentence.endswith(
        "we can be confident this is not chance, if only just: the 95% confidence interval, 1.003 to 1.64, is just "
        "above 1."
    )
    just_below = Index(0.8, 0.648, 0.998)  # Newham's referrals, Pakistani
    below = reading(group="Pakistani", comparison="White British", index=just_below, verb="to be referred")
    assert below.endswith("if only just: the 95% confidence interval, 0.65 to 0.998, is just below 1.")
    assert not Index(1.4, 0.9996, 1.9).is_clear


@pytest.mark.parametrize(
    "value, places, text",
    [(1.003, 2, "1.003"), (0.998, 2, "0.998"), (1.0004, 3, "1.0004"), (1.641, 2, "1.64"), (1.0, 2, "1.00")],
)
def test_a_bound_is_given_to_as_many_places_as_it_takes_not_to_read_1(value, places, text):
    assert bound_text(value, places) == text


def test_a_pages_index_shows_a_bound_near_1_to_three_places():
    figure = GroupFigure(group=None, count=95, status="", denominator=6844, index=Index(1.28, 1.003, 1.641))
    assert figure.index_text == "1.28 (1.003 to 1.64)"
