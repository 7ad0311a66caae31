"""
A proforma returned as an email reply: the template quoted with '> ' and the answers typed under each question,
or marked deeper ('>> ') under it; or the answers typed in the reply itself, above the blank template it quotes.
The template's quoted lines are marked (its words, never answers); the email's headers, greeting, covering note,
sign-off and 'Sent from Outlook' are left out; the reply's signature (after its sign-off, or after '-- ') is kept
aside for a contact written 'Me (details in my signature above)'; and whoever sent the template round (the quoted
message's 'From:', the reply's 'To:') is named so that they are never taken for a contact.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from submissions.importers import labels
from submissions.importers.contacts import EMAIL
from submissions.importers.text import line_block

QUOTE = re.compile(r"^\s*(?:>[^\S\n]?)+")  # '> ', '>> ' or '> > ': as deep as its '>'s
HEADER = re.compile(r"^\s*(?P<key>from|sent|to|cc|date|subject|importance)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
ORIGINAL = re.compile(r"^\s*(?:-{2,}\s*original message\s*-{2,}|on .{6,80} wrote:)\s*$", re.IGNORECASE)
GREETING = re.compile(r"^\s*(?:hi|hello|dear|good (?:morning|afternoon))\b[^.!?]{0,40}[,!]?\s*$", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^\s*(?:(?:many |kind |best |warm )?(?:thanks|regards|wishes)|thank you|cheers|best)\b[^.]{0,20}[,.!]?\s*$",
    re.IGNORECASE,
)
SENT_FROM = re.compile(r"^\s*(?:sent from (?:outlook|my \w+|mail)|get outlook for)\b", re.IGNORECASE)
SIGNATURE_DASHES = re.compile(r"^--\s*$")  # '-- ', the line mail programs put above a signature
MY_SIGNATURE = re.compile(
    r"\b(?:my|the) signature\b|^\s*(?:me|myself)\b|^\s*(?:(?:my |contact )?details|see)\s+(?:are\s+)?(?:below|above)\b",
    re.IGNORECASE,
)
SIGNATURE_LINES = 8  # a signature is short: name, role, team, organisation, address, email, phone


@dataclass
class Reply:
    blocks: list
    signature: list = field(default_factory=list)  # the reply's signature lines, as blocks
    senders: set = field(default_factory=set)  # names and email addresses of whoever sent the template round


def read_reply(blocks):
    """The blocks with an email's own lines left out (headers, the covering note, 'Sent from Outlook') and the
    template's quoted lines marked, the reply's signature, and the template's senders; a file that is no email
    comes back as it is, less any 'Sent from' line."""
    blocks = [block for block in blocks if not SENT_FROM.match(block.text)]
    opening = [block for block in blocks[:20] if block.text.strip() and not HEADER.match(block.text)][:3]
    blocks = [block for block in blocks if not (GREETING.match(block.text) and any(block is b for b in opening))]
    headers = [number for number, block in enumerate(blocks[:2000]) if HEADER.match(block.text)]
    if len(headers) < 2:
        return Reply(blocks)
    froms = [number for number in headers if HEADER.match(blocks[number].text).group("key").lower() == "from"]
    depths = [quote_depth(block.text) for block in blocks]
    quoted = [number for number, depth in enumerate(depths) if depth]
    template_depth = template_depth_of(blocks, depths) if len(quoted) >= 3 else None
    # the covering note: after the first message's headers, up to the quoted or forwarded template
    note_ends = min([*froms[1:], *(quoted[:1] if len(quoted) >= 3 else []), len(blocks)])
    note = Note(blocks, note_ends) if note_ends < len(blocks) else None
    # a return forwarded on ('FW:'), its answers in the forwarded message's own lines: whoever wrote that message
    # wrote the return, and sent no template round
    forwarded_return = len(froms) > 1 and len(quoted) < 3 and answered_questions(own_texts(blocks[froms[-1] :])) >= 2
    # the answers typed in the email's own lines, no template quoted below: what follows the sign-off after the
    # last question ('Best wishes, / Olu / Olu Adebayo-Smith / Head of Service …') is the writer's signature
    signed_off = sign_off_after_answers(blocks) if len(quoted) < 3 and not (note and note.answers) else None
    if len(quoted) >= 3 and not (note and note.answers):  # answers typed under the quoted questions: the sign-off
        signed_off = sign_off_after(blocks, quoted[-1])  # after the last of them starts the writer's signature
    # a reply whose own message has no headers, above the message it answers ('Kind regards / Dr … | Head of …'
    # then '-----Original Message-----'): what follows its sign-off, up to that message, is its writer's signature
    top_signed = sign_off_after(blocks, -1, before=headers[0])
    reply, froms_seen, signing, dashes, signed = Reply([]), 0, False, False, []
    for number, block in enumerate(blocks):
        if top_signed is not None and top_signed <= number < headers[0] and not ORIGINAL.match(block.text):
            if number > top_signed and block.text.strip() and len(reply.signature) < SIGNATURE_LINES:
                reply.signature.append(block)
            continue
        if header := HEADER.match(block.text):
            key, value = header.group("key").lower(), header.group("value")
            froms_seen += key == "from"
            # the template came in the last message (its 'From:'), or, quoted in a one-message reply, from
            # whoever the reply is to
            last_message = froms_seen == len(froms)
            if (
                key == "from" and last_message and not (len(froms) == 1 and len(quoted) >= 3) and not forwarded_return
            ) or (
                key == "to" and froms_seen == 1 and len(quoted) >= 3
            ):  # not whoever the reply copies in ('Cc: Simon Achterberg'): a colleague, often the contact
                reply.senders |= senders_in(value)
            dashes = False
            continue
        if ORIGINAL.match(block.text) or (note and note.answers and number >= note_ends):
            continue  # when the reply itself answers, what it quotes or forwards is the blank template sent round
        if template_depth is not None and depths[number]:
            dashes = False
            if template_depth in (depths[number], 0):
                block.text, block.quoted = QUOTE.sub("", block.text, count=1), True
            else:  # typed under the template's question at another depth ('>> Merton'): an answer
                block = answer(block)
        elif note and number < note_ends and froms_seen == 1:
            if note.answers and note.first_question <= number < note.signed_off:
                reply.blocks.append(block)  # the answers, typed in the reply itself
            elif SIGN_OFF.match(block.text) or SIGNATURE_DASHES.match(block.text) or number == note.signed_off:
                signing = True
            elif signing and block.text.strip() and len(reply.signature) < SIGNATURE_LINES:
                reply.signature.append(block)
            continue
        elif signed_off is not None and number >= signed_off:
            if number > signed_off and block.text.strip() and not dashes and len(reply.signature) < SIGNATURE_LINES:
                reply.signature.append(block)
            dashes = dashes or bool(SIGNATURE_DASHES.match(block.text))
            continue
        elif SIGNATURE_DASHES.match(block.text):
            dashes = True  # '-- ': what follows, up to a quote or the next message, is the sender's signature
            continue
        elif dashes:
            if block.text.strip() and len(signed) < SIGNATURE_LINES:
                signed.append(block)
            continue
        reply.blocks.append(block)
    reply.blocks = unwrapped(without_senders_signatures(reply.blocks, reply.senders))
    reply.signature = max(signature_of(reply.signature), signed, key=len)
    return reply


def own_texts(blocks):
    return [block.text for block in blocks if not HEADER.match(block.text)]


def sign_off_after_answers(blocks):
    """Where the email's own lines sign off ('Best wishes,') after the last of the template's questions they
    answer, or None when they answer none."""
    asked = [number for number, block in enumerate(blocks) if starts_answers(block.text)]
    if answered_questions(own_texts(blocks)) < 2:
        return None
    return next((number for number in range(asked[-1] + 1, len(blocks)) if SIGN_OFF.match(blocks[number].text)), None)


def sign_off_after(blocks, start, before=None):
    """The first sign-off ('Thanks,', 'Kind regards') among the reply's own lines after `start`, or None."""
    end = len(blocks) if before is None else before
    return next(
        (
            number
            for number in range(start + 1, end)
            if not quote_depth(blocks[number].text) and SIGN_OFF.match(blocks[number].text)
        ),
        None,
    )


