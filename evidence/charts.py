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
# Downloads: each group's name left of its bar, on one line, so 19 groups make a picture about as tall as it is wide
WIDE, WIDE_ROW, WIDE_PLOT = 720, 26, (306, 720 - 56)
LINE_STYLES = [("#1d70b8", ""), ("#d4351c", "6 3"), ("#00703c", "2 3"), ("#4c2c92", "8 3 2 3"), ("#b58840", "1 2")]


def nice_top(value):
    """A round number at or above value for the scale's top: 1, 2, 2.5, 5 × a power of ten."""
    if not value or value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def x_of(value, top, plot=PLOT):
    return plot[0] + (plot[1] - plot[0]) * value / top


def n(value):
    """A coordinate as the SVG gets it: formatted here, not by a template filter (hundreds per page)."""
    return f"{value:.1f}"


def bar_chart(figures, wide=False):
    """Geometry of one stage's bar chart: rows with their bar, interval and label; and the axis ticks.
    Groups with no figures at all are left out (the table lists them). `wide`: the download's layout, names left
    of the bars rather than above them."""
    figures = [figure for figure in figures if figure.status != "none"]
    width, row_height, plot = (WIDE, WIDE_ROW, WIDE_PLOT) if wide else (WIDTH, ROW, PLOT)
    top = nice_top(max([f.interval[1] if f.interval else (f.rate or 0) for f in figures] or [0]))
    rows = []
    for index, figure in enumerate(figures):
        y = 20 + index * row_height
        bar = y if wide else y + 8
        row = {"figure": figure, "label_y": str(bar + 14 if wide else y), "bar_y": str(bar), "text_y": str(bar + 14)}
        row |= {"mid_y": str(bar + 9), "whisker_top": str(bar + 3), "whisker_bottom": str(bar + 15)}
        if figure.rate is not None:
            row["width"] = n(max(x_of(figure.rate, top, plot) - plot[0], 1))
            end = max(x_of(figure.rate, top, plot), x_of(figure.interval[1], top, plot) if figure.interval else 0)
            row["value_x"] = n(end + 5)  # beyond the bar and its whisker, so no line crosses the digits
            row["value"] = f"{figure.rate:.1f}"
        if figure.interval:
            row["low_x"] = n(x_of(figure.interval[0], top, plot))
            row["high_x"] = n(x_of(figure.interval[1], top, plot))
        rows.append(row)
    height = 20 + len(figures) * row_height + 30
    ticks = [{"x": n(x_of(top * share, top, plot)), "label": f"{top * share:g}"} for share in (0, 0.5, 1)]
    return {
        "width": str(width),
        "height": str(height),
        "rows": rows,
        "ticks": ticks,
        "axis_y": str(height - 24),
        "tick_label_y": str(height - 8),
        "zero_x": str(plot[0]),
        "label_x": str(plot[0] - 8 if wide else plot[0]),
        "label_anchor": "end" if wide else "start",
    }


LABEL_FONT = 11  # the periods under the line chart


def label_width(text):
    """About how wide a period's label is drawn (Arial's characters average under 0.6 of the font size)."""
    return len(text) * LABEL_FONT * 0.6


def spaced(points):
    """The (x, label) points to label so that no two labels overlap: the first, then each far enough from the one
    before, and always the last (dropping those too close to it)."""

    def apart(one, other):
        return abs(other[0] - one[0]) >= (label_width(one[1]) + label_width(other[1])) / 2 + 4

    chosen = []
    for point in points:
        if not chosen or apart(chosen[-1], point):
            chosen.append(point)
    if points and chosen[-1] != points[-1]:
        while chosen and not apart(chosen[-1], points[-1]):
            chosen.pop()
        chosen.append(points[-1])
    return chosen


def segments(rates, years, runs):
    """A group's line as the runs of neighbouring points that may be joined: broken at a period with no rate and
    between runs (another source or kind of denominator, or periods missing between them)."""
    run_of = {year: number for number, run in enumerate(runs) for year in run}
    pieces, previous = [], None
    for year in years:
        if rates.get(year) is None:
            previous = None
            continue
        if previous is None or run_of.get(previous) != run_of.get(year):
            pieces.append([])
        pieces[-1].append(year)
        previous = year
    return pieces


def line_chart(series, labels, runs):
    """Geometry of the line chart. `series`: each group's rate by year ({group: {year: rate}}); `labels`: each
    year's period as shown; `runs`: lists of neighbouring years whose points may be joined. Periods sit on the
    axis by time (four missing years look like four years); the line is broken between runs and at a period with
    no rate; only as many periods are labelled as fit without overlapping, every period has a tick."""
    height, bottom, left, right = 220, 180, 40, WIDTH - 24
    years = sorted(labels)
    rates = [rate for points in series.values() for rate in points.values() if rate is not None]
    top = nice_top(max(rates or [0]))
    span = (years[-1] - years[0]) if years else 0
    xs = {year: left + (right - left) * (year - years[0]) / span if span else (left + right) / 2 for year in years}

    def y_of(rate):
        return n(bottom - (bottom - 20) * rate / top)

    lines = []
    for (group, points), (colour, dash) in zip(series.items(), LINE_STYLES * 4, strict=False):
        pieces = segments(points, years, runs)
        lines.append(
            {
                "group": group,
                "colour": colour,
                "dash": dash,
                "segments": [
                    " ".join(f"{n(xs[year])},{y_of(points[year])}" for year in piece)
                    for piece in pieces
                    if len(piece) > 1
                ],
                "marks": [(n(xs[year]), y_of(points[year])) for piece in pieces for year in piece],
            }
        )
    ticks = []
    for share in (0, 0.5, 1):
        y = bottom - (bottom - 20) * share
        ticks.append({"y": n(y), "label_y": n(y + 4), "label": f"{top * share:g}"})
    labelled = {x for x, _ in spaced([(xs[year], labels[year]) for year in years])}
    return {
        "width": str(WIDTH),
        "height": str(height),
        "lines": lines,
        "periods": [{"x": n(xs[year]), "label": labels[year] if xs[year] in labelled else ""} for year in years],
        "ticks": ticks,
        "left": str(left),
        "label_x": str(left - 6),
        "right": str(right),
        "bottom": str(bottom),
        "tick_bottom": str(bottom + 5),
        "period_y": str(bottom + 18),
        "label_font": str(LABEL_FONT),
    }
