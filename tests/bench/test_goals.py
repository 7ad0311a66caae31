"""`make bench` ends with issue 31's goals: each of the nine measures, its figure, its goal and whether it is met."""

from bench.goals import Figures, goals, table


def figures(**changed):
    met = {
        "speedup": 186.0,
        "rare_word_over_floor_ms": 4.9,
        "p95_multiples": {"one word": 1.9, "two words": 2.0, "phrase": 1.2},
        "all_match_p95_multiple": 1.5,
        "last_over_first": 2.0,
        "statements_per_search": 6,
        "search_share": 0.10,
        "browse_share": 0.31,
        "stack_cost": 1.3,
    }
    return Figures(**{**met, **changed})


def verdicts(figures):
    return [row.verdict for row in goals(figures)]


def test_figures_at_or_within_every_goal_meet_all_nine():
    assert verdicts(figures()) == ["met"] * 9
    assert table(goals(figures())).endswith("9 of 9 goals met")


def test_each_figure_past_its_goal_is_not_met():
    past = {
        "speedup": 99.0,
        "rare_word_over_floor_ms": 5.1,
        "p95_multiples": {"one word": 1.9, "two words": 2.01, "phrase": 1.2},
        "all_match_p95_multiple": 2.2,
        "search_share": 0.016,
        "browse_share": 0.209,
        "stack_cost": 1.31,
        "last_over_first": 2.68,
        "statements_per_search": 8,
    }
    for position, (name, value) in enumerate(past.items()):
        rows = goals(figures(**{name: value}))
        assert [row.verdict for row in rows].count("not met") == 1, name
        assert rows[position].verdict == "not met", name


def test_the_table_gives_each_measure_its_figure_and_goal():
    lines = table(goals(figures(speedup=186.4, search_share=0.016, statements_per_search=8))).splitlines()
    assert lines[0] == "| measure | figure | goal | |"
    assert "| search page vs `icontains`, median speed-up | 186× | ≥ 100× | met |" in lines
    assert "| search throughput, share of the stack's hello-world | 1.6% | ≥ 10% | not met |" in lines
    assert "| SQL statements per search page | 8 | ≤ 6 | not met |" in lines
    multiples = "| one word / two words / phrase p95, multiple of the engine's own queries' | 1.90× / 2.00× / 1.20× |"
    assert f"{multiples} ≤ 2× each | met |" in lines
    assert lines[-1] == "7 of 9 goals met"


def test_throughput_not_measured_without_wrk_is_neither_met_nor_not():
    rows = goals(figures(search_share=None, browse_share=None, stack_cost=None))
    assert [row.verdict for row in rows[4:7]] == ["not measured"] * 3
    assert table(rows).endswith("6 of 9 goals met")