def without_senders_signatures(blocks, senders):
    """The blocks less the signature of whoever sent the template round, below the template they sent: the
    short run of lines (between blank lines) that gives one of their email addresses. Neither contact nor
    resource."""
    if not senders:
        return blocks
    runs, current = [], []
    for block in blocks:
        if block.text.strip() and not block.quoted:
            current.append(block)
            continue
        runs.append(current)
        runs.append([block])
        current = []
    runs.append(current)
    kept = []
    for run in runs:
        emails = {email.lower() for block in run for email in EMAIL.findall(block.text)}
        if run and len(run) <= SIGNATURE_LINES and emails and emails <= senders:
            continue
        kept += run
    return kept


def quote_depth(text):
    """How deeply a line is quoted: its '>'s ('> ' 1, '>> ' or '> > ' 2), 0 for a line of the reply's own."""
    return quote.group(0).count(">") if (quote := QUOTE.match(text)) else 0


def template_depth_of(blocks, depths):
    """The depth at which a reply quotes the template: the one holding most of its questions and words (a reply
    may mark its answers deeper, '>> ', or quote a reply that answered under the questions); 0 when no quoted
    line is the template's, so that every quoted line is taken for it."""
    counts = Counter(
        depth for block, depth in zip(blocks, depths, strict=True) if depth and is_template_line(block.text)
    )
    return min(counts, key=lambda depth: (-counts[depth], depth)) if counts else 0


