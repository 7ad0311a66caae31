"""The load test's ramp names its knee: the last step before the p99 passes 500 ms or a doubling of the
connections adds less than 10% throughput."""

from bench.ramp import CONNECTIONS, Step, knee


def steps(*figures):
    return [
        Step(connections, rps, p99 / 2, p99, 0) for connections, (rps, p99) in zip(CONNECTIONS, figures, strict=True)
    ]


def test_the_knee_is_the_last_step_before_throughput_stops_growing():
    at, why = knee(steps((60, 120), (90, 200), (97, 380), (98, 700), (97, 1400)))
    assert at.connections == 16
    assert why == "32 connections add under 10% throughput (97 req/s)"


def test_the_knee_is_the_last_step_before_the_p99_passes_500_ms():
    at, why = knee(steps((40, 100), (70, 250), (120, 640), (130, 900), (130, 1800)))
    assert at.connections == 16
    assert why == "at 32 connections the p99 passes 500 ms (640)"


def test_a_ramp_past_the_limit_from_the_start_has_its_knee_below_the_first_step():
    assert knee(steps((20, 900), (20, 1800), (20, 3600), (20, 7000), (20, 9000))) == (
        None,
        "the p99 is already 900 ms at 8 connections",
    )


def test_a_ramp_that_keeps_growing_has_not_reached_its_knee():
    at, why = knee(steps((50, 50), (100, 60), (200, 80), (400, 100), (800, 200)))
    assert at.connections == 128 and why == "not reached by 128 connections"
