"""People to contact, from lines, labelled lines, a table with a header row, or a sentence."""

import re
import unicodedata

# Tried only where a run of the address's characters starts (the look-behind): tried at every place, a line of
# 100,000 such characters without an @ took minutes, each start scanning to the end of the run.
EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d\s()]{7,13}\d(?:\s*(?:ext\.?|extension|x)\s*\d{1,5})?", re.IGNORECASE
)
SEPARATORS = re.compile(r"\s*[,;|\t]\s*|\s+[–—-]\s+")
# 'Name – Role, Team – email': when dashes separate the parts, a comma belongs to the part it is in
DASH_SEPARATORS = re.compile(r"\s*[;|\t]\s*|\s+[–—-]\s+")
KEYED = re.compile(
    r"^\s*(?P<key>name|full name|role|job title|position|title|e-?mail(?: address)?|phone|telephone|tel|mobile)"
    r"\s*[:–-]\s*(?P<value>.+)$",
    re.IGNORECASE,
)
COLUMNS = {"name": "name", "role": "role", "job": "role", "position": "role", "title": "role", "mail": "email"}
COLUMNS |= {"phone": "phone", "tel": "phone", "mobile": "phone"}
PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "van",
    "von",
    "der",
    "den",
    "la",
    "le",
    "bin",
    "binti",
    "al",
    "el",
    "ní",
    "nic",
    "ó",
}
# Combining marks (Unicode category M), which \w leaves out: 'Adébáyọ̀' keeps a dot and an accent on one letter
# even in NFC, and a name typed on some keyboards arrives decomposed.
MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0903\u093a-\u094f"
MARKS += "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
WORD = rf"[^\W\d_][\w{MARKS}'’.-]*"
NAME_WITH_ROLE = re.compile(rf"((?:{WORD}\s+){{1,4}}{WORD})\s*\(([^)]+)\)")
NAME_AFTER_CONTACT = re.compile(rf"\bcontact\s+((?:{WORD}\s+){{1,3}}{WORD})")


def looks_like_name(text):
    words = text.split()
    if not 2 <= len(words) <= 5 or any(char.isdigit() or char == "@" for char in text):
        return False
    return (
        words[0][0].isupper()
        and all(word[0].isupper() or word.lower() in PARTICLES for word in words)
        and all(re.fullmatch(WORD, word) for word in words)
    )


def person(name="", role="", email="", phone=""):
    return {"name": name, "role": role, "email": email, "phone": phone}


def contacts_in(blocks, prose=()):
    """(contacts, unread) from the blocks under a contacts question, then any named in sentences ('please
    contact ...'); unread are the lines giving an email address that we could not put with a name."""
    people, unread = [], []
    rows = [block for block in blocks if block.kind == "row"]
    people += from_table(rows, unread)
    current = None
    for block in blocks:
        if block.kind == "row":
            continue
        for line in unicodedata.normalize("NFC", block.text).splitlines():
            current = from_line(line, people, current, unread)
    for text in prose:
        if "contact" in text.lower():
            people += from_sentence(unicodedata.normalize("NFC", text), people)
    unread += [person["email"] for person in people if person["email"] and not person["name"]]
    return [person for person in people if person["name"]], unread


def place_emails(people, mailto_links):
    """Put each mailto: link's address with a contact: one already giving it, the contact the link text
    names, or a new contact when the link text is a name. Returns the addresses it could put nowhere."""
    unplaced = []
    for text, address in mailto_links:
        email = address.split(":", 1)[1].split("?", 1)[0].strip()
        if not EMAIL.fullmatch(email) or any(person["email"].lower() == email.lower() for person in people):
            continue
        text = unicodedata.normalize("NFC", text).strip()
        named = next((person for person in people if person["name"] == text and not person["email"]), None)
        if named:
            named["email"] = email
        elif looks_like_name(text):
            people.append(person(text, email=email))
        else:
            unplaced.append(email)
    return unplaced


