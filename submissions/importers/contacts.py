"""People to contact, from lines, labelled lines, a table with a header row, or a sentence."""

import re
import unicodedata

import phonenumbers

# Tried only where a run of the address's characters starts (the look-behind): tried at every place, a line of
# 100,000 such characters without an @ took minutes, each start scanning to the end of the run.
EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# A quick look for something that may be a phone number; phonenumbers then says whether it is one and where
# it starts and ends (+44, (0), spaces anywhere, an extension written 'ext. 1234' or 'x1234').
MAY_BE_PHONE = re.compile(r"(?:\+|\(?0)\s*\d")
# A contact's numbers are in the first few hundred characters of its line: phonenumbers took 3 s over a 98 KB
# line of 7,000 numbers, and 7 s for the line's contact, where the beginning alone takes a millisecond.
PHONE_LOOKED_AT = 500
UK_START = re.compile(r"^(?:\+\s*44|00\s*44|\(?0)")
# A comma inside brackets is part of them: 'Tom Reilly (Commissioning Manager, Children's Mental Health)'
OUTSIDE_BRACKETS = r"(?![^()]*\))"
SEPARATORS = re.compile(rf"\s*(?:[,;]{OUTSIDE_BRACKETS}|[|\t])\s*|\s+[–—-]\s+")
COMMAS = re.compile(rf"\s*(?:[,;]{OUTSIDE_BRACKETS}|[|\t])\s*")
FIRST_COMMA = re.compile(rf",{OUTSIDE_BRACKETS}")
# 'Name – Role, Team – email': when dashes separate the parts, a comma belongs to the part it is in
DASH_SEPARATORS = re.compile(r"\s*[;|\t]\s*|\s+[–—-]\s+")
# 'Mentoring coordinator: Sufia Begum': a role, then the name
ROLE_THEN_NAME = re.compile(r"^(?P<role>[^:]{3,80}):\s*(?P<name>[^:]+)$")
BARS = re.compile(r"\s*[|\t]\s*")  # 'Name, Role – Team | email | phone': the bars alone separate the parts
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


# A job title's words: a line of them under a name is that person's role, not a second person.
ROLE_WORDS = re.compile(
    r"\b(?:head|manager|lead|leader|officer|worker|director|educator|analyst|co-?ordinator|practitioner|advis[eo]r"
    r"|consultant|principal|assistant|senior|deputy|chair|specialist|supervisor|mentor|partner|commissioner)\b",
    re.IGNORECASE,
)
# Contact details in brackets or after a dash, split by a slash: 'Name, Role (email / phone)'
DETAILS_IN_BRACKETS = re.compile(r"\(([^()]*(?:@|\d{3})[^()]*)\)\s*$")


def phones_in(text):
    """Each UK phone number written in the text, as written, with its extension: numbers phonenumbers finds
    that start as UK numbers are written (0…, +44, 0044), so a year or a count is never one."""
    text = text[:PHONE_LOOKED_AT]
    if not MAY_BE_PHONE.search(text):
        return []
    found = []
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        number, written = match.number, match.raw_string.strip()
        if number.country_code == 44 and UK_START.match(written) and len(str(number.national_number)) >= 9:
            found.append(written)
    return found


def phone_only(text):
    """The phone number when the text is one and nothing else ('Tel: 020 …' or '(020 …)')."""
    text = re.sub(r"^\s*(?:tel(?:ephone)?|phone|mobile|mob|t|m)\.?\s*[:.]?\s*", "", text, flags=re.IGNORECASE)
    phones = phones_in(text)
    return phones[0] if len(phones) == 1 and len(phones[0]) >= len(text.strip("() ").strip()) - 1 else ""


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
        if current is None and field != "name" and people and not people[-1][field]:
            current = people[-1]  # 'Tel: 020 …' under a signature's name and role: the same person
        if field == "name" or current is None:
            current = person()
            people.append(current)
        current[field] = value
        return current
    last = people[-1] if people else None
    if last is not None and only_named(last) and is_role(line):
        last["role"] = line.strip()  # four lines in one cell: name, role, email, phone
        return current
    if len(several := [from_parts(piece) for piece in line.split(";")]) > 1 and all(several):
        people += several  # 'Name (Role), email, phone; Name (Role), …': two people
        return None
    if contact := from_parts(line) or from_parts(sentence_details(line)):
        people.append(contact)
        return None
    if last is not None and not last["phone"] and (phones := phones_in(line)):
        last["phone"] = phones[0]
    if (match := EMAIL.search(line)) and last is not None and not last["email"]:
        last["email"] = match.group(0)
    elif match and (last is None or last["email"] != match.group(0)):
        unread.append(line.strip())  # someone's address, but whose we cannot tell: said, never dropped
    return current


# A contact written as a sentence: 'For more information contact Lorraine Pascal-Hughes, YJS Partnership Manager, on
# 020 7946 0721 or lorraine…@…' (the words leading in, and those joining the details, set aside)
LEADING_IN = re.compile(r"^[^@\d]{0,60}?\bcontact(?:ing)?\s+(?=[^\W\d_])", re.IGNORECASE)
JOINING = re.compile(r",?\s+(?:on|or|at|and|by)\s+(?=\+|\(?0|[\w.+'-]+@)", re.IGNORECASE)


