"""
Rates and relative rate indices, as the youth justice disproportionality toolkit computes them, with a 95%
confidence interval by the log method (Katz): the standard error of ln(RR) is sqrt(1/a − 1/n₁ + 1/c − 1/n₂). Below
10 counted on either side that interval is too narrow, and it is exact instead: Clopper and Pearson's interval of the
group's share of the two counts, turned into a ratio of the rates (the exact conditional interval of a ratio of two
Poisson rates). A few dozen lines of arithmetic: see docs/decisions/0011.
"""

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054  # the standard normal's 97.5th percentile
TAIL = 0.025  # what a 95% interval leaves out on each side
SMALL_COUNT = 10  # below this on either side, an exact interval and a caution in the sentence
NEAR = (0.9, 1.1)  # an index within these, to the two places pages show, reads "about as likely as"


def per_thousand(count, denominator):
    """Count per 1,000 of the denominator, or None when either is missing or the denominator is 0."""
    if count is None or not denominator:
        return None
    return count * 1000 / denominator


@dataclass(frozen=True)
class Index:
    value: float  # 0 where the group's count is 0; infinite where the comparison group's is
    low: float
    high: float  # infinite where the comparison group's count is 0
    counts: tuple = ()  # (the group's count, the comparison group's) where the interval is exact: one is small

    @property
    def exact(self):
        return bool(self.counts)

    @property
    def is_clear(self):
        """The interval itself leaves out 1: unlikely to be chance. Where it only just does, its bounds are given to
        as many places as it takes not to read 1 (`bound_text`), so no page or download shows 1.00 beside it."""
        return self.low > 1 or self.high < 1

    @property
    def is_just_clear(self):
        """Clear, but a bound reads 1.00 to the two places pages show."""
        return self.is_clear and (f"{self.low:.2f}" == "1.00" or f"{self.high:.2f}" == "1.00")

    @property
    def is_near(self):
        return near(self.value)

    def value_text(self):
        """The index as a table gives it: '1.28', '0.00'; 'more likely' where the comparison group has none."""
        return "more likely" if math.isinf(self.value) else f"{self.value:.2f}"

    def interval_text(self, places=2):
        """'1.003 to 1.64'; '0 to 3.20' where the group has none; '2.10 or more' where the comparison group has none."""
        if math.isinf(self.high):
            return f"{bound_text(self.low, places)} or more"
        low = "0" if self.low == 0 else bound_text(self.low, places)
        return f"{low} to {bound_text(self.high, places)}"


def bound_text(value, places=2):
    """A bound to `places`, or to more where that would read 1 and it is not 1 (1.003, not 1.00), or 0 and it is not 0
    (an upper bound beside a count of 0: 0.0004, not 0.00)."""
    text = f"{value:.{places}f}"
    while (value != 1 and float(text) == 1 and places < 6) or (value != 0 and float(text) == 0 and places < 12):
        places += 1
        text = f"{value:.{places}f}"
    return text


def relative_rate_index(count, denominator, comparison_count, comparison_denominator):
    """(count/denominator) ÷ (comparison's), with its 95% interval: exact where either count is below SMALL_COUNT (0
    included: the index is then 0, or infinite), else by the log method. None when there is nothing to say: a count or
    denominator missing, both counts 0, or a count larger than its denominator (the method does not apply)."""
    numbers = (count, denominator, comparison_count, comparison_denominator)
    if any(number is None for number in numbers) or not denominator or not comparison_denominator:
        return None
    if count > denominator or comparison_count > comparison_denominator or count == comparison_count == 0:
        return None
    if min(count, comparison_count) < SMALL_COUNT:
        return exact_index(count, denominator, comparison_count, comparison_denominator)
    value = (count / denominator) / (comparison_count / comparison_denominator)
    error = math.sqrt(1 / count - 1 / denominator + 1 / comparison_count - 1 / comparison_denominator)
    return Index(value, value * math.exp(-Z_95 * error), value * math.exp(Z_95 * error))


def exact_index(count, denominator, comparison_count, comparison_denominator):
    """The index with its exact interval: given a + c counted in all, a is binomial with p = n₁RR ÷ (n₁RR + n₂), so
    Clopper and Pearson's interval of p, turned into RR = p ÷ (1 − p) × n₂ ÷ n₁, bounds RR. Worked out on the side
    with the smaller count (the other side's is its reciprocal), so each sum has at most SMALL_COUNT terms."""
    counts = (count, comparison_count)
    if count > comparison_count:
        turned = exact_index(comparison_count, comparison_denominator, count, denominator)
        return Index(reciprocal(turned.value), reciprocal(turned.high), reciprocal(turned.low), counts)
    scale = comparison_denominator / denominator
    low, high = log_odds_bounds(count, count + comparison_count)  # p ÷ (1 − p) is e^(log odds): no 1 − p to lose digits
    return Index(count / comparison_count * scale, math.exp(low) * scale, math.exp(high) * scale, counts)


def reciprocal(value):
    return math.inf if value == 0 else 1 / value


def rate_interval(count, denominator):
    """The 95% interval of a rate per 1,000, or None: by the same log method (SE of ln p = sqrt(1/a − 1/n)), or
    below SMALL_COUNT exact (Clopper and Pearson's, 0 included)."""
    if count is None or not denominator or count > denominator:
        return None
    if count < SMALL_COUNT:
        return tuple(1000 / (1 + math.exp(-odds)) for odds in log_odds_bounds(count, denominator))
    rate = count * 1000 / denominator
    error = math.sqrt(1 / count - 1 / denominator)
    return rate * math.exp(-Z_95 * error), rate * math.exp(Z_95 * error)


