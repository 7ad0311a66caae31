"""
From blocks to the proforma's fields: each block goes to the question it answers, whether the answer is
on the label's line, on the lines after it, in the cell beside it, or under it as a heading.
"""

import re
from collections import defaultdict

from reference.models import LocalAuthority, SharingCategory
from submissions.importers import categories, labels
from submissions.importers.authorities import abbreviation_in, ambiguous, authorities_named
from submissions.importers.blocks import Block, with_single_spaces
from submissions.importers.contacts import EMAIL, contacts_in, phones_in, place_emails
from submissions.importers.errors import ProformaFileError
from submissions.importers.links import kept, mailto_links, named_only, web_links
from submissions.importers.lost_links import lost_link_titles
from submissions.importers.markdown import markdown_of
from submissions.importers.replies import points_to_signature, read_reply
from submissions.importers.result import FOUND, INFERRED, MISSING, ParsedProforma, check
from submissions.importers.text import line_block

ONE_LINE = {"local_authority", "title"}
STANDING_ALONE = 60  # a section's name beside the questions it groups is short
ATTACHMENT = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf|csv)$", re.IGNORECASE
)  # 'see attached X.pdf'   # a single answer: what follows it is the description


class Sections:
    """Blocks sorted under the questions they answer, in reading order."""

    def __init__(self, category_names, reading=None):
        self.names = category_names
        self.reading = reading
        self.blocks = defaultdict(list)
        self.labelled = set()
        self.current = "description"
        self.evidence = categories.Evidence()
        self.template_seen = False
        self.in_cell = False  # the current question was asked in a table's left-hand cell
        self.last_category = None  # the category the block before named: a mark alone under it is its tick
        self.further = None  # the titles of the projects after the first, once the questions are asked again
        self.last_added = None  # the section the last block went to
        self.unasked_answers = []  # (question, answers) the proforma does not ask for: set aside, said
        self.outer_level = None  # the level of the last heading before the first question: the proforma's section

    def read(self, blocks):
        for block in blocks:
            if self.reading:
                self.reading.check_time()
            if block.note:
                self.blocks["notes"].append(block)
            elif block.margin:
                self.blocks["margins"].append(block)
            elif self.further is not None:
                self.further_title(block)
            elif block.kind == "row":
                self.row(block)
            else:
                if self.in_cell:  # the table of questions has ended: what follows is more of the story
                    self.current, self.in_cell = "description", False
                    if self.ends_section(block):
                        self.current = "after"  # unless the document's next section starts: not the proforma's
                self.paragraph(block)
        return self

    def paragraph(self, block):
        text = block.text.strip()
        if not text:
            return
        if block.lines and any(self.starts_something(line.text) for line in block.lines):
            self.read(block.lines)  # lines broken with Shift+Enter: each may be a question or a category
            return
        if block.kind == "heading" and not self.labelled:
            self.outer_level = block.level
        asked = block.shaded or block.quoted or block.emphasised or block.kind == "heading"
        field = labels.question(text, asked=asked)
        if field == self.current and field in self.labelled and field not in ONE_LINE:
            field = None  # 'Background' heading the answer to 'Description', once asked: part of the answer
        if field in ONE_LINE and self.asked_again(field) and len(text.split()) > 1:
            self.another_project(block)  # 'LA Name' or the project's name asked again, once the first is answered
            return
        if labels.is_template(text) and not field:
            self.template_seen = True
            if labels.CATEGORIES_INTRO.search(text):
                self.current = "categories"
            return
        above, self.last_category = self.last_category, None
        if line := categories.category_line(text, self.names):
            name, mark = line
            tick = any(block.ticks) if block.ticks else mark
            self.evidence.add(name, tick, block.struck, block.emphasised)
            self.last_category = name
            return
        if marked := categories.several_marked(text, self.names):
            for name, mark in marked:
                self.evidence.add(name, mark, block.struck)
            return
        if above and (mark := categories.mark_alone(text)) is not None:
            self.evidence.add(above, mark)  # '> With partners' quoted, '>> YES' typed under it
            return
        if block.quoted and not field:
            return  # the template's words, or its sender's signature, quoted in a reply: never an answer
        if block.shaded and not field and len(text) <= 60 and not labels.question_with_answer(text):
            self.unasked_answers.append((text, []))  # a shaded question the proforma does not ask: its answer
            self.current = "unasked"  # (the rows below, up to the next question) is set aside
            return
        if field and self.answered(field):
            field = None  # 'Approach' or 'Council' again, once answered: a word in the story, not the question
        if field:
            self.start(field)
            if block.unanswered and field in ONE_LINE:
                self.blocks[field].append(Block())  # its answer box was left empty: what follows is not it
            return
        answered = labels.question_with_answer(text)
        if answered and answered[0] in ONE_LINE and self.asked_again(answered[0]):
            self.another_project(block)  # 'Name of project or approach: …' again, after the first one's answers
            return
        if answered and not self.answered(answered[0]):
            field, answer = answered
            self.start(field)
            answered = line_block(answer)  # 'Impact: • Re-referrals fell': the answer may start a list
            answered.links, answered.places, answered.ticks = block.links, block.places, block.ticks
            self.add(answered)
            return
        self.add(block)

    def ends_section(self, block):
        """A heading as high as the one the proforma's table stands under ('4. Next steps' after '3. Our LIIA
        return' in a council's report): the report goes on, the proforma has ended."""
        return (
            block.kind == "heading"
            and self.outer_level is not None
            and block.level <= self.outer_level
            and not labels.question(block.text, asked=True)
        )

    def starts_something(self, text):
        """Whether a line is a question, a category or the template's own words, not a line of the story."""
        return bool(
            labels.is_template(text)
            or categories.category_line(text, self.names)
            or categories.several_marked(text, self.names)
            or labels.question(text)
            or labels.label_alone(text)
            or labels.question_with_answer(text)
        )

    def answered(self, field):
        return field in ONE_LINE and bool(self.blocks[field])

    def asked_again(self, field):
        """Whether a one-line question already answered is asked again after the questions that follow it: the
        proforma filled in a second time, for another project, in the same file."""
        later = self.labelled - ONE_LINE - {"categories"}
        return self.answered(field) and bool(later) and any(self.blocks[name] for name in later)

    def another_project(self, block):
        """The proforma filled in again in the same file: what follows is another project's, not this one's. A
        heading just before ('Project 2') goes with it."""
        self.further = []
        if (
            self.last_added
            and (before := self.blocks[self.last_added])
            and (before[-1].kind == "heading" or before[-1].emphasised)
        ):
            before.pop()
        self.further_title(block)

    def further_title(self, block):
        """Each further project's name, from its answer to the title question; nothing else of it is read."""
        if block.kind == "row":
            texts = [block.cell_text(number) for number in range(len(block.cells))]
            if len(texts) > 1 and labels.question(texts[0], asked=True) == "title" and texts[1].strip():
                self.further.append(" ".join(texts[1].split()))
            return
        text = " ".join(block.text.split())
        if (answered := labels.question_with_answer(text)) and answered[0] == "title":
            if self.further and not self.further[-1]:
                self.further[-1] = answered[1]  # 'Project 2' asked, then 'Name of project: …'
            else:
                self.further.append(answered[1])
        elif labels.question(text, asked=block.kind == "heading" or block.emphasised) == "title":
            self.further.append("")  # its answer is the next line
        elif self.further and not self.further[-1] and text:
            self.further[-1] = text

    def start(self, field):
        self.template_seen = True
        self.labelled.add(field)
        self.current = field

    def add(self, block):
        if self.current == "after":
            self.blocks["after"].append(block)
            return
        if self.current == "unasked":
            self.unasked_answers[-1][1].append(block.text_with_rows())
            return
        if self.current in ONE_LINE and self.blocks[self.current]:
            self.current = "description"  # the one-line answer is given; the story follows
        elif self.current == "categories":
            if named := categories.named_in_list(block.text, self.names):
                for name, mark in named:
                    self.evidence.add(name, mark)
                return
            self.current = "description"
        if self.current == "description" and "description" not in self.labelled:
            self.blocks["unasked_story"].append(block)  # before the description's question: a title, a note
            if not self.labelled and block.kind != "row":
                self.blocks["preamble"].append(block)  # before any question: may name the authority
        self.blocks[self.current].append(block)
        self.last_added = self.current

    def row(self, row):
        self.last_category = None
        texts = [row.cell_text(number) for number in range(len(row.cells))]
        filled = [number for number, text in enumerate(texts) if text]
        if not filled or labels.is_header_row(texts):
            return
        if self.category_row(row, texts):
            return
        if row.heads_table and not self.labelled and not any(self.starts_something(b.text) for b in row.nested()):
            self.template_seen = True  # the title or instructions across the top of the table of questions
            return
        if len(filled) == 1 and not (row.continued and row.continued[0]):
            self.in_cell = False
            self.read(row.cells[filled[0]])  # a cell spanning the row, or one answered: read as paragraphs
            return
        if self.in_section(row, texts):
            return
        field = labels.question(texts[0], asked=len(texts) > 1)
        if not field and self.unasked(row, texts):
            return
        if field or (row.continued and row.continued[0] and self.current != "description"):
            self.in_cell = False
            if field and self.asked_again(field):
                self.another_project(row)  # the table of questions filled in again, for another project
                return
            if field:
                self.start(field)
            for cell in row.cells[1:]:
                self.read(cell)
            self.in_cell = True
            return
        self.add(row)  # a table of figures, or of contacts: kept whole for its section

    def in_section(self, row, texts):
        """A row of a table of questions grouped into sections ('About you | Local authority | Merton'): the
        section's name (often merged down the rows it spans), then the question, then its answer."""
        if len(texts) < 3 or len(texts[0]) > STANDING_ALONE or not (field := labels.question(texts[1], asked=True)):
            return False
        self.in_cell = False
        if self.asked_again(field):
            self.another_project(row)
            return True
        self.start(field)
        for cell in row.cells[2:]:
            self.read(cell)
        self.in_cell = True
        return True

    def unasked(self, row, texts):
        """A row of the table of questions asking what the proforma does not ('Date completed | 3 November'):
        set aside, said in a warning, never pasted into the description as a table."""
        label = texts[0].strip()
        in_questions = self.in_cell or labels.ASKING.search(label) or any(b.shaded for b in row.cells[0])
        if len(texts) != 2 or not label or len(label) > 60 or not in_questions or (row.continued and row.continued[0]):
            return False
        self.unasked_answers.append((label, [texts[1].strip()]))
        self.in_cell = True
        return True

    def category_row(self, row, texts):
        """A row naming a category, ticked in it or in the cell beside it."""
        for number, text in enumerate(texts):
            line = categories.category_line(text, self.names)
            if line:
                others = [t for n, t in enumerate(texts) if n != number]
                ticks = [tick for cell in row.cells for block in cell for tick in block.ticks]
                beside = categories.cell_mark(" ".join(others), ticks)
                blocks = row.cells[number]
                struck = bool(blocks) and all(block.struck for block in blocks if block.text)
                bold = bool(blocks) and all(block.emphasised for block in blocks if block.text)
                self.evidence.add(line[0], beside if beside is not None else line[1], struck, bold)
                return True
        return False


