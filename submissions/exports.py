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
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from submissions.models import Practice

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BULLET = re.compile(r"^\s*[-*]\s+")


def pack_entries(practices):
    """The published entries of a queryset, in pack order (sub-region, local authority, title), fully loaded."""
    return list(
        practices.published()
        .select_related("local_authority__sub_region")
        .prefetch_related("themes", "categories", "contacts", "resources")
        .order_by("local_authority__sub_region__name", "local_authority__name", "title", "pk")
    )


def practice_pack(practices, *, description, show_contacts):
    """A Word document of the entries: a cover, contents, then each entry grouped by sub-region and LA."""
    entries = pack_entries(practices)
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    _cover(document, description, len(entries), show_contacts)
    _contents(document, entries)
    for sub_region, in_sub_region in groupby(entries, key=lambda p: p.local_authority.sub_region):
        document.add_heading(sub_region.name, level=1)
        for authority, in_authority in groupby(in_sub_region, key=lambda p: p.local_authority):
            document.add_heading(authority.name, level=2)
            for practice in in_authority:
                _entry(document, practice, show_contacts)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _cover(document, description, count, show_contacts):
    document.add_heading("Sharing practice", level=0)
    document.add_paragraph("Anti-racist practice and tackling disproportionality in London's children's services")
    document.add_paragraph(description)
    produced = timezone.localtime()
    document.add_paragraph(
        f"{count} entr{'y' if count == 1 else 'ies'}. Produced on {produced:%-d %B %Y} from "
        f"the Sharing Practice portal: {settings.PORTAL_BASE_URL}"
    )
    if show_contacts:
        note = "This pack includes contacts' email addresses and phone numbers: share it only with colleagues."
    else:
        note = "Contacts' email addresses and phone numbers are shown to people signed in to the portal."
    document.add_paragraph(note)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document, entries):
    document.add_heading("Contents", level=1)
    if not entries:
        document.add_paragraph("No published practice matches this selection.")
    for sub_region, in_sub_region in groupby(entries, key=lambda p: p.local_authority.sub_region):
        document.add_paragraph(sub_region.name, style="Heading 3")
        for authority, in_authority in groupby(in_sub_region, key=lambda p: p.local_authority):
            titles = "; ".join(practice.title for practice in in_authority)
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{authority.name}: ").bold = True
            paragraph.add_run(titles)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _entry(document, practice, show_contacts):
    document.add_heading(practice.title, level=3)
    _field(document, "Shared with", ", ".join(category.name for category in practice.categories.all()))
    _field(document, "Themes", ", ".join(theme.name for theme in practice.themes.all()))
    if practice.published_at:
        _field(document, "Published", f"{timezone.localtime(practice.published_at):%-d %B %Y}")
    _section(document, "Summary", practice.summary)
    _section(document, "Description of the work", practice.description)
    _section(document, "Impact", practice.impact)
    resources = list(practice.resources.all())
    if resources:
        document.add_paragraph("Resources", style="Heading 4")
        for resource in resources:
            url = resource.url or settings.PORTAL_BASE_URL + resource.get_absolute_url()
            paragraph = document.add_paragraph(style="List Bullet")
            _hyperlink(paragraph, url, resource.title)
    contacts = list(practice.contacts.all())
    if contacts:
        document.add_paragraph("Contacts", style="Heading 4")
        for contact in contacts:
            details = [contact.role] + ([contact.email, contact.phone] if show_contacts else [])
            line = ", ".join(part for part in details if part)
            document.add_paragraph(contact.name + (f", {line}" if line else ""), style="List Bullet")
    paragraph = document.add_paragraph("On the portal: ")
    url = settings.PORTAL_BASE_URL + practice.get_absolute_url()
    _hyperlink(paragraph, url, url)


def _field(document, label, value):
    if value:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _section(document, heading, text):
    """A heading and the entry's text: blank lines part paragraphs, lines starting with a dash are bullets."""
    if not text.strip():
        return
    document.add_paragraph(heading, style="Heading 4")
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if line.strip()]
        if all(BULLET.match(line) for line in lines):
            for line in lines:
                document.add_paragraph(BULLET.sub("", line), style="List Bullet")
        else:
            document.add_paragraph(" ".join(line.strip() for line in lines))


def _hyperlink(paragraph, url, text):
    """python-docx has no call for an external link, so write the w:hyperlink element it would."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = paragraph.add_run(text)
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
        loaded = (
            Practice.objects.published()
            .select_related("local_authority__sub_region")
            .prefetch_related("themes", "categories", "contacts", "resources")
            .in_bulk(chunk)
        )
        yield from (loaded[pk] for pk in chunk if pk in loaded)


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
        "\n".join(
            f"{r.title}: {r.url or settings.PORTAL_BASE_URL + r.get_absolute_url()}" for r in practice.resources.all()
        ),
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


def xlsx_file(ids, show_contacts):
    """The entries as an Excel workbook: a bold header row, one row per entry, readable widths."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Practice")
    for index, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, heading, font=Font(bold=True)) for heading, _ in COLUMNS])
    for practice in entries_in_order(ids):
        sheet.append([_text_cell(sheet, value) for value in entry_row(practice, show_contacts)])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _text_cell(sheet, value, font=None):
    """A cell that is always text: openpyxl would otherwise store a value starting with = as a formula."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    if font:
        cell.font = font
    return cell
