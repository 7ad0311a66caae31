"""The proforma's questions as returns word them, and the template's own text that is never an answer."""

import re

from rapidfuzz import fuzz

WORDINGS = {
    "local_authority": r"la name|la|name of (?:the |your )?(?:local authority|la|borough|council)"
    r"|local authority(?: name)?|borough(?: name)?|council|authority",
    "title": r"name of (?:the |your )?(?:project|approach|work|initiative|practice)(?: or approach)?"
    r"|project(?: or approach)?(?: name| title)?|title(?: of (?:the |your )?(?:work|project|approach|practice))?"
    r"|approach",
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
# A question's number, as returns number them: '5. Impact', '2) Project name', 'Q3 Category', 'Question 4:'
NUMBERED = r"(?:(?:q|question)\s*\d{1,2}[.):]?\s*|\d{1,2}(?:\.\d{1,2})?[.)]?\s+)"
ALONE = {
    field: re.compile(rf"^\s*{NUMBERED}?(?:{pattern})\s*[:?–—-]?\s*$", re.IGNORECASE)
    for field, pattern in WORDINGS.items()
}
WITH_ANSWER = {
    field: re.compile(
        rf"^\s*{NUMBERED}?(?:{pattern})[^\S\t]*(?:[:–—\t]|\?|\s-)\s*(?P<answer>\S.*)$", re.IGNORECASE | re.DOTALL
    )
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


# A column of marks headed by what its cells may say ('Yes / No', 'Tick', 'Y/N'): the rows below it give the marks
MARKS_HEADER = re.compile(
    r"^\s*(?:yes\s*/\s*no|y\s*/\s*n|tick(?:ed)?(?: if (?:yes|applicable))?|[✓✔x]\s*/\s*blank)\s*$", re.I
)


def is_header_row(texts):
    """A table's 'Question | Answer' header row, or a table of marks' 'Sharing category | Yes / No': the
    template's, never an answer."""
    if len(texts) == 2 and MARKS_HEADER.match(texts[1]):
        return True
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


# -- questions found by meaning (issue 30) ---------------------------------------------------------------------
# Each question as the template asks it and as returns reword it, and the words that mark it: a block is taken
# for a question when it reads like one (short; ends '?' or ':', or stands in a shaded or label cell, a heading,
# or a quoted line of the template) and scores at least THRESHOLD against one of a field's wordings while naming
# one of its marking words. The threshold was chosen on the corpus: see docs/decisions/0007-proforma-importer.md.
QUESTIONS = {
    "local_authority": ["la name", "local authority", "name of local authority", "name of the borough", "borough la"],
    "title": [
        "name of project or approach",
        "name of project practice",
        "project name",
        "title of the work",
        "name of the practice",
        "title of the practice",
        "what is the project called",
        "what is the initiative called",
        "the project",
    ],
    "categories": [
        "which category are you sharing",
        "category of practice",
        "sharing category",
        "which categories",
        "who are you sharing with",
        "who is the work shared with",
        "type of sharing",
        "who is this practice shared with",
        "who does this involve",
    ],
    "description": [
        "description of the work being undertaken",
        "short description of the work",
        "please describe the work being undertaken",
        "what is the work",
        "tell us about the work",
        "what we are doing",
    ],
    "impact": [
        "impact",
        "what impact has this had",
        "impact of the work",
        "what difference has this made",
        "what difference has it made",
        "outcomes and impact",
    ],
    "resources": [
        "relevant resources documents",
        "links to resources",
        "resources and links",
        "links to relevant documents",
        "any resources or documents to share",
        "further information",
        "find out more",
    ],
    "contacts": [
        "contact name should others wish to find out more",
        "who can people contact to find out more",
        "who should people contact",
        "contact details",
        "contact person",
        "lead contact",
    ],
}
MARKERS = {
    "local_authority": r"authority|borough|council|la",
    "title": r"project|approach|practice|initiative|title",
    "categories": r"categor\w*|shar(?:ing|ed) with|type of sharing|involve[sd]?|tick all",
    "description": r"descri\w*|undertak\w*|about (?:the|your|this) (?:work|project|approach|practice|initiative)"
    r"|what we are doing",
    "impact": r"impact|difference|outcomes?",
    "resources": r"resources?|documents?|links?|find out more",
    "contacts": r"contacts?",
}
MARKER = {field: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for field, pattern in MARKERS.items()}
THRESHOLD = 80
QUESTION_LENGTH = 120  # a question is short; a longer line is part of the story however it scores
# A short line on its own, neither asking nor standing where questions stand, is a question only when it is one
# of the wordings all but exactly, whole line against whole wording ('Name of project / practice' above its answer).
STANDING_ALONE = 60
ALONE_THRESHOLD = 90
ASKING = re.compile(r"[?:]\s*$")
QUESTION_NUMBER = re.compile(rf"^\s*{NUMBERED}", re.IGNORECASE)
BRACKETED = re.compile(r"\([^)]*\)")
TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")


def question(text, asked=False):
    """The field a line asks for, found by meaning: `asked` when where it stands says it is a question (a shaded
    or label cell, a heading, a quoted line); otherwise it must end with '?' or ':'."""
    text = text.strip()
    if len(text) < 80 and (field := label_alone(text)):
        return field
    # the options a question lists in a bracket after it ('Which category(ies)? (Within your organisation / …)')
    # are not its length
    if not text or len(TRAILING_BRACKET.sub("", text)) > QUESTION_LENGTH or len(text) > 2 * QUESTION_LENGTH:
        return None
    ends_asking = bool(ASKING.search(BRACKETED.sub("", text)))  # 'What impact has this had? (please …)'
    if not ends_asking and re.search(r":[^\S\n]*\S", text):
        return None  # 'Question: answer' on one line: see question_with_answer
    asked = asked or ends_asking
    if not asked and len(text) > STANDING_ALONE:
        return None
    plain = " ".join(re.sub(r"[^\w\s]", " ", BRACKETED.sub(" ", QUESTION_NUMBER.sub("", text))).lower().split())
    best, best_score = None, 0
    for field, wordings in QUESTIONS.items():
        if not MARKER[field].search(plain):
            continue
        score = max(similarity(plain, wording) if asked else fuzz.ratio(plain, wording) for wording in wordings)
        if score > best_score:
            best, best_score = field, score
    return best if best_score >= (THRESHOLD if asked else ALONE_THRESHOLD) else None


def similarity(line, wording):
    """0–100: the words the line and the wording share, order aside (token_set_ratio: a reworded question scores
    high, typos included), averaged with the whole line against the wording (token_sort_ratio), so a line that
    holds the wording among many other words ('the borough's impact on …') does not score as the question."""
    return (fuzz.token_set_ratio(line, wording) + fuzz.token_sort_ratio(line, wording)) / 2


def question_with_answer(text):
    """(field, answer) for a question found by meaning followed on its line by its answer ('Description of the
    work being undertaken: We …')."""
    if answered := label_with_answer(text):
        return answered
    match = re.match(
        r"^(?P<question>[^:?\n]{3,120}[:?](?:[^\S\n]*\([^)\n]{0,60}\))?)[^\S\n]*:?\s*(?P<answer>\S.*)$",
        text.strip(),
        re.DOTALL,
    )
    if match and (field := question(match.group("question"))):
        return field, match.group("answer").strip()
    return None
