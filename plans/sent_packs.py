"""The pack that was sent stays sent: "Send the pack" (or the first download once the meeting is held) saves a plan
version, makes the Word file from it (and a PDF where LibreOffice is installed), stores both, and from then on the
pack is those stored bytes, whatever is edited later."""

import hashlib
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from plans import versions
from plans.events import record
from plans.models import Meeting, SentPack
from plans.pack_document import document

logger = logging.getLogger(__name__)

SOFFICE = "soffice"  # LibreOffice, looked for on PATH; the PDF is left out where it is not installed
PDF_SECONDS = 120


def file_name(meeting):
    return slugify(f"{meeting.plan.region_name} pack {meeting.held_on:%Y-%m-%d}")


def kept(meeting, by):
    """The meeting's stored pack: the one sent, else, once the meeting is held, the pack as it is now, kept. A
    meeting recorded after it was held (written up afterwards) had no pack to send: its pack stays a draft until
    someone sends it, so a first look at it does not freeze it before its agenda and updates are in."""
    sent = SentPack.objects.filter(meeting=meeting).first()
    if sent is None and meeting.is_held and recorded_in_time(meeting):
        sent, _ = keep(meeting=meeting, by=by, on_sending=False)
    return sent


def recorded_in_time(meeting):
    """Recorded on or before its day, so its pack could have gone out before it."""
    return timezone.localtime(meeting.created_at).date() <= meeting.held_on


@transaction.atomic
def keep(*, meeting, by, on_sending=True):
    """Freeze the meeting's pack; (the stored pack, whether it is new). Sending a sent pack again changes nothing."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)  # one sending at a time
    sent = SentPack.objects.filter(meeting=meeting).first()
    if sent:
        return sent, False
    by = by if by and by.is_authenticated else None
    note = f"the pack for the meeting of {meeting.held_on:%-d %B %Y}"
    version = versions.unchanged_since(meeting.plan) or versions.save_version(plan=meeting.plan, by=by, note=note)
    word = document(meeting, version.number)
    digest = hashlib.sha256(word).hexdigest()
    sent = SentPack(meeting=meeting, version_number=version.number, digest=digest, sent_by=by, on_sending=on_sending)
    name = f"{file_name(meeting)}-v{version.number}-{digest[:12]}"
    pdf = as_pdf(word)
    try:
        sent.word.save(f"{name}.docx", ContentFile(word), save=False)
        if pdf:
            sent.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        sent.save()
    except Exception:
        for stored in (sent.word, sent.pdf):
            if stored:
                stored.storage.delete(stored.name)
        raise
    how = "sent" if on_sending else "kept as it was when first downloaded after the meeting"
    record(meeting.plan, by, f"Pack for the {meeting} {how} (v.{version.number})")
    return sent, True


def pdf_possible():
    return shutil.which(SOFFICE) is not None


def as_pdf(word):
    """The Word file as a PDF made by LibreOffice, or None where it is not installed or fails (logged)."""
    soffice = shutil.which(SOFFICE)
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "pack.docx"
        source.write_bytes(word)
        profile = (Path(folder) / "profile").as_uri()  # its own profile: two conversions at once do not clash
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        try:
            subprocess.run(
                [*command, "--outdir", folder, str(source)], capture_output=True, timeout=PDF_SECONDS, check=True
            )
        except (OSError, subprocess.SubprocessError) as failed:
            logger.warning("The pack's PDF could not be made: %s", failed)
            return None
        made = Path(folder) / "pack.pdf"
        return made.read_bytes() if made.exists() else None
