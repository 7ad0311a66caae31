"""Links from a file: web and email addresses only, each once; anything else dropped with a warning."""

import re
from urllib.parse import urlsplit

SAFE_SCHEMES = {"http", "https", "mailto"}
WARNED_ONE_BY_ONE = 10  # links left out, each named; past these, one line says how many more
URL = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:]", re.IGNORECASE)
# An address written without its scheme, as people type them: 'www.merton.gov.uk/…', or a domain with a path
# ('merton.gov.uk/early-help'); never a bare domain ('example.org' in a sentence, or an email address's).
BARE = re.compile(
    r"(?<![\w@/.:-])(?:www\.[\w-]+(?:\.[\w-]+)+(?:/[^\s<>()\"']*)?"
    r"|[a-z0-9][\w-]*(?:\.[\w-]+)*\.(?:uk|org|com|net|gov|info|io)/[^\s<>()\"']*)",
    re.IGNORECASE,
)
TRAILING = ".,;:!?"
ANY_ADDRESS = re.compile(f"{URL.pattern}|{BARE.pattern}", re.IGNORECASE)


def scheme(address):
    try:
        return urlsplit(address.strip()).scheme.lower()
    except ValueError:
        return ""


def web_links(blocks, *, titled):
    """(title, address) for each link in the blocks in reading order: hyperlinks (and a footnote's links at its
    mark) and addresses written out in the text, each where it stands when the reader says where that is, else
    the hyperlinks first. titled: name a written-out address by the words just before it, as resource lists do."""
    found = []
    for block in blocks:
        for part in block.nested():
            # each link's place: how many written-out addresses come before it (their keys follow)
            places = part.places if len(part.places) == len(part.links) else [0] * len(part.links)
            here = [((place, 0), link) for place, link in zip(places, part.links, strict=True)]
            linked = {address for _, address in part.links}
            text = part.text if part.kind != "row" else ""
            # where a hyperlink's words end: the title of an address written after them starts there
            ends = [text.find(words) + len(words) for words, _ in part.links if words.strip() and words in text]
            after_last = 0  # where the text since the last link starts: the next one's title is in it
            for number, match in enumerate(ANY_ADDRESS.finditer(text)):
                written = match.group(0).rstrip(TRAILING)
                address = written if URL.match(written) else f"https://{written}"
                if written not in linked and address not in linked:
                    after_last = max([after_last, *(end for end in ends if end <= match.start())])
                    title = title_from(text[after_last : match.start()]) if titled else ""
                    title = "" if LEADS_IN.search(title) else title  # 'our dashboard at https://…' names nothing
                    here.append(((number, 1), (title or address, address)))
                after_last = match.end()
            found += [link for _, link in sorted(here, key=lambda placed: placed[0])]
    return found


ATTACHED = re.compile(r"^\s*(?:(?:please )?see(?: the)? attached|attached(?: is| are)?)\s*(?:[:–—-]\s*)?", re.I)
# A file named as sent with the return, wherever the words say so ('Programme prospectus – see attached Enfield
# RELP prospectus.pdf', 'Please also see attached Inclusion Charter 2024.pdf'): its name, up to its extension
ATTACHED_FILE = re.compile(
    r"\battached\b(?:\s+(?:is|are|as|file|document))?\s*[:–—-]?\s*\(?"
    r"(?P<name>(?:[^\s,;:()]+\s+){0,8}?[^\s,;:()]*\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|csv))(?![\w-])"
    # or named first, then said to be attached: 'Evaluation framework: BFAP_Framework_v2.docx (attached)'
    r"|(?:^|[:–—]\s*)(?P<before>[^:–—()\n]{1,80}?\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|csv))\s*\(attached\)",
    re.IGNORECASE,
)
SAID_ATTACHED = re.compile(r"\s*[(\[–—-]\s*(?:see )?(?:attached|enclosed)\s*[)\]]?\s*$", re.IGNORECASE)
# Words that lead into what follows them ('our live dashboard at https://…'): a sentence running into an address,
# not a title for it
LEADS_IN = re.compile(r"\b(?:at|on|in|via|from|to|of|for|by|with|and|or|the|a|an|our|see|visit|here|is|are)$")


def title_from(words):
    """The words written before an address, as its title ('Our report: https://…'), if short enough to be one."""
    words = re.sub(r"^\s*(?:resources?|documents?|links?)\s*:", "", words, flags=re.I).strip(" :–—-(")
    words = ATTACHED.sub("", words).strip()
    words = SAID_ATTACHED.sub("", words)  # 'LBBD_Exclusions_Protocol_2023.pdf (attached)': the file's name
    return words if 0 < len(words) <= 80 else ""


NOT_A_NAME = re.compile(
    r"^(?:n/?a|none(?: (?:yet|so far|published|available|to share|at (?:the moment|present|this stage))){0,2}|nil"
    r"|no|see (?:above|below)|tbc|to follow|not yet(?: published| available)?|not applicable)\.?$",
    re.IGNORECASE,
)


def named_only(blocks, known):
    """Titles of the resources a resource list names with no address ('Hackney's Diverse Curriculum', a cabinet
    report): each paragraph or list item (or its part between semicolons) with no link, short enough to be a
    title, once, leaving out titles in known (the links' own). A table's cells are left alone: 'Also see' beside
    a link names nothing."""
    seen = {title.casefold() for title in known}
    names = []
    for block in blocks:
        if block.kind == "row":
            continue
        if block.links or ANY_ADDRESS.search(block.text):  # a line with a link names only a file it attaches
            pieces = attached_files(block.text)
        else:
            pieces = re.split(r"[;\n]", block.text)
        for piece in pieces:
            # 'see attached X.pdf and Y.docx' names X.pdf and Y.docx, resources awaiting their files
            titles = attached_files(piece) or [title_from(piece.strip().lstrip("·•▪◦*"))]
            for title in titles:
                if title and not NOT_A_NAME.match(title) and title.casefold() not in seen:
                    seen.add(title.casefold())
                    names.append(title)
    return names


# A further file listed after an attached one ('… X.pdf and Y.docx', '…, Y.docx')
AND_FILE = re.compile(
    r"\s*(?:,|;|&|\band\b)\s*(?:and\s+)?(?P<name>[^\s,;:()]+\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|csv))(?![\w-])", re.I
)


def attached_files(text):
    """The names of the files the text says are attached, each listed after 'attached' in turn."""
    names = []
    for attached in ATTACHED_FILE.finditer(text):
        names.append(file_name(attached))
        end = attached.end()
        while more := AND_FILE.match(text, end):
            names.append(more.group("name"))
            end = more.end()
    return names


def file_name(attached):
    return (attached.group("name") or attached.group("before")).strip()


def mailto_links(links):
    """(text, address) of the mailto: links: an email address belongs to a contact, never to resources."""
    return [(title, address) for title, address in links if scheme(address) == "mailto"]


def kept(links, warn):
    """The http(s) links, each address once with the first title it was given; others warned about."""
    titles, left_out = {}, []
    for title, address in links:
        kind = scheme(address)
        if kind in ("http", "https"):
            titles.setdefault(address.strip(), title.strip() or address.strip())
        elif kind != "mailto":  # an email address is a contact's: see contacts.place_emails
            left_out.append(address)
    for address in left_out[:WARNED_ONE_BY_ONE]:
        warn(f"We left out the link ‘{address[:80]}’: only web links (http or https) are kept from a file.")
    more = len(left_out) - WARNED_ONE_BY_ONE
    if more > 0:
        warn(f"We left out {more:,} more links that were not web links (http or https).")
    return [{"title": title, "url": url} for url, title in titles.items()]
