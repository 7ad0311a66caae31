"""A moderator's "What changed" marks words that changed, never a word whose spacing alone changed."""

from submissions.revisions import changes_between, word_diff


def marked(segments):
    return [(kind, text.strip()) for kind, text in segments if kind != "same"]


def test_a_word_followed_by_a_new_line_instead_of_a_space_is_not_struck_and_added_again():
    old = "Reported to the Board in March. The Board meets monthly."
    new = "Reported to the Board\nin March. The Board  meets weekly."
    assert marked(word_diff(old, new)) == [("removed", "monthly."), ("added", "weekly.")]


def test_the_unchanged_words_read_as_the_new_text_spaces_them():
    segments = word_diff("One two three", "One  two\nthree four")
    assert "".join(text for kind, text in segments if kind != "removed") == "One  two\nthree four"


def test_a_field_whose_spacing_alone_changed_is_not_listed_as_changed():
    old = {"title": "Board reports", "description": "Reports to the Board.\n\nEach month.", "themes": ["Youth justice"]}
    new = {"title": "Board  reports ", "description": "Reports to the Board.\nEach month.", "themes": ["Youth justice"]}
    assert changes_between(old, new) == []
    assert [change.label for change in changes_between(old, {**new, "title": "Board papers"})] == [
        "Name of the project or approach"
    ]