def is_template_line(text):
    text = QUOTE.sub("", text, count=1).strip()
    return bool(text) and bool(labels.is_template(text) or labels.question(text, asked=True))


def answer(block):
    """A line quoted at another depth than the template, as the reply's own line ('>> * first' a list item)."""
    answered = line_block(QUOTE.sub("", block.text, count=1))
    answered.links, answered.places, answered.ticks = block.links, block.places, block.ticks
    return answered


class Note:
    """The reply's covering note, up to the template it quotes or forwards. When it answers more of the
    template's questions than the template below it does (answers pasted into the reply, above the blank
    template sent round), it is the return: from its first question up to its sign-off."""

    def __init__(self, blocks, ends):
        texts = [block.text for block in blocks[:ends] if not HEADER.match(block.text)]
        below = [QUOTE.sub("", block.text, count=1) for block in blocks[ends:] if not HEADER.match(block.text)]
        self.answers = answered_questions(texts) >= 2 and answered_questions(texts) > answered_questions(below)
        self.first_question, self.signed_off = ends, ends
        if self.answers:
            asked = [number for number in range(ends) if starts_answers(blocks[number].text)]
            self.first_question = asked[0]
            self.signed_off = next(
                (
                    number
                    for number in range(asked[-1] + 1, ends)
                    if SIGN_OFF.match(blocks[number].text) or SIGNATURE_DASHES.match(blocks[number].text)
                ),
                ends,
            )


def starts_answers(text):
    """A line of the template's: a question, with or without its answer, or the template's own words."""
    text = text.strip()
    return bool(text) and bool(labels.question(text) or labels.question_with_answer(text) or labels.is_template(text))


def answered_questions(texts):
    """How many of the template's questions the lines answer: a question with its answer on its line, or a
    question followed by a line that is not another question (the blank template answers none)."""
    answered, asked = set(), None
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if field := labels.question(text):
            asked = field
        elif with_answer := labels.question_with_answer(text):
            answered.add(with_answer[0])
            asked = None
        elif asked:
            answered.add(asked)
            asked = None
    return len(answered)


# A line an email programme broke (at 72–78 characters): it ends with no full stop, colon or the like, and the next
# starts with a word in lower case ('who told us that' / 'mainstream support groups'), not an address
ENDS_OPEN = re.compile(r"[\w,’'”)-]$")
GOES_ON = re.compile(r"^[a-z][a-z’'-]*(?:[\s,;]|$)")


def unwrapped(blocks):
    """The reply's own lines with those its mail programme broke joined again into their paragraphs."""
    joined = []
    for block in blocks:
        last = joined[-1] if joined else None
        if (
            last is not None
            and not (block.quoted or last.quoted)
            and block.kind == "paragraph"
            and last.kind in ("paragraph", "item")
            and ENDS_OPEN.search(last.text)
            and GOES_ON.match(block.text)
        ):
            last.text = f"{last.text} {block.text}"
            last.links = [*last.links, *block.links]
            continue
        joined.append(block)
    return joined


def signature_of(lines):
    """The signature block: the lines after the sign-off, less a first name alone above the full one ('Joy')."""
    if len(lines) > 1 and len(lines[0].text.split()) == 1 and lines[1].text.split()[:1] == lines[0].text.split():
        lines = lines[1:]
    return lines


def senders_in(value):
    """'Sam Whitfield <sam.whitfield@liia.example.org>; …': each name and address, lower-cased."""
    found = set()
    for person in re.split(r"[;,]", value):
        found |= {email.lower() for email in EMAIL.findall(person)}
        if name := re.sub(r"<[^>]*>|\S+@\S+|[\"']", "", person).strip():
            found.add(name.lower())
    return found


def points_to_signature(blocks):
    """Whether the contacts answer says the contact is the sender, details in the signature."""
    return any(MY_SIGNATURE.search(block.text) for block in blocks) and len(blocks) <= 2
