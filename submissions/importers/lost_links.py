"""
Names of documents and web pages whose links were lost: a Word return saved as text keeps a link's words and
drops its address, so a line ends on a title ("… The resulting website has been widely accessed. Hackney's Diverse
Curriculum", "… with groups of parents Listening to Parents Talking About Race"). Such a name is kept as a resource
awaiting its link, and the lead is told why, since only they know whether it is one.
"""

import re

CAPITALISED = r"[A-Z][\w’'&-]*"
SMALL = r"(?:to|of|the|and|about|for|in|on|a|an|with|&)"
# At least three words, the first and last capitalised, ending the line with no full stop.
TRAILING_TITLE = re.compile(rf"({CAPITALISED}(?:\s+(?:{CAPITALISED}|{SMALL}))*\s+{CAPITALISED})\s*$")
# Words after which capitalised words are a name in the sentence (a person, a service), not a lost link's title.
IN_THE_SENTENCE = frozenset(
    "a an the to of by with and or for from at in on into our their its his her contact contacting see "
    "called named led run chaired".split()
)
LEAST_WORDS = 3


def lost_link_titles(blocks):
    """Titles that end a paragraph or list item of the blocks after a sentence or a lower-case word."""
    titles = []
    for block in blocks:
        if block.kind == "row" or block.links:
            continue
        for line in block.text.splitlines():
            if title := trailing_title(line.strip().lstrip("·•▪◦*- ")):
                titles.append(title)
    return titles


def trailing_title(line):
    match = TRAILING_TITLE.search(line)
    if match is None or match.start() == 0:
        return None  # a line all in capitals is a heading or a title, not a sentence ending on one
    title, before = match.group(1), line[: match.start()].rstrip()
    words = title.split()
    while words and (re.fullmatch(SMALL, words[0]) or not words[0][0].isupper()):
        words.pop(0)
    previous = before.split()[-1] if before.split() else ""
    ends_sentence = before.endswith((".", ":", "!", "?"))
    # after a possessive ('the directorate’s Anti-Racism Steering Group') the words name something in the sentence
    possessive = re.search(r"\w(?:['’]s|s['’])$", previous)
    if not ends_sentence and (not previous.islower() or previous.casefold() in IN_THE_SENTENCE or possessive):
        return None
    return " ".join(words) if len(words) >= LEAST_WORDS else None
