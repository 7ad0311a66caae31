"""
Files made from portal data: any browse page's entries as CSV (streamed), Excel or the
Word practice pack (the collation that used to be made by hand), and a call's returns
tracker as CSV. Only published entries are ever exported, and contacts' emails and phones
only when the person asking may see them (signed in).
"""

import csv
import io
import re
from itertools import groupby

from django.conf import settings
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from submissions.models import Practice

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BULLET = re.compile(r"^\s*[-*]\s+")
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+")
# Characters XML 1.0 cannot hold (control characters pasted from other documents, say); Word and
# Excel files would be refused with them in, so they are dropped.
AWAITING = "named, not yet available"  # a resource named with no link or file yet, as readers are told
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text):
    return NOT_XML.sub("", text)


def pack_entries(practices):
    """The published entries of a queryset, in pack order (sub-region, local authority, title), fully loaded."""
    return list(
        practices.published()
        .with_proforma_data()
        .order_by("local_authority__sub_region__name", "local_authority__name", "title", "pk")
    )


CONTENTS_FIELD = ' TOC \\o "1-3" \\h \\z \\u '  # headings 1 to 3 (sub-region, LA, entry), as links


def practice_pack(practices, *, description, show_contacts):
    """A Word document of the entries: a cover, contents, then each entry grouped by sub-region and LA."""
    entries = pack_entries(practices)
    pack = PackWriter()
    pack.cover(description, len(entries), show_contacts)
    pack.contents(entries)
    for sub_region, in_sub_region in groupby(entries, key=lambda p: p.local_authority.sub_region):
        pack.paragraph(sub_region.name, "Heading 1")
        for authority, in_authority in groupby(in_sub_region, key=lambda p: p.local_authority):
            pack.paragraph(authority.name, "Heading 2")
            for practice in in_authority:
                pack.entry(practice, show_contacts)
                pack.set_aside()
    return pack.save()