def read_blocks(blocks, reading=None):
    """The proforma's fields from a file's blocks, with warnings and how sure the reader is of each; a
    limits.Reading, if given, bounds the time taken."""
    all_names = list(SharingCategory.objects.order_by("position").values_list("name", flat=True))
    reply = read_reply(with_single_spaces(blocks))
    sections = Sections({name.lower(): name for name in all_names}, reading).read(reply.blocks)
    if not sections.template_seen and not sections.evidence.lines:
        raise ProformaFileError(
            "We could not find the proforma's questions in this document. Check it is a completed "
            "Sharing Practice proforma, or fill in the form instead."
        )
    parsed = ParsedProforma()
    found = sections.blocks
    parsed.local_authority_text = one_line(found["local_authority"])
    parsed.title = one_line(found["title"])
    labelled = "local_authority" in sections.labelled
    if named_by := read_authority(parsed, labelled, found["preamble"], found["description"], found["margins"]):
        found["description"].remove(named_by)  # a heading naming the authority is not part of the story
    leave_out_preamble(parsed, sections)
    if after := found["after"]:
        text = " ".join(after[0].text_with_rows().split())
        parsed.warn(
            "description",
            f"We left out what follows the proforma, from ‘{text[:100]}’: it reads as the next section of the "
            "document. Add it to the description if readers need it.",
        )
    for title in sections.further or []:
        parsed.warn(
            "title",
            f"This file holds another project after this one{f', ‘{title[:100]}’' if title else ''}: we read only "
            "the first. Make a separate entry for it.",
        )
    chosen, how, warnings = sections.evidence.decide(all_names)
    parsed.categories = list(SharingCategory.objects.filter(name__in=chosen).order_by("position"))
    parsed.certainty["categories"] = how
    for warning in warnings:
        parsed.warn("categories", warning)
    parsed.description, parsed.impact = answer_of(found["description"]), answer_of(found["impact"])
    answer, signed = found["contacts"], False
    if reply.signature and (points_to_signature(answer) or not answer):  # 'Me (details in my signature above)',
        answer, signed = reply.signature, True  # or no contact given: the writer who signed the reply
    parsed.contacts, unread = contacts_in(answer)
    if not signed:  # the writer's own signature is theirs, whoever the email says it is from
        parsed.contacts = [contact for contact in parsed.contacts if not sent_the_template(contact, reply.senders)]
    if not parsed.contacts:  # only then: 'please contact Lisa Aldridge (Head of …)' in the story
        parsed.contacts, _ = contacts_in([], [b.text for f in ("description", "impact") for b in found[f]])
    for line in unread:
        parsed.warn("contacts", f"We could not read a name in ‘{line[:100]}’, so it is not a contact here. Add it.")
    every_link = links_in(found)
    for email in place_emails(parsed.contacts, mailto_links(every_link)):
        parsed.warn(
            "contacts", f"The proforma links to the email address {email[:100]}; add it to a contact if it is one."
        )
    parsed.links = kept(every_link, lambda message: parsed.warn("links", message))
    for title in named_only(found["resources"], [link["title"] for link in parsed.links]):
        if is_contact_detail(title):  # an email address or phone number is a person's, never a resource's name
            parsed.warn(
                "contacts",
                f"‘{title[:100]}’ gives an email address or phone number, so it is not a resource: add it to a "
                "contact if it is one.",
            )
            continue
        parsed.links.append({"title": title, "url": ""})
        if ATTACHMENT.search(title):
            parsed.warn("links", f"‘{title[:100]}’ was attached to the return: upload the file to go with it.")
        else:
            parsed.warn(
                "links",
                f"‘{title[:100]}’ is named with no link or file: add one if you have it, or leave it for readers "
                "to see as named, not yet available.",
            )
    for asked, answers in sections.unasked_answers:
        asked, answer = " ".join(asked.split()).rstrip(":"), " ".join(" ".join(answers).split())
        parsed.warn(
            "description",
            f"We left out ‘{asked[:60]}: {answer[:100]}’: the proforma does not ask for it. Add it to the "
            "description if readers need it.",
        )
    for title in lost_link_titles(found["description"]):
        parsed.links.append({"title": title, "url": ""})
        parsed.warn(
            "links",
            f"‘{title[:100]}’ ends a line of the description as a link's words do when its address was lost: it is "
            "kept as a resource awaiting its link; add the link, or remove it if it is not one.",
        )
    for field in ("title", "description", "impact", "contacts"):
        value = getattr(parsed, field)
        parsed.certainty[field] = MISSING if not value else FOUND if field in sections.labelled else INFERRED
    parsed.certainty["links"] = FOUND if parsed.links else MISSING
    parsed.certainty["summary"] = INFERRED if parsed.summary else MISSING
    check(parsed)
    return parsed