def from_table(rows, unread):
    """Rows under a header naming the columns (Name, Role, Email, Phone in any order)."""
    people, columns = [], None
    for row in rows:
        texts = [unicodedata.normalize("NFC", row.cell_text(number)) for number in range(len(row.cells))]
        header = [next((field for key, field in COLUMNS.items() if key in text.lower()), None) for text in texts]
        if columns is None and sum(field is not None for field in header) >= 2 and not any(map(EMAIL.search, texts)):
            columns = header
        elif columns is not None and any(texts):
            found = person()
            for field, text in zip(columns, texts, strict=False):
                if field and not found[field]:
                    found[field] = text.strip()
            people.append(found)
        else:
            for text in texts:
                if contact := from_parts(text):
                    people.append(contact)
                elif EMAIL.search(text):
                    unread.append(text.strip())
    return people


def from_line(line, people, current, unread):
    """One line: 'Name: …' style (building up one person), or a whole contact split by commas or dashes."""
    if keyed := KEYED.match(line):
        key, value = keyed.group("key").lower(), keyed.group("value").strip()
        field = next(field for word, field in COLUMNS.items() if word in key) if key != "title" else "role"
        if field == "name" or current is None:
            current = person()
            people.append(current)
        current[field] = value
        return current
    if contact := from_parts(line):
        people.append(contact)
        return None
    last = people[-1] if people else None
    for kind, pattern in (("email", EMAIL), ("phone", PHONE)):
        if last is not None and not last[kind] and (match := pattern.search(line)):
            last[kind] = match.group(0).strip()
        elif kind == "email" and (match := pattern.search(line)) and (last is None or last["email"] != match.group(0)):
            unread.append(line.strip())  # someone's address, but whose we cannot tell: said, never dropped
    return current


def from_parts(line):
    """'Name, Role, email, phone' or 'Name – Role – email' (also 'Name (Role)'), when the line names someone."""
    found = person()
    for part in parts_of(line):
        if (email := EMAIL.search(part)) and not found["email"]:
            found["email"] = email.group(0)
        elif (phone := PHONE.fullmatch(part.strip("() "))) and not found["phone"]:
            found["phone"] = phone.group(0)
        elif not found["name"]:
            bracketed = NAME_WITH_ROLE.fullmatch(part)
            name = bracketed.group(1) if bracketed else part
            if not looks_like_name(name):
                return None
            found["name"], found["role"] = name, bracketed.group(2).strip() if bracketed else ""
        elif not found["role"] and not EMAIL.search(part):
            found["role"] = part
    return found if found["name"] else None


def parts_of(line):
    """A contact line's parts: split at dashes when it has them ('Name, Role' before the first dash
    still splits at its comma), else at commas, semicolons, bars and tabs."""
    if not re.search(r"\s[–—-]\s", line):
        return [part.strip() for part in SEPARATORS.split(line) if part.strip()]
    parts = [part.strip() for part in DASH_SEPARATORS.split(line) if part.strip()]
    if parts and "," in parts[0]:
        parts[:1] = [piece.strip() for piece in parts[0].split(",", 1)]
    return parts


def from_sentence(text, known):
    names = {person["name"] for person in known}
    found = []
    for pattern in (NAME_WITH_ROLE, NAME_AFTER_CONTACT):
        for match in pattern.finditer(text):
            words = match.group(1).split()
            # 'please contact Lisa Aldridge (Head …)': the name ends the words; 'contact Sonia Khan for …' starts them
            trim = (lambda w: w[1:]) if pattern is NAME_WITH_ROLE else (lambda w: w[:-1])
            while words and not looks_like_name(" ".join(words)):
                words = trim(words)
            name = " ".join(words)
            if name and name not in names:
                role = match.group(2).strip() if pattern is NAME_WITH_ROLE else ""
                names.add(name)
                found.append((match.start(), person(name, role)))
    return [contact for _, contact in sorted(found, key=lambda pair: pair[0])]