class PackWriter:
    """
    Writes the pack with python-docx, working around two of its costs: every new paragraph is placed by
    scanning the whole body, and setting a style scans every style to check it is not the default. Written
    paragraphs are set aside, so the body stays short, and put back at the end; styles are set by their
    ids, looked up once. 1,000 entries took 29 s before and take about 3 s now.
    """

    STYLES = [
        "Title",
        "TOC Heading",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Heading 4",
        "List Bullet",
        "List Paragraph",
    ]

    def __init__(self):
        self.document = Document()
        self.document.styles["Normal"].font.name = "Arial"
        self.document.styles["Normal"].font.size = Pt(11)
        properties = self.document.core_properties
        properties.title = "Sharing practice: anti-racist practice in London's children's services"
        properties.author = properties.last_modified_by = "Sharing Practice portal (LIIA)"
        properties.created = properties.modified = timezone.now()
        properties.revision = 1
        self.page_numbers()
        self.style_ids = {name: self.document.styles[name].style_id for name in self.STYLES}
        self.body = self.document.element.body
        self.written = []

    def paragraph(self, text="", style=None):
        paragraph = self.document.add_paragraph()
        if style:
            paragraph._p.style = self.style_ids[style]
        if text:
            self.run(paragraph, text)
        return paragraph

    def run(self, paragraph, text, bold=False):
        """A run of text, written straight into the XML: python-docx's own run.text reads it a character
        at a time, for tabs and line breaks, which the entries' text has been split on already."""
        run = OxmlElement("w:r")
        if bold:
            properties = OxmlElement("w:rPr")
            properties.append(OxmlElement("w:b"))
            run.append(properties)
        element = OxmlElement("w:t")
        element.set(qn("xml:space"), "preserve")
        element.text = xml_text(text)
        run.append(element)
        paragraph._p.append(run)

    def page_numbers(self):
        """ "Page N of M" in the footer, as Word fields, so Word counts the pages."""
        footer = self.document.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
            self.run(footer, text)
            element = OxmlElement("w:fldSimple")
            element.set(qn("w:instr"), field)
            self.run_into(element, "1")
            footer._p.append(element)

    def run_into(self, parent, text):
        run = OxmlElement("w:r")
        element = OxmlElement("w:t")
        element.text = text
        run.append(element)
        parent.append(run)

    def page_break(self):
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def set_aside(self):
        for element in list(self.body):
            if element.tag != qn("w:sectPr"):
                self.body.remove(element)
                self.written.append(element)

    def save(self):
        self.set_aside()
        section = self.body.find(qn("w:sectPr"))
        for element in self.written:
            section.addprevious(element)
        output = io.BytesIO()
        self.document.save(output)
        return output.getvalue()

    def cover(self, description, count, show_contacts):
        self.paragraph("Sharing practice", "Title")
        self.paragraph("Anti-racist practice and tackling disproportionality in London's children's services")
        self.paragraph(description)
        produced = timezone.localtime()
        self.paragraph(
            f"{count} entr{'y' if count == 1 else 'ies'}. Produced on {produced:%-d %B %Y} from "
            f"the Sharing Practice portal: {settings.PORTAL_BASE_URL}"
        )
        if show_contacts:
            self.paragraph(
                "This pack includes contacts' email addresses and phone numbers: share it only with colleagues."
            )
        else:
            self.paragraph("Contacts' email addresses and phone numbers are shown to people signed in to the portal.")
        if count:
            self.paragraph(
                "The contents page lists each entry's page number once Word has updated it: choose Yes when Word "
                "asks to update the fields as it opens the pack (or right-click the contents and choose Update Field)."
            )
        self.page_break()

    def contents(self, entries):
        """The contents as a Word table-of-contents field over the headings, which Word fills in with page numbers
        when it opens the pack (settings ask it to update fields); until then, and in readers that do not update
        fields, the field shows the list of entries by sub-region and local authority written here."""
        self.paragraph("Contents", "TOC Heading")  # not a heading the contents would list
        if not entries:
            self.paragraph("No published practice matches this selection.")
            self.page_break()
            return
        for number, (sub_region, in_sub_region) in enumerate(
            groupby(entries, key=lambda p: p.local_authority.sub_region)
        ):
            paragraph = self.paragraph(style="Heading 3")
            if number == 0:
                self.field_char(paragraph, "begin")
                self.instruction(paragraph, CONTENTS_FIELD)
                self.field_char(paragraph, "separate")
            self.run(paragraph, sub_region.name)
            for authority, in_authority in groupby(in_sub_region, key=lambda p: p.local_authority):
                paragraph = self.paragraph(style="List Bullet")
                self.run(paragraph, f"{authority.name}: ", bold=True)
                self.run(paragraph, "; ".join(practice.title for practice in in_authority))
                self.set_aside()
        self.field_char(paragraph, "end")
        self.update_fields_on_opening()
        self.page_break()

    def field_char(self, paragraph, kind):
        run = OxmlElement("w:r")
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run.append(char)
        paragraph._p.append(run)

    def instruction(self, paragraph, text):
        run = OxmlElement("w:r")
        element = OxmlElement("w:instrText")
        element.set(qn("xml:space"), "preserve")
        element.text = text
        run.append(element)
        paragraph._p.append(run)

    def update_fields_on_opening(self):
        """Ask Word to update the fields (the contents' page numbers) when the document is opened."""
        settings_element = self.document.settings.element
        if settings_element.find(qn("w:updateFields")) is None:
            update = OxmlElement("w:updateFields")
            update.set(qn("w:val"), "true")
            settings_element.append(update)

    def entry(self, practice, show_contacts):
        self.paragraph(practice.title, "Heading 3")
        self.field("Shared with", ", ".join(category.name for category in practice.categories.all()))
        self.field("Themes", ", ".join(theme.name for theme in practice.themes.all()))
        if practice.published_at:
            self.field("Published", f"{timezone.localtime(practice.published_at):%-d %B %Y}")
        self.section("Summary", practice.summary_apart)
        self.section("Description of the work", practice.description)
        self.section("Impact", practice.impact)
        resources = list(practice.resources.all())
        if resources:
            self.paragraph("Resources", "Heading 4")
            for resource in resources:
                if resource.is_awaiting:
                    self.paragraph(f"{resource.title} ({AWAITING})", "List Bullet")
                    continue
                url = resource.url or settings.PORTAL_BASE_URL + resource.get_absolute_url()
                paragraph = self.paragraph(style="List Bullet")
                _hyperlink(paragraph, url, resource.title)
                if resource.title != url:
                    self.run(paragraph, f" ({url})")  # the address, for reading on paper
        contacts = list(practice.contacts.all())
        if contacts or show_contacts:
            self.paragraph("Contacts", "Heading 4")
            if not contacts:
                self.paragraph(f"No contact was named: ask the alliance at {settings.PORTAL_ENQUIRIES_EMAIL}.")
            for contact in contacts:
                details = [contact.role] + ([contact.email, contact.phone] if show_contacts else [])
                line = ", ".join(part for part in details if part)
                self.paragraph(contact.name + (f", {line}" if line else ""), "List Bullet")
        url = settings.PORTAL_BASE_URL + practice.get_absolute_url()
        _hyperlink(self.paragraph("On the portal: "), url, url)

    def field(self, label, value):
        if value:
            paragraph = self.paragraph()
            self.run(paragraph, f"{label}: ", bold=True)
            self.run(paragraph, value)

    def section(self, heading, text):
        """A heading and the entry's text as the web page shows it: blank lines part paragraphs; a line starting
        with a dash is a bullet and one starting "1." a numbered item, even straight after a line of text."""
        if not text.strip():
            return
        self.paragraph(heading, "Heading 4")
        for block in re.split(r"\n\s*\n", text.strip()):
            for kind, lines in text_runs(block):
                if kind == "bullet":
                    for line in lines:
                        self.paragraph(BULLET.sub("", line), "List Bullet")
                elif kind == "numbered":
                    for line in lines:  # keeps the author's numbers, so each list starts where theirs does
                        self.paragraph(line.strip(), "List Paragraph")
                else:
                    self.paragraph(" ".join(line.strip() for line in lines))