# An answer saying there is none ('Impact: N/A'): the question is left unanswered, as the writer meant
NO_ANSWER = re.compile(
    r"^(?:n/?a|n\.a\.|none(?: yet| so far| at (?:this stage|the moment|present))?|nil|not applicable|[-–—]+)[.!]?$",
    re.IGNORECASE,
)


def answer_of(blocks):
    """A long answer as Markdown; nothing when all it says is that there is none ('N/A')."""
    text = markdown_of(blocks)
    return "" if NO_ANSWER.match(text.strip()) else text


def leave_out_preamble(parsed, sections):
    """What was written before the description's question (a title line, the page's header printed with it, a
    covering note, a table of the report around it) when the description has its own answer under its question:
    not part of the description. A sentence left out is said; a heading, a bold title line or the authority's name
    is not."""
    found = sections.blocks
    preamble = found["unasked_story"]
    answer = [block for block in found["description"] if not any(block is b for b in preamble)]
    if "description" not in sections.labelled or not answer:
        return
    found["description"] = answer
    sentences = [block for block in preamble if block.kind != "heading" and not block.emphasised]
    authorities = list(LocalAuthority.objects.all()) if sentences else []
    for number, block in enumerate(sentences):
        if block.kind == "row":
            if number == 0 or sentences[number - 1].kind != "row":
                text = " ".join(block.text_with_rows().split())
                parsed.warn(
                    "description",
                    f"We left out the table starting ‘{text[:100]}’, written before the "
                    "proforma's questions. Add it to the description if readers need it.",
                )
            continue
        text = " ".join(block.text.split())
        if authorities_named(text, authorities):
            continue  # the page's header printed above the questions, or the authority's own name
        parsed.warn(
            "description",
            f"We left out ‘{text[:100]}’, written before the proforma's questions. Add it to the description if "
            "readers need it.",
        )


