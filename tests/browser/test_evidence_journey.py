"""An analyst loads a CSV and reads its validation report; a director reads their borough's figures,
changes the comparison group, reads a chart's table, follows practice on the theme and downloads the CSV."""

import csv
import re

import pytest
from playwright.sync_api import expect

from evidence.loading import Options
from tests import factories
from tests.evidence.factories import FIXTURES, analyst, load_fixture

pytestmark = pytest.mark.django_db(transaction=True)


def test_analyst_loads_a_file_after_reading_its_report(page, sign_in, check_page):
    load_fixture("census_ts021.csv", Options(source="census"))
    sign_in(analyst(email="ana@example.org"))
    page.get_by_role("link", name="Evidence").click()
    check_page("60-evidence-index")
    page.get_by_role("link", name="Load a dataset").click()
    check_page("61-evidence-load")
    page.get_by_label("CSV file").set_input_files(FIXTURES / "long_youth_justice.csv")
    page.get_by_label("Long CSV: the portal's template").check()
    page.get_by_label("Title").fill("Youth justice by ethnic group, 2021/22 to 2022/23")
    page.get_by_label("Publisher").fill("Youth Justice Board")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Check what will be loaded")).to_be_visible()
    expect(page.get_by_role("heading", name="Validation report")).to_be_visible()
    expect(page.get_by_text("72 rows can be loaded")).to_be_visible()
    check_page("62-evidence-load-preview")
    page.get_by_role("button", name="Load 72 rows").click()
    expect(page.get_by_text("Loaded 72 rows as “Youth justice by ethnic group, 2021/22 to 2022/23”.")).to_be_visible()
    check_page("63-evidence-datasets")

    page.get_by_role("link", name="Load a dataset").click()  # the same file again: its figures are already loaded
    page.get_by_label("CSV file").set_input_files(FIXTURES / "long_youth_justice.csv")
    page.get_by_label("Long CSV: the portal's template").check()
    page.get_by_label("Title").fill("Youth justice, corrected")
    page.get_by_label("Publisher").fill("Youth Justice Board")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Figures already loaded")).to_be_visible()
    page.get_by_role("button", name="Load 72 rows").click()
    expect(page.get_by_role("link", name="Choose to replace the figures already loaded, or cancel")).to_be_visible()
    check_page("63b-evidence-load-replace-refused")
    page.get_by_label("Replace the figures already loaded listed above").check()
    page.get_by_role("button", name="Load 72 rows").click()
    expect(page.get_by_text("Replaced 72 figures already loaded")).to_be_visible()


def test_analyst_maps_a_label_the_portal_does_not_recognise_before_loading(page, sign_in, check_page, tmp_path):
    load_fixture("census_ts021.csv", Options(source="census"))
    arrests = tmp_path / "arrests.csv"
    arrests.write_text(
        "la_code,period,measure,stage,ethnic_group,count,denominator\n"
        "E09000012,2022/23,youth-justice,arrest,White British,40,\n"
        "E09000012,2022/23,youth-justice,arrest,Black Carribean,30,\n"
    )
    sign_in(analyst(email="ana@example.org"))
    page.get_by_role("link", name="Evidence").click()
    page.get_by_role("link", name="Load a dataset").click()
    page.get_by_label("CSV file").set_input_files(arrests)
    page.get_by_label("Long CSV: the portal's template").check()
    page.get_by_label("Title").fill("Arrests by ethnic group, 2022/23")
    page.get_by_label("Publisher").fill("Metropolitan Police")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Labels the portal does not recognise")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"^Load"))).to_have_count(0)  # not offered until it is mapped
    check_page("69-evidence-load-labels")

    page.get_by_role("button", name="Check the file with these choices").click()  # nothing chosen
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link", name="Choose which group ‘Black Carribean’ is, or leave it out")).to_be_visible()
    check_page("69b-evidence-load-labels-error")
    summary.get_by_role("link").click()
    select = page.get_by_label("‘Black Carribean’")
    select.focus()
    expect(select).to_be_focused()
    select.select_option(label="Black: Caribbean")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Check the file with these choices")).to_be_focused()
    page.keyboard.press("Enter")  # the keyboard alone submits it

    expect(page.get_by_text("‘Black Carribean’ loads as Black Caribbean")).to_be_visible()
    check_page("69c-evidence-load-labels-mapped")
    page.get_by_role("button", name="Load 2 rows").click()
    expect(
        page.get_by_text("Remembered for Metropolitan Police: ‘Black Carribean’ loads as Black Caribbean.")
    ).to_be_visible()