def text_runs(block):
    """A block's lines in runs of one kind: ("bullet" | "numbered" | "text", [lines])."""

    def kind(line):
        return "bullet" if BULLET.match(line) else "numbered" if NUMBERED.match(line) else "text"

    lines = [line for line in block.splitlines() if line.strip()]
    return [(name, list(group)) for name, group in groupby(lines, key=kind)]


def _hyperlink(paragraph, url, text):
    """python-docx has no call for an external link, so write the w:hyperlink element it would."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = paragraph.add_run(xml_text(text))
    run.font.underline = True
    run.font.color.rgb = RGBColor(0x1D, 0x70, 0xB8)
    link.append(run._r)
    paragraph._p.append(link)


def safe_cell(value):
    """A spreadsheet would run a cell starting with = + - or @ as a formula: make it plain text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


TRACKER_COLUMNS = ["Local authority", "Sub-region", "State", "Entries", "Leads", "Last reminded"]


def tracker_csv(rows):
    """The returns tracker as CSV text, one row per local authority."""
    output = io.StringIO()
    output.write("\ufeff")  # a byte order mark, so Excel opens the file as UTF-8
    writer = csv.writer(output)
    writer.writerow(TRACKER_COLUMNS)
    for row in rows:
        writer.writerow(
            safe_cell(value)
            for value in [
                row.local_authority.name,
                row.local_authority.sub_region.name,
                row.state_label,
                "; ".join(f"{entry.title} ({entry.get_status_display()})" for entry in row.entries),
                "; ".join(row.leads),
                f"{timezone.localtime(row.last_reminded):%Y-%m-%d %H:%M}" if row.last_reminded else "",
            ]
        )
    return output.getvalue()


