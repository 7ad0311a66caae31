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
    """(title, address) for each link in the blocks: hyperlinks, then addresses written out in the text.
    titled: name a written-out address by the words just before it, as resource lists do."""
    found = []
    for block in blocks:
        for part in block.nested():
            found += part.links
            linked = {address for _, address in part.links}
            after_last = 0  # where the text since the last address starts: the next one's title is in it
            for match in ANY_ADDRESS.finditer(part.text if part.kind != "row" else ""):
                written = match.group(0).rstrip(TRAILING)
                address = written if URL.match(written) else f"https://{written}"
                if written not in linked and address not in linked:
                    title = title_from(part.text[after_last : match.start()]) if titled else ""
                    found.append((title or address, address))
                after_last = match.end()
    return found


ATTACHED = re.compile(r"^\s*(?:(?:please )?see(?: the)? attached|attached(?: is| are)?)\s*(?:[:–—-]\s*)?", re.I)


def title_from(words):
    """The words written before an address, as its title ('Our report: https://…'), if short enough to be one;
    'see attached X.pdf' names X.pdf, a resource awaiting its file."""
    words = re.sub(r"^\s*(?:resources?|documents?|links?)\s*:", "", words, flags=re.I).strip(" :–—-(")
    words = ATTACHED.sub("", words).strip()
    return words if 0 < len(words) <= 80 else ""


NOT_A_NAME = re.compile(
    r"^(?:n/?a|none(?: yet| at (?:the moment|present))?|nil|no|see (?:above|below)|tbc|to follow|not yet"
    r"|not applicable)\.?$",
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
        if block.kind == "row" or block.links or ANY_ADDRESS.search(block.text):
            continue
        for piece in re.split(r"[;\n]", block.text):
            title = title_from(piece.strip().lstrip("·•▪◦*"))
            if title and not NOT_A_NAME.match(title) and title.casefold() not in seen:
                seen.add(title.casefold())
                names.append(title)
    return names


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
