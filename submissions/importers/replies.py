"""
A proforma returned as an email reply: the template quoted with '> ' and the answers typed under each question.
The quoted lines are marked (the template's words, never answers); the email's headers, greeting, sign-off and
'Sent from Outlook' are left out; the reply's signature is kept aside for a contact written 'Me (details in my
signature above)'; and whoever sent the template round (the quoted message's 'From:', the reply's 'To:') is
named so that they are never taken for a contact.
"""

import re
from dataclasses import dataclass, field

from submissions.importers.contacts import EMAIL

QUOTE = re.compile(r"^\s*>+ ?")
HEADER = re.compile(r"^\s*(?P<key>from|sent|to|cc|date|subject|importance)\s*:\s*(?P<value>.*)$", re.IGNORECASE)
ORIGINAL = re.compile(r"^\s*(?:-{2,}\s*original message\s*-{2,}|on .{6,80} wrote:)\s*$", re.IGNORECASE)
GREETING = re.compile(r"^\s*(?:hi|hello|dear|good (?:morning|afternoon))\b[^.!?]{0,40}[,!]?\s*$", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^\s*(?:(?:many |kind |best |warm )?(?:thanks|regards|wishes)|thank you|cheers|best)\b[^.]{0,20}[,.!]?\s*$",
    re.IGNORECASE,
)
SENT_FROM = re.compile(r"^\s*(?:sent from (?:outlook|my \w+|mail)|get outlook for)\b", re.IGNORECASE)
MY_SIGNATURE = re.compile(r"\b(?:my|the) signature\b|^\s*(?:me|myself)\b", re.IGNORECASE)
SIGNATURE_LINES = 8  # a signature is short: name, role, team, organisation, address, email, phone


@dataclass
class Reply:
    blocks: list
    signature: list = field(default_factory=list)  # the reply's signature lines, as blocks
    senders: set = field(default_factory=set)  # names and email addresses of whoever sent the template round


def read_reply(blocks):
    """The blocks with an email's own lines left out (headers, the covering note, 'Sent from Outlook') and quoted
    lines marked, the covering note's signature, and the template's senders; a file that is no email comes back
    as it is, less any 'Sent from' line."""
    blocks = [block for block in blocks if not SENT_FROM.match(block.text)]
    opening = [block for block in blocks[:20] if block.text.strip() and not HEADER.match(block.text)][:3]
    blocks = [block for block in blocks if not (GREETING.match(block.text) and any(block is b for b in opening))]
    headers = [number for number, block in enumerate(blocks[:2000]) if HEADER.match(block.text)]
    if len(headers) < 2:
        return Reply(blocks)
    froms = [number for number in headers if HEADER.match(blocks[number].text).group("key").lower() == "from"]
    quoted = [number for number, block in enumerate(blocks) if QUOTE.match(block.text)]
    # the covering note: after the first message's headers, up to the quoted or forwarded template
    note_ends = min([*froms[1:], *(quoted[:1] if len(quoted) >= 3 else []), len(blocks)])
    reply, froms_seen, signing = Reply([]), 0, False
    for number, block in enumerate(blocks):
        if header := HEADER.match(block.text):
            key, value = header.group("key").lower(), header.group("value")
            froms_seen += key == "from"
            # the template came in the last message (its 'From:'), or, quoted in a one-message reply, from
            # whoever the reply is to
            last_message = froms_seen == len(froms)
            if (key == "from" and last_message and not (len(froms) == 1 and len(quoted) >= 3)) or (
                key in ("to", "cc") and froms_seen == 1 and len(quoted) >= 3
            ):
                reply.senders |= senders_in(value)
            continue
        if ORIGINAL.match(block.text):
            continue
        if len(quoted) >= 3 and QUOTE.match(block.text):
            block.text, block.quoted = QUOTE.sub("", block.text, count=1), True
        elif number < note_ends and froms_seen == 1 and note_ends < len(blocks):
            if SIGN_OFF.match(block.text):
                signing = True
            elif signing and block.text.strip() and len(reply.signature) < SIGNATURE_LINES:
                reply.signature.append(block)
            continue
        reply.blocks.append(block)
    reply.signature = signature_of(reply.signature)
    return reply


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