# -- a browse page's entries as rows -------------------------------------------------------------

# (heading, Excel column width in characters)
COLUMNS = [
    ("Name of the project or approach", 40),
    ("Local authority", 20),
    ("Sub-region", 20),
    ("Themes", 30),
    ("Shared with", 30),
    ("Summary", 50),
    ("Description of the work", 60),
    ("Impact", 60),
    ("Resources", 40),
    ("Contacts", 40),
    ("Published", 12),
    ("Link", 40),
]
CHUNK = 500


def entries_in_order(ids):
    """The published entries with these ids, in this order, loaded a chunk at a time so memory stays flat."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        loaded = Practice.objects.published().with_proforma_data().in_bulk(chunk)
        for pk in chunk:
            if practice := loaded.pop(pk, None):
                yield practice
                # Prefetching ties each contact and resource back to its entry; undo that, so each
                # chunk is freed as soon as it is written rather than at the next full garbage collection.
                practice._prefetched_objects_cache = {}


def resource_address(resource):
    if resource.is_awaiting:
        return AWAITING
    return resource.url or settings.PORTAL_BASE_URL + resource.get_absolute_url()


def entry_row(practice, show_contacts):
    def contact_line(contact):
        details = [contact.name, contact.role] + ([contact.email, contact.phone] if show_contacts else [])
        return ", ".join(part for part in details if part)

    return [
        practice.title,
        practice.local_authority.name,
        practice.local_authority.sub_region.name,
        "; ".join(theme.name for theme in practice.themes.all()),
        "; ".join(category.name for category in practice.categories.all()),
        practice.summary,
        practice.description,
        practice.impact,
        "\n".join(f"{r.title}: {resource_address(r)}" for r in practice.resources.all()),
        "\n".join(contact_line(contact) for contact in practice.contacts.all()),
        f"{timezone.localtime(practice.published_at):%Y-%m-%d}" if practice.published_at else "",
        settings.PORTAL_BASE_URL + practice.get_absolute_url(),
    ]


class _Echo:
    """A file-like object whose write() hands back the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def csv_lines(ids, show_contacts):
    """The entries as CSV, line by line, for a StreamingHttpResponse."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a byte order mark, so Excel opens the file as UTF-8
    yield writer.writerow([heading for heading, _ in COLUMNS])
    for practice in entries_in_order(ids):
        yield writer.writerow(safe_cell(value) for value in entry_row(practice, show_contacts))


PUBLISHED_COLUMN = [heading for heading, _ in COLUMNS].index("Published")
WRAPPED_FROM = 30  # columns this wide or wider hold long text: wrap it


def xlsx_file(ids, show_contacts):
    """The entries as an Excel workbook: a bold header row with filters, one row per entry, readable widths,
    long text wrapped and the publication date a real date."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Practice")
    for index, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, heading, font=Font(bold=True)) for heading, _ in COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    count = 0
    for practice in entries_in_order(ids):
        row = [_text_cell(sheet, value) for value in entry_row(practice, show_contacts)]
        for cell, (_, width) in zip(row, COLUMNS, strict=True):
            cell.alignment = wrap if width >= WRAPPED_FROM else Alignment(vertical="top")
        row[PUBLISHED_COLUMN] = _date_cell(sheet, practice.published_at)
        sheet.append(row)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _date_cell(sheet, moment):
    cell = WriteOnlyCell(sheet, value=timezone.localtime(moment).date() if moment else None)
    cell.number_format = "d mmm yyyy"
    cell.alignment = Alignment(vertical="top")
    return cell


def _text_cell(sheet, value, font=None):
    """A cell that is always text: openpyxl would otherwise store a value starting with = as a formula."""
    cell = WriteOnlyCell(sheet, value=xml_text(value))
    cell.data_type = "s"
    if font:
        cell.font = font
    return cell
