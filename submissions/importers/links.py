"""Links from a file: web and email addresses only, each once; anything else dropped with a warning."""

import re
from urllib.parse import urlsplit

SAFE_SCHEMES = {"http", "https", "mailto"}
URL = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:]", re.IGNORECASE)


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
            for match in URL.finditer(part.text if part.kind != "row" else ""):
                if match.group(0) not in linked:
                    found.append((title_before(part.text, match) if titled else match.group(0), match.group(0)))
    return found


def title_before(text, match):
    before = URL.split(text[: match.start()])[-1]
    before = re.sub(r"^\s*(?:resources?|documents?|links?)\s*:", "", before, flags=re.I).strip(" :–—-(")
    return before if 0 < len(before) <= 80 else match.group(0)


def mailto_links(links):
    """(text, address) of the mailto: links: an email address belongs to a contact, never to resources."""
    return [(title, address) for title, address in links if scheme(address) == "mailto"]


def kept(links, warn):
    """The http(s) links, each address once with the first title it was given; others warned about."""
    titles = {}
    for title, address in links:
        kind = scheme(address)
        if kind in ("http", "https"):
            titles.setdefault(address.strip(), title.strip() or address.strip())
        elif kind != "mailto":  # an email address is a contact's: see contacts.place_emails
            warn(f"We left out the link ‘{address[:80]}’: only web links (http or https) are kept from a file.")
    return [{"title": title, "url": url} for url, title in titles.items()]
