"""
Rates and relative rate indices, as the youth justice disproportionality toolkit computes them,
with a 95% confidence interval by the log method (Katz): the standard error of ln(RR) is
sqrt(1/a − 1/n₁ + 1/c − 1/n₂). A dozen lines of arithmetic: see docs/decisions/0011.
"""

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054  # the standard normal's 97.5th percentile


def per_thousand(count, denominator):
    """Count per 1,000 of the denominator, or None when either is missing or the denominator is 0."""
    if count is None or not denominator:
        return None
    return count * 1000 / denominator


@dataclass(frozen=True)
class Index:
    value: float
    low: float
    high: float

    @property
    def is_clear(self):
        """The interval itself leaves out 1: unlikely to be chance. Where it only just does, its bounds are given to
        as many places as it takes not to read 1 (`bound_text`), so no page or download shows 1.00 beside it."""
        return self.low > 1 or self.high < 1

    @property
    def is_just_clear(self):
        """Clear, but a bound reads 1.00 to the two places pages show."""
        return self.is_clear and (f"{self.low:.2f}" == "1.00" or f"{self.high:.2f}" == "1.00")

    def interval_text(self, places=2):
        return f"{bound_text(self.low, places)} to {bound_text(self.high, places)}"


def bound_text(value, places=2):
    """A bound to `places`, or to more where that would read 1 and it is not 1: 1.003, not 1.00."""
    text = f"{value:.{places}f}"
    while value != 1 and float(text) == 1 and places < 6:
        places += 1
        text = f"{value:.{places}f}"
    return text


def relative_rate_index(count, denominator, comparison_count, comparison_denominator):
    """(count/denominator) ÷ (comparison's), with its 95% interval; None when there is too little to say
    (a missing or zero count, or a count larger than its denominator, where the method does not apply)."""
    numbers = (count, denominator, comparison_count, comparison_denominator)
    if any(not number for number in numbers) or count > denominator or comparison_count > comparison_denominator:
        return None
    value = (count / denominator) / (comparison_count / comparison_denominator)
    error = math.sqrt(1 / count - 1 / denominator + 1 / comparison_count - 1 / comparison_denominator)
    return Index(value, value * math.exp(-Z_95 * error), value * math.exp(Z_95 * error))


def likely(value, comparison, verb):
    """3.14 → 'were 3.1 times as likely as White British children to be arrested'; 0.32 → 'were less likely
    than White British children to be arrested (0.32 times as likely)' (never 'times less')."""
    if round(value, 1) == 1:
        return f"were as likely as {comparison} {verb}"
    if value > 1:
        return f"were {value:.1f} times as likely as {comparison} {verb}"
    return f"were less likely than {comparison} {verb} ({value:.2f} times as likely)"


def reading(*, group, comparison, index, verb, counted="children"):
    """One plain-English sentence about an index, or 'too few to say'."""
    if index is None:
        return f"There are too few {group} {counted} in these figures to say how likely they were {verb}."
    if index.is_just_clear:
        side = "above" if index.low > 1 else "below"
        confidence = (
            "we can be confident this is not chance, if only just: the 95% confidence interval, "
            f"{index.interval_text()}, is just {side} 1."
        )
    elif index.is_clear:
        confidence = "we can be confident this is not chance."
    else:
        confidence = "the difference could be chance (the 95% confidence interval includes 1)."
    return f"{group} {counted} {likely(index.value, f'{comparison} {counted}', verb)}; {confidence}"


def rate_interval(count, denominator):
    """The 95% interval of a rate per 1,000 by the same log method (SE of ln p = sqrt(1/a − 1/n)), or None."""
    if not count or not denominator or count > denominator:
        return None
    rate = count * 1000 / denominator
    error = math.sqrt(1 / count - 1 / denominator)
    return rate * math.exp(-Z_95 * error), rate * math.exp(Z_95 * error)