def sentence_details(line):
    """The details of a contact written as a sentence, as a contact line writes them; '' for any other line."""
    if not (lead := LEADING_IN.match(line)):
        return ""
    return JOINING.sub(", ", line[lead.end() :]).strip().rstrip(".")


def only_named(contact):
    return bool(contact["name"]) and not (contact["role"] or contact["email"] or contact["phone"])


def is_role(line):
    """A line that is a job title and nothing else ('Practice Educator', 'Head of Early Help')."""
    line = line.strip()
    return 0 < len(line) <= 80 and bool(ROLE_WORDS.search(line)) and not EMAIL.search(line) and not phones_in(line)


# The organisation a signature names beside the role: a council by its formal name
ORGANISATION = re.compile(
    r"^(?:the )?(?:(?:london|royal) borough of\b.*|[\w&' -]{2,40} (?:borough |city )?council)$", re.I
)


def from_parts(line):
    """'Name, Role, email, phone' or 'Name – Role – email' (also 'Name (Role)'), when the line names someone."""
    found = person()
    line = DETAILS_IN_BRACKETS.sub(lambda details: ", " + details.group(1), line)  # 'Role (email / phone)'
    for part in parts_of(details_apart(line)):
        if (email := EMAIL.search(part)) and not found["email"]:
            found["email"] = email.group(0)
        elif (phone := phone_only(part)) and not found["phone"]:
            found["phone"] = phone
        elif not found["name"]:
            bracketed = NAME_WITH_ROLE.fullmatch(part)
            name, role = (bracketed.group(1), bracketed.group(2).strip()) if bracketed else (part, "")
            if not looks_like_name(name) and (titled := ROLE_THEN_NAME.match(part)) and is_role(titled["role"]):
                name, role = titled["name"].strip(), titled["role"].strip()
            if not looks_like_name(name):
                return None
            found["name"], found["role"] = name, role
        elif ORGANISATION.match(part):
            continue  # 'Name | Role | London Borough of Lambeth': the council they work for, not their role
        elif not found["role"] and not EMAIL.search(part):
            found["role"] = part
        elif not (found["email"] or found["phone"] or EMAIL.search(part)):
            found["role"] += f", {part}"  # 'Name, Head of Service, Adolescents and Youth Justice (email)'
    return found if found["name"] else None


def details_apart(line):
    """'Name (Role) email phone', written with spaces alone between: the email address and phone number set apart
    as parts of their own, as commas would."""
    if len(parts_of(line)) > 1:
        return line
    for detail in [*(match.group(0) for match in EMAIL.finditer(line)), *phones_in(line)]:
        line = line.replace(detail, f", {detail}, ", 1)
    return line


def parts_of(line):
    """A contact line's parts, split at the strongest separator it uses: bars or tabs ('Name, Role – Team |
    email | phone': a dash or comma is then part of the role), else dashes ('Name – Role, Team – email'), else
    commas, semicolons, bars and tabs; 'Name, Role' before the first bar or dash still splits at its comma."""
    if re.search(r"[|\t]", line):
        parts = [part.strip() for part in BARS.split(line) if part.strip()]
        if parts and not EMAIL.search(parts[0]):
            parts[:1] = [piece.strip() for piece in re.split(rf",{OUTSIDE_BRACKETS}|\s[–—-]\s", parts[0], maxsplit=1)]
    elif commas_separate_details(line):
        parts = [part.strip() for part in COMMAS.split(line) if part.strip()]
    elif not re.search(r"\s[–—-]\s", line):
        parts = [part.strip() for part in SEPARATORS.split(line) if part.strip()]
    else:
        parts = [part.strip() for part in DASH_SEPARATORS.split(line) if part.strip()]
        if parts and FIRST_COMMA.search(parts[0]):
            parts[:1] = [piece.strip() for piece in FIRST_COMMA.split(parts[0], 1)]
    return [piece.strip() for part in parts for piece in slashed(part)]


def commas_separate_details(line):
    """'Name, Role – Team, email, phone': commas set the email address and phone number apart where dashes do not,
    so commas separate the parts, and the dash is the role's."""
    by_commas = [part.strip() for part in COMMAS.split(line) if part.strip()]
    by_dashes = [part.strip() for part in DASH_SEPARATORS.split(line) if part.strip()]

    def apart(parts):
        return any(EMAIL.fullmatch(part) or phone_only(part) for part in parts)

    return apart(by_commas) and not apart(by_dashes)


def slashed(part):
    """'email / phone' as two parts; a role with a slash in it ('Lead / Manager') stays one."""
    pieces = re.split(r"\s+/\s+", part)
    if len(pieces) > 1 and all(EMAIL.search(piece) or phone_only(piece) for piece in pieces):
        return pieces
    return [part]


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
