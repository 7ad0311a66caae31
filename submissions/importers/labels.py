"""The proforma's questions as returns word them, and the template's own text that is never an answer."""

import re

WORDINGS = {
    "local_authority": r"la name|la|name of (?:the |your )?(?:local authority|la|borough|council)"
    r"|local authority(?: name)?|borough(?: name)?|council|authority",
    "title": r"name of (?:the |your )?(?:project|approach|work|initiative|practice)(?: or approach)?"
    r"|project(?: or approach)?(?: name| title)?|title(?: of (?:the |your )?(?:work|project|approach))?|approach",
    "categories": r"(?:sharing )?categor(?:y|ies)(?: of (?:practice|sharing))?(?: \(.*\))?",
    "description": r"(?:short |brief )?description(?: of (?:the |your )?(?:work|project|approach|practice))?"
    r"|about the (?:work|project|approach)|summary(?: of (?:the )?(?:work|project))?"
    r"|what (?:is|was) the (?:work|project|approach)|background|the work",
    "impact": r"(?:the )?impact(?: so far| of the work| and outcomes)?|outcomes?(?: and impact)?"
    r"|what difference (?:has it|did it|it has) made|difference made|results",
    "resources": r"(?:relevant )?(?:resources?|documents?|links?)(?: ?(?:/|and|or|&) ?(?:documents?|links?))?"
    r"|(?:further|more) information|web ?links?|useful links",
    "contacts": r"contacts?(?: names?| details| person| information)?(?: \(s\))?|contact name\(s\)|who to contact"
    r"|(?:lead )?contact for (?:the |this )?(?:work|project)",
}
ALONE = {field: re.compile(rf"^\s*(?:{pattern})\s*[:?–—-]?\s*$", re.IGNORECASE) for field, pattern in WORDINGS.items()}
WITH_ANSWER = {
    field: re.compile(rf"^\s*(?:{pattern})[^\S\t]*(?:[:–—\t]|\?|\s-)\s*(?P<answer>\S.*)$", re.IGNORECASE | re.DOTALL)
    for field, pattern in WORDINGS.items()
}
TEMPLATE = re.compile(
    r"^\s*(?:anti-racist work and tackling disproportionality|please use this template|please give a short "
    r"description|\(?please (?:indicate|tick|select|delete)|(?:tick|delete) (?:all|those|any|as) "
    r"|please (?:complete|fill in|answer|keep|return|send)\b|guidance\s*:|sharing practice\s*$"
    r"|.{0,80}\(please [^)]*\)\s*$)",  # 'Sharing Practice return (please complete all sections)'
    re.IGNORECASE,
)
CATEGORIES_INTRO = re.compile(r"please indicate which categor|tick (?:all|those) that apply|delete those", re.I)
MARKING = re.compile(
    r"^\s*(?:(?:not )?protectively marked|official(?:[\s-]*sensitive)?|unclassified)\b[^a-z]*(?:[–—-].*)?$",
    re.IGNORECASE,
)


HEADER_ROW = re.compile(r"^\s*(?:questions?|sections?|headings?|items?|prompts?)\s*$", re.IGNORECASE)
ANSWER_HEADER = re.compile(r"^\s*(?:your )?(?:answers?|responses?|details|information)\s*$", re.IGNORECASE)


def is_header_row(texts):
    """A table's 'Question | Answer' header row: the template's, never an answer."""
    return len(texts) >= 2 and bool(HEADER_ROW.match(texts[0]) and ANSWER_HEADER.match(texts[1]))


def label_alone(text):
    """The field a line names when it is only a question (the answer comes after it)."""
    return next((field for field, pattern in ALONE.items() if pattern.match(text)), None)


def label_with_answer(text):
    """(field, answer) for 'Question: answer' on one line."""
    for field, pattern in WITH_ANSWER.items():
        if match := pattern.match(text):
            return field, match.group("answer").strip()
    return None


def is_template(text):
    return bool(TEMPLATE.match(text) or MARKING.match(text))
