"""A Word return saved as text keeps a link's words and drops its address: a line of the description that ends on
a title is kept as a resource awaiting its link, and the lead told why (Hackney's own return has two)."""

import pytest

from submissions.importers.lost_links import trailing_title


@pytest.mark.parametrize(
    "line, title",
    [
        (
            "The resulting website has been widely accessed. Hackney's Diverse Curriculum",
            "Hackney's Diverse Curriculum",
        ),
        (
            "Race and education discussion with groups of parents Listening to Parents Talking About Race",
            "Listening to Parents Talking About Race",
        ),
        ("See the report: Building Equal Foundations for Every Child", "Building Equal Foundations for Every Child"),
    ],
)
def test_a_title_ending_a_line_after_a_sentence_or_a_lower_case_word_is_a_lost_link(line, title):
    assert trailing_title(line) == title


@pytest.mark.parametrize(
    "line",
    [
        "For further detail of the programme contact Sonia Khan",  # a person, and two words
        "This is led by Mary Ann Smith",  # a person, after 'by'
        "We worked closely with the Metropolitan Police Service",  # a service, in the sentence
        "The work is assisted by the Chairs of the Safer Young Hackney Board.",  # ends with a full stop
        "Youth Justice Service Annual Plan",  # a line that is all title: a heading
        "Forums such as Hackney for Tomorrow and Young Futures are engaged",  # not at the end
    ],
)
def test_names_in_the_sentence_headings_and_sentences_are_not(line):
    assert trailing_title(line) is None