def is_contact_detail(text):
    """Whether a line gives an email address or a phone number: contact details, shown only to people signed in."""
    return bool(EMAIL.search(text) or phones_in(text))


def sent_the_template(contact, senders):
    """Whether the contact is whoever sent the template round (its email's 'From:'), not the return's author."""
    return contact["name"].lower() in senders or (contact["email"] and contact["email"].lower() in senders)


def links_in(found):
    """Every link in reading order: a resource list's written-out addresses titled by the words before them."""
    links = web_links(found["description"] + found["impact"] + found["local_authority"] + found["title"], titled=False)
    links += web_links(found["resources"], titled=True) + web_links(found["notes"], titled=False)
    return links + web_links(found["contacts"], titled=False)


def one_line(blocks):
    """A one-line answer: its first block, line breaks and tabs as single spaces."""
    return " ".join(" ".join(block.text_with_rows() for block in blocks[:1]).split())


def read_authority(parsed, labelled, before_questions, in_story=(), margins=()):
    """The authority under its question; failing that, one named in a heading or line before the questions, or
    in the opening lines of the story; failing those, in the page's header or footer."""
    authorities = list(LocalAuthority.objects.all())
    named = authorities_named(parsed.local_authority_text, authorities)
    parsed.local_authority = named[0] if named else None
    # a joint return is found under its question too: its warning, naming the others, asks for the check
    parsed.certainty["local_authority"] = (FOUND if labelled else INFERRED) if named else MISSING
    if not parsed.local_authority_text:
        for block in [*before_questions[:3], *in_story[:3]]:
            if len(in_heading := authorities_named(block.text, authorities)) == 1:
                parsed.local_authority, parsed.certainty["local_authority"] = in_heading[0], INFERRED
                abbreviation = abbreviation_in(block.text)
                reason = f" (‘{abbreviation[0]}’ is {abbreviation[1]})" if abbreviation else ""
                parsed.warn(
                    "local_authority",
                    f"We took the local authority from ‘{block.text.strip()[:100]}’{reason}. Check it.",
                )
                return block if any(block is b for b in before_questions) else None
        for block in margins:
            if len(in_margin := authorities_named(block.text, authorities)) == 1:
                parsed.local_authority, parsed.certainty["local_authority"] = in_margin[0], INFERRED
                parsed.warn(
                    "local_authority",
                    f"The proforma does not name a local authority: we took it from its page header or footer, "
                    f"‘{' '.join(block.text.split())[:100]}’. Check it.",
                )
                return None
        parsed.warn("local_authority", "The proforma does not name a local authority. Select yours.")
    elif not named and (shared := ambiguous(parsed.local_authority_text)):
        written, names = shared
        parsed.warn(
            "local_authority",
            f"‘{written}’ could be {', '.join(names[:-1])} or {names[-1]}: select yours.",
        )
    elif not named:
        parsed.warn(
            "local_authority", f"‘{parsed.local_authority_text[:100]}’ is not a London local authority we know."
        )
    elif len(named) > 1:
        others = ", ".join(authority.name for authority in named[1:])
        parsed.warn(
            "local_authority",
            f"The proforma names more than one local authority. We used {named[0].name}; it also names {others}. "
            "Check, and make a separate entry for each authority if that is right.",
        )
