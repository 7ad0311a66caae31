"""Rates, indices and intervals: against values worked by hand, and against statsmodels' and scipy's own calculations
(the log method from 10 counted on both sides, the exact interval below)."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import test_poisson_2indep as poisson_test

from evidence.figures import GroupFigure
from evidence.statistics import Index, bound_text, per_thousand, rate_interval, reading, relative_rate_index

SLOW_MACHINE = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
    "numbers", [(0, 100, 0, 100), (None, 100, 5, 100), (5, 0, 5, 100), (5, 100, 5, None), (101, 100, 5, 100)]
)
def test_too_little_to_say_gives_no_index(numbers):
    assert relative_rate_index(*numbers) is None


@SLOW_MACHINE
@given(
    a=st.integers(10, 5000),
    extra_a=st.integers(1, 100_000),
    c=st.integers(10, 5000),
    extra_c=st.integers(1, 100_000),
)
def test_from_10_on_both_sides_the_index_and_interval_agree_with_statsmodels_log_method(a, extra_a, c, extra_c):
    index = relative_rate_index(a, a + extra_a, c, c + extra_c)
    table = Table2x2([[a, extra_a], [c, extra_c]])
    low, high = table.riskratio_confint(alpha=0.05, method="normal")
    assert not index.exact
    assert index.value == pytest.approx(table.riskratio)
    assert index.low == pytest.approx(low) and index.high == pytest.approx(high)
    assert not math.isnan(index.low)


def exact_by_scipy(a, n1, c, n2):
    """The exact conditional interval worked out with scipy: Clopper-Pearson's interval of a of a + c (scipy's
    binomtest), each bound p turned into the ratio of rates p ÷ (1 − p) × n₂ ÷ n₁."""
    interval = binomtest(a, a + c).proportion_ci(confidence_level=0.95, method="exact")
    return tuple(math.inf if p == 1 else p / (1 - p) * n2 / n1 for p in (interval.low, interval.high))


@SLOW_MACHINE
@given(
    small=st.integers(0, 9),
    other=st.integers(0, 50_000),
    extra_small=st.integers(0, 100_000),
    extra_other=st.integers(0, 100_000),
    small_is_the_groups=st.booleans(),
)
def test_below_10_on_either_side_the_interval_is_exact_as_scipy_works_it_out(
    small, other, extra_small, extra_other, small_is_the_groups
):
    if small == other == 0:
        other = 1
    sides = [(small, small + extra_small + 1), (other, other + extra_other + 1)]
    (a, n1), (c, n2) = sides if small_is_the_groups else sides[::-1]
    index = relative_rate_index(a, n1, c, n2)
    low, high = exact_by_scipy(a, n1, c, n2)
    assert index.exact and index.counts == (a, c)
    assert index.value == (math.inf if c == 0 else pytest.approx((a / n1) / (c / n2)))
    assert index.low == pytest.approx(low, rel=1e-6, abs=1e-12)
    assert index.high == (math.inf if math.isinf(high) else pytest.approx(high, rel=1e-6))


@pytest.mark.parametrize("a, n1, c, n2", [(9, 3000, 4000, 90_000), (1, 500, 12, 9000), (25, 1000, 5, 3241)])
def test_each_exact_bound_is_where_statsmodels_exact_conditional_test_gives_p_of_0_025(a, n1, c, n2):
    """statsmodels' test of two Poisson rates, method 'exact-cond' (the binomial test of a of a + c), one-sided at
    each bound: the interval is the set of ratios the test would not reject."""
    index = relative_rate_index(a, n1, c, n2)
    above = poisson_test(a, n1, c, n2, value=index.low, method="exact-cond", alternative="larger")
    below = poisson_test(a, n1, c, n2, value=index.high, method="exact-cond", alternative="smaller")
    assert above.pvalue == pytest.approx(0.025, abs=1e-9) and below.pvalue == pytest.approx(0.025, abs=1e-9)


def test_the_issues_small_count_gets_the_wider_exact_interval_not_the_log_methods():
    """Issue 27: a 'confident' index resting on 5 counted: the log method gave 2.48 to 20.5, the exact 2.28 to 26.2."""
    a, n1, c, n2 = 11, 1000, 5, 3241
    katz = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2)
    value = (a / n1) / (c / n2)
    assert (round(value * math.exp(-1.96 * katz), 2), round(value * math.exp(1.96 * katz), 1)) == (2.48, 20.5)
    index = relative_rate_index(a, n1, c, n2)
    assert (round(index.low, 2), round(index.high, 1)) == (2.28, 26.2)


@pytest.mark.parametrize("small_is_the_groups", [True, False])
@pytest.mark.parametrize("count, exact", [(0, True), (1, True), (9, True), (10, False)])
def test_counts_0_1_9_and_10_on_either_side(count, exact, small_is_the_groups):
    sides = [(count, 2000), (400, 20_000)]
    (a, n1), (c, n2) = sides if small_is_the_groups else sides[::-1]
    index = relative_rate_index(a, n1, c, n2)
    assert index.exact is exact
    if exact:
        assert (index.low, index.high) == pytest.approx(exact_by_scipy(a, n1, c, n2), rel=1e-6)
    else:
        table = Table2x2([[a, n1 - a], [c, n2 - c]])
        assert (index.low, index.high) == pytest.approx(table.riskratio_confint(method="normal"))


def test_a_zero_on_one_side_gives_an_index_of_0_or_no_upper_bound():
    none_in_group = relative_rate_index(0, 56_429, 40, 9000)
    assert (none_in_group.value, none_in_group.low) == (0, 0) and none_in_group.high < 1 and none_in_group.is_clear
    assert none_in_group.interval_text() == f"0 to {none_in_group.high:.2f}"
    none_to_compare = relative_rate_index(9, 3000, 0, 9000)
    assert math.isinf(none_to_compare.value) and math.isinf(none_to_compare.high)
    assert none_to_compare.low > 1 and none_to_compare.interval_text() == f"{none_to_compare.low:.2f} or more"


@pytest.mark.parametrize("count", [0, 1, 9])
def test_below_10_a_rates_interval_is_exact(count):
    low, high = proportion_confint(count, 2382, alpha=0.05, method="beta")  # Clopper-Pearson
    assert rate_interval(count, 2382) == pytest.approx((1000 * low, 1000 * high), rel=1e-6, abs=1e-9)


def test_from_10_a_rates_interval_is_by_the_log_method():
    rate, error, z = 10_000 / 2382, math.sqrt(1 / 10 - 1 / 2382), 1.959963984540054
    assert rate_interval(10, 2382) == pytest.approx((rate * math.exp(-z * error), rate * math.exp(z * error)))


def test_reading_says_how_many_times_as_likely_and_whether_it_could_be_chance():
    index = relative_rate_index(31, 1000, 10, 1000)
    sentence = reading(group="Caribbean", comparison="White British", index=index, verb="to be permanently excluded")
    assert sentence == (
        "Caribbean children were 3.1 times as likely as White British children to be permanently excluded; "
        "we can be confident this is not chance."
    )
    unclear = reading(
        group="Indian", comparison="White British", index=relative_rate_index(60, 1000, 50, 1000), verb="to be arrested"
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
    [
        (1.003, 2, "1.003"),
        (0.998, 2, "0.998"),
        (1.0004, 3, "1.0004"),
        (1.641, 2, "1.64"),
        (1.0, 2, "1.00"),
        (0.00042, 2, "0.0004"),
        (0.0, 2, "0.00"),
    ],
)
def test_a_bound_is_given_to_as_many_places_as_it_takes_not_to_read_1_or_0(value, places, text):
    assert bound_text(value, places) == text


def test_a_pages_index_shows_a_bound_near_1_to_three_places():
    figure = GroupFigure(group=None, count=95, status="", denominator=6844, index=Index(1.28, 1.003, 1.641))
    assert figure.index_text == "1.28 (1.003 to 1.64)"
