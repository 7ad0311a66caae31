"""The bar chart's geometry: each value is written where its bar ends, not where its interval does."""

from evidence.charts import bar_chart, x_of
from evidence.figures import GroupFigure


def test_a_bars_value_sits_at_the_end_of_the_bar_not_of_its_whisker():
    figure = GroupFigure(group=None, count=40, status="", denominator=1000, rate=40.0, interval=(28.0, 55.0))
    chart = bar_chart([figure])
    row = chart["rows"][0]
    assert float(row["value_x"]) == round(x_of(40.0, 100) + 4, 1)
    assert float(row["value_x"]) < float(row["high_x"])