def test_director_reads_their_borough_compares_and_downloads(page, sign_in, check_page):
    load_fixture("census_ts021.csv", Options(source="census"))
    load_fixture("long_youth_justice.csv", Options(source="long"))
    factories.published("Reducing custody remands", "Hackney", "youth-justice")
    sign_in(factories.dcs(email="dele@example.org"))
    page.get_by_role("link", name="Evidence").click()
    page.get_by_role("link", name="Hackney").click()
    expect(page.get_by_role("heading", name="Hackney: how each ethnic group fares")).to_be_visible()
    check_page("64-evidence-area")

    page.get_by_role("link", name="Youth justice in Hackney: charts, rates and intervals").click()
    expect(page.get_by_role("heading", name="Youth justice by ethnic group: Hackney, 2022/23")).to_be_visible()
    check_page("65-evidence-measure")
    page.get_by_label("Compared with").select_option(label="Black African")
    page.get_by_role("button", name="Show figures").click()
    assert "comparison=black-african" in page.url and "area=hackney" in page.url
    table = page.get_by_role("table", name="Arrest: children by ethnic group, Hackney, 2022/23")
    expect(table.get_by_role("columnheader", name="Rate index against Black African (95% interval)")).to_be_visible()
    expect(table.get_by_role("row", name="Black African (comparison)")).to_contain_text("1 (comparison)")
    expect(table.get_by_role("row", name="Roma")).to_contain_text("hidden to protect small numbers")
    chart = page.get_by_role("img", name="Youth justice: arrest per 1,000, by ethnic group, Hackney, 2022/23")
    expect(chart).to_be_visible()
    check_page("66-evidence-measure-compared")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV)").click()
    with open(download.value.path(), encoding="utf-8") as figures:
        rows = list(csv.DictReader(figures))
    assert {row["comparison_group"] for row in rows} == {"Black African"}
    assert next(row for row in rows if row["ethnic_group"] == "Roma")["count_note"] == "hidden to protect small numbers"

    box = chart.bounding_box()
    assert box["width"] <= 480 and abs(box["height"] / box["width"] - drawn_ratio(chart)) < 0.01  # not stretched
    forced_colours_keep_bars_and_focus_visible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert no_sideways_scroll(page) and captions_fit(page)
    assert chart.bounding_box()["width"] <= 320
    check_page("67-evidence-measure-320px")
    page.goto(page.url.split("/evidence/")[0] + "/evidence/areas/hackney/")
    assert no_sideways_scroll(page) and captions_fit(page)
    check_page("68-evidence-area-320px")
    page.go_back()
    page.set_viewport_size({"width": 1280, "height": 800})

    page.get_by_role("link", name="Reducing custody remands").first.click()
    expect(page.get_by_role("heading", name="Reducing custody remands")).to_be_visible()


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def captions_fit(page):
    """Every table caption is wholly in view (it wraps rather than running off with a wide table)."""
    return page.evaluate(
        "[...document.querySelectorAll('caption')].every(c => c.getBoundingClientRect().right"
        " <= document.documentElement.clientWidth)"
    )


def drawn_ratio(chart):
    width, height = (
        chart.evaluate("svg => svg.viewBox.baseVal.width"),
        chart.evaluate("svg => svg.viewBox.baseVal.height"),
    )
    return height / width


def forced_colours_keep_bars_and_focus_visible(page):
    """Windows high contrast (forced colours): bars are drawn in the system's text colour, not the page's
    background; the intervals in another colour, so the part inside a bar stays visible; the comparison's bar
    hollow, unlike the others; and a focused link keeps a visible outline."""
    page.emulate_media(forced_colors="active")
    colours = page.evaluate(
        "() => { const style = (selector) => getComputedStyle(document.querySelector(selector));"
        " const comparison = style('.chart__bar--comparison');"
        " return {bar: style('.chart__bar:not(.chart__bar--comparison)').fill, page: style('body').backgroundColor,"
        " interval: style('.chart__interval').stroke, comparison: comparison.fill, outline: comparison.stroke}; }"
    )
    assert colours["bar"] not in ("none", colours["page"]), colours
    assert colours["interval"] not in ("none", colours["bar"]), colours
    assert colours["comparison"] != colours["bar"] and colours["outline"] == colours["bar"], colours
    link = page.get_by_role("link", name="Download these figures (CSV)")
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, as :focus-visible asks
    outline = link.evaluate("a => { const s = getComputedStyle(a); return [s.outlineStyle, s.outlineWidth]; }")
    assert outline[0] != "none" and outline[1] != "0px", outline
    link.blur()
    page.emulate_media(forced_colors="none")
