"""
Issue 31's nine measures, each with its figure from one run of `make bench`, its goal and whether it is met:
printed at the end of bench/run.py as a Markdown table to paste into the closing note. Arithmetic only.
"""

from dataclasses import dataclass

STATEMENTS_GOAL = 6
RARE_WORD_MARGIN_MS = 5
FLOOR_MULTIPLE = 2
SPEEDUP_GOAL = 100
SEARCH_SHARE_GOAL, BROWSE_SHARE_GOAL = 0.10, 0.30
STACK_COST_GOAL = 1.3
DEEP_PAGE_GOAL = 2


@dataclass
class Figures:
    """What one run measured, as goals() needs it. Throughput figures are None when wrk is not installed."""

    speedup: float  # median over the queries of icontains p50 / page p50
    rare_word_over_floor_ms: float  # the rare word's page p50 minus its floor's p50
    p95_multiples: dict  # {"one word": page p95 / floor p95, "two words": ..., "phrase": ...}
    all_match_p95_multiple: float  # the same for the word every entry has
    last_over_first: float  # uncached browse, last page p50 / first page p50
    statements_per_search: int  # SQL statements of a search page, with BEGIN and COMMIT
    search_share: float | None = None  # search req/s / the stack hello-world's
    browse_share: float | None = None  # browse req/s / the stack hello-world's
    stack_cost: float | None = None  # bare hello-world req/s / the stack hello-world's


@dataclass
class Goal:
    measure: str
    figure: str
    goal: str
    met: bool | None  # None: not measured

    @property
    def verdict(self):
        return "not measured" if self.met is None else "met" if self.met else "not met"


def goals(figures):
    f = figures
    multiples = " / ".join(f"{multiple:.2f}×" for multiple in f.p95_multiples.values())
    return [
        Goal(
            "search page vs `icontains`, median speed-up",
            f"{f.speedup:.0f}×",
            f"≥ {SPEEDUP_GOAL}×",
            f.speedup >= SPEEDUP_GOAL,
        ),
        Goal(
            "rare word p50, page minus the engine's own queries",
            f"{f.rare_word_over_floor_ms:+.1f} ms",
            f"≤ {RARE_WORD_MARGIN_MS} ms",
            f.rare_word_over_floor_ms <= RARE_WORD_MARGIN_MS,
        ),
        Goal(
            f"{' / '.join(f.p95_multiples)} p95, multiple of the engine's own queries'",
            multiples,
            f"≤ {FLOOR_MULTIPLE}× each",
            all(multiple <= FLOOR_MULTIPLE for multiple in f.p95_multiples.values()),
        ),
        Goal(
            "all-match word p95, multiple of the engine's own queries'",
            f"{f.all_match_p95_multiple:.2f}×",
            f"≤ {FLOOR_MULTIPLE}×",
            f.all_match_p95_multiple <= FLOOR_MULTIPLE,
        ),
        _share("search throughput, share of the stack's hello-world", f.search_share, SEARCH_SHARE_GOAL),
        _share("browse throughput, share of the stack's hello-world", f.browse_share, BROWSE_SHARE_GOAL),
        Goal(
            "hello-world, bare Django / the portal's middleware stack (req/s)",
            "not measured" if f.stack_cost is None else f"{f.stack_cost:.2f}×",
            f"≤ {STACK_COST_GOAL}×",
            None if f.stack_cost is None else f.stack_cost <= STACK_COST_GOAL,
        ),
        Goal(
            "last browse page / first (uncached p50)",
            f"{f.last_over_first:.2f}",
            f"≤ {DEEP_PAGE_GOAL}",
            f.last_over_first <= DEEP_PAGE_GOAL,
        ),
        Goal(
            "SQL statements per search page",
            str(f.statements_per_search),
            f"≤ {STATEMENTS_GOAL}",
            f.statements_per_search <= STATEMENTS_GOAL,
        ),
    ]


def _share(measure, share, goal):
    if share is None:
        return Goal(measure, "not measured", f"≥ {goal:.0%}", None)
    return Goal(measure, f"{share:.1%}", f"≥ {goal:.0%}", share >= goal)


def table(rows):
    """The goals as a Markdown table, and a line saying how many are met."""
    lines = ["| measure | figure | goal | |", "|---|---:|---:|---|"]
    lines += [f"| {row.measure} | {row.figure} | {row.goal} | {row.verdict} |" for row in rows]
    met = sum(1 for row in rows if row.met)
    lines.append(f"\n{met} of {len(rows)} goals met")
    return "\n".join(lines)