def log_odds_bounds(count, total):
    """Clopper and Pearson's 95% interval of the proportion count of total, as log odds: each bound is where the
    binomial leaves TAIL beyond the count (−∞ for none of them, ∞ for all)."""
    low = -math.inf if count == 0 else log_odds_where(lambda odds: binomial_at_most(count - 1, total, odds) < 1 - TAIL)
    high = math.inf if count == total else log_odds_where(lambda odds: binomial_at_most(count, total, odds) < TAIL)
    return low, high


def log_odds_where(passed):
    """The least log odds at which `passed` (false below it, true above) holds, by halving: 50 halvings of ±60 leave
    it to 1e-13, far finer than the places shown."""
    low, high = -60.0, 60.0
    for _ in range(50):
        middle = (low + high) / 2
        low, high = (low, middle) if passed(middle) else (middle, high)
    return (low + high) / 2


def binomial_at_most(count, total, log_odds):
    """P(X ≤ count) for X binomial of `total` tries, with the chance of each as log odds: term by term, each from the
    last (the terms too small for a float are 0, where the sum is too)."""
    odds = math.exp(log_odds)
    term = math.exp(-total * math.log1p(odds))  # (1 − p)^total
    chance = term
    for k in range(1, count + 1):
        term *= (total - k + 1) / k * odds
        chance += term
    return chance


def near(value):
    """Within NEAR of 1 to the two places pages show: about as likely, however narrow the interval."""
    return NEAR[0] <= round(value, 2) <= NEAR[1]


def likely(value, comparison, verb):
    """3.14 → 'were 3.1 times as likely as White British children to be arrested'; 1.04 → 'were about as likely as
    White British children to be arrested (1.04 times as likely)'; 0.32 → 'were less likely than White British
    children to be arrested (0.32 times as likely)' (never 'times less')."""
    if near(value):
        return f"were about as likely as {comparison} {verb} ({value:.2f} times as likely)"
    if value > 1:
        return f"were {value:.1f} times as likely as {comparison} {verb}"
    return f"were less likely than {comparison} {verb} ({value:.2f} times as likely)"


def reading(*, group, comparison, index, verb, counted="children", lead="", caveat=""):
    """One plain-English sentence about an index, or 'too few to say'. An index of 0 or infinite (a count of 0 on one
    side) opens with `lead`, which says so in the page's words ('0 of the 2,382 children in …'), or else plainly.
    `caveat` (', per 1,000 residents of all ages, …') follows the comparison, before any word of confidence."""
    if index is None:
        return f"There are too few {group} {counted} in these figures to say how likely they were {verb}."
    if index.value == 0 or math.isinf(index.value):
        return none_counted(group, comparison, index, verb, counted, lead, caveat)
    caution = f", based on only {' and '.join(few)}" if (few := small_counts(index, group, comparison, counted)) else ""
    compared = likely(index.value, f"{comparison} {counted}", verb)
    return f"{group} {counted} {compared}{caution}{caveat}; {confidence(index)}"


def confidence(index):
    """Whether the difference could be chance. Near 1 it is never 'confident', only 'unlikely to be chance'; where the
    interval is exact (a small count) or only just leaves out 1 it is given, so its width or nearness shows."""
    interval = f"the 95% confidence interval, {index.interval_text()},"
    if not index.is_clear:
        if index.exact:
            return f"the difference could be chance: {interval} includes 1."
        return "the difference could be chance (the 95% confidence interval includes 1)."
    side = "above" if index.low > 1 else "below"
    claim = (
        "a small difference, but unlikely to be chance" if index.is_near else "we can be confident this is not chance"
    )
    if index.is_just_clear:
        return f"{claim}, if only just: {interval} is just {side} 1."
    if index.exact or index.is_near:
        return f"{claim}: {interval} is {side} 1."
    return f"{claim}."


def small_counts(index, group, comparison, counted):
    """The counts below SMALL_COUNT an exact index rests on: ['9 Black Caribbean children', '1 White British child']."""
    named = zip(index.counts, (group, comparison), strict=False)
    return [how_many(number, name, counted) for number, name in named if number < SMALL_COUNT]


def how_many(number, name, counted):
    """'9 Black Caribbean children', '1 Black Caribbean child'."""
    return f"{number:,} {name} {one(counted) if number == 1 else counted}"


def one(counted):
    """'children' → 'child', 'pupils' → 'pupil', 'people' → 'person': for a count of 1."""
    for many, single in (("children", "child"), ("people", "person"), ("staff", "member of staff")):
        if counted.endswith(many):
            return counted.removesuffix(many) + single
    return counted.removesuffix("s")


def none_counted(group, comparison, index, verb, counted, lead, caveat=""):
    """A count of 0 on one side: the index is 0 (or infinite) and its exact interval is open on that side."""
    zero_is_theirs = math.isinf(index.value)
    if not lead:
        (zero, _), (other, number) = sorted(zip((group, comparison), index.counts, strict=True), key=lambda n: n[1])
        lead = f"0 {zero} {counted} were counted, against {how_many(number, other, counted)}"
    interval = f"the 95% confidence interval of the rate index, {index.interval_text()},"
    if not index.is_clear:
        return f"{lead}{caveat}, so the difference could be chance: {interval} includes 1."
    more = "more likely than" if zero_is_theirs else "less likely than"
    side = "above" if zero_is_theirs else "below"
    return (
        f"{lead}: {group} {counted} were {more} {comparison} {counted} {verb}{caveat}; we can be confident this is not "
        "chance: "
        f"{interval} is {side} 1."
    )
