"""
Charts drawn on the server as SVG (no JavaScript): a horizontal bar chart of rates by ethnic group
with their 95% intervals, and a line chart of rates over time. These functions work out the
geometry; templates/evidence/charts/ draw it, with a title, a description and, beside it on the
page, the same figures as a table.
"""

import math

WIDTH = 320  # drawn at the width of a phone, so its text stays readable at 320 px and 400% zoom
ROW = 46
PLOT = (6, WIDTH - 56)  # labels sit above their bars, so long group names fit  # x of zero and of the scale's top
LINE_STYLES = [("#1d70b8", ""), ("#d4351c", "6 3"), ("#00703c", "2 3"), ("#4c2c92", "8 3 2 3"), ("#b58840", "1 2")]


def nice_top(value):
    """A round number at or above value for the scale's top: 1, 2, 2.5, 5 × a power of ten."""
    if not value or value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def x_of(value, top):
    return PLOT[0] + (PLOT[1] - PLOT[0]) * value / top


def n(value):
    """A coordinate as the SVG gets it: formatted here, not by a template filter (hundreds per page)."""
    return f"{value:.1f}"


def bar_chart(figures):
    """Geometry of one stage's bar chart: rows with their bar, interval and label; and the axis ticks.
    Groups with no figures at all are left out (the table lists them)."""
    figures = [figure for figure in figures if figure.status != "none"]
    top = nice_top(max([f.interval[1] if f.interval else (f.rate or 0) for f in figures] or [0]))
    rows = []
    for index, figure in enumerate(figures):
        y = 20 + index * ROW
        row = {"figure": figure, "label_y": str(y), "bar_y": str(y + 8), "text_y": str(y + 22), "mid_y": str(y + 17)}
        row |= {"whisker_top": str(y + 11), "whisker_bottom": str(y + 23)}
        if figure.rate is not None:
            row["width"] = n(max(x_of(figure.rate, top) - PLOT[0], 1))
            row["value_x"] = n(x_of(figure.rate, top) + 4)  # at the bar's end, on a halo (over the whisker)
            row["value"] = f"{figure.rate:.1f}"
        if figure.interval:
            row["low_x"], row["high_x"] = n(x_of(figure.interval[0], top)), n(x_of(figure.interval[1], top))
        rows.append(row)
    height = 20 + len(figures) * ROW + 30
    ticks = [{"x": n(x_of(top * share, top)), "label": f"{top * share:g}"} for share in (0, 0.5, 1)]
    return {
        "width": str(WIDTH),
        "height": str(height),
        "rows": rows,
        "ticks": ticks,
        "axis_y": str(height - 24),
        "tick_label_y": str(height - 8),
        "zero_x": str(PLOT[0]),
    }


def line_chart(series, periods):
    """Geometry of the line chart: a polyline per group (rates by period), with gaps where there is no rate."""
    height, bottom, left, right = 220, 180, 40, WIDTH - 14
    rates = [rate for points in series.values() for _, rate in points if rate is not None]
    top = nice_top(max(rates or [0]))
    step = (right - left) / max(len(periods) - 1, 1)
    xs = {period: left + index * step for index, period in enumerate(periods)}
    lines = []
    for (group, points), (colour, dash) in zip(series.items(), LINE_STYLES * 4, strict=False):
        marks = [(n(xs[period]), n(bottom - (bottom - 20) * rate / top)) for period, rate in points if rate is not None]
        lines.append(
            {
                "group": group,
                "colour": colour,
                "dash": dash,
                "points": " ".join(f"{x},{y}" for x, y in marks),
                "marks": marks,
            }
        )
    ticks = []
    for share in (0, 0.5, 1):
        y = bottom - (bottom - 20) * share
        ticks.append({"y": n(y), "label_y": n(y + 4), "label": f"{top * share:g}"})
    return {
        "width": str(WIDTH),
        "height": str(height),
        "lines": lines,
        "periods": [{"x": n(x), "label": period} for period, x in xs.items()],
        "ticks": ticks,
        "left": str(left),
        "label_x": str(left - 6),
        "right": str(right),
        "period_y": str(bottom + 18),
    }
