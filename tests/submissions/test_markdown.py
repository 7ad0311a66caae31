"""Authors' long text is shown as paragraphs, lists and links, never as raw HTML."""

from django.template import Context, Template


def render(text):
    return Template("{% load practice %}{{ text|markdown }}").render(Context({"text": text}))


def test_paragraphs_separated_by_a_blank_line_become_paragraphs():
    html = render("First paragraph.\n\nSecond paragraph.")

    assert "<p>First paragraph.</p>" in html
    assert "<p>Second paragraph.</p>" in html


def test_lines_starting_with_a_dash_become_a_bulleted_list():
    html = render("- Weekly visits\n- Family group conferences")

    assert "<ul>" in html
    assert "<li>Weekly visits</li>" in html
    assert "<li>Family group conferences</li>" in html


def test_single_newline_becomes_a_line_break():
    html = render("First line\nSecond line")

    assert "<p>First line<br>\nSecond line</p>" in html


def test_script_tag_is_shown_as_text():
    html = render("<script>alert(1)</script>")

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_img_tag_with_event_handler_is_shown_as_text():
    html = render("<img src=x onerror=alert(1)>")

    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_javascript_link_gives_no_javascript_href():
    html = render("[x](javascript:alert(1))")

    assert "<a" not in html
    assert "href" not in html


def test_https_link_becomes_a_link():
    html = render("[Our evaluation](https://example.org/report)")

    assert '<a href="https://example.org/report">Our evaluation</a>' in html


def test_empty_text_gives_nothing():
    assert render("") == ""


def test_none_gives_nothing():
    assert render(None) == ""


def test_a_table_of_figures_becomes_a_table_with_its_header_row():
    html = render("| Group | 2022 | 2023 |\n| --- | --- | --- |\n| Black Caribbean | 12 | 7 |")

    assert "<table>" in html
    assert "<th>Group</th>" in html
    assert "<td>Black Caribbean</td>" in html
