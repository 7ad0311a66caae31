"""
Uploaded resources: what we accept (decided by content, never by the name), how big, what
they are called when downloaded (the extension their content shows, never the one they came
with), and how a valid file survives a form that failed on another field.
"""

import logging
import re
import uuid

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat

from inputs.text_fields import is_hidden
from submissions import office, pdfs, pictures

logger = logging.getLogger(__name__)
# What storage raises when it cannot take or give a file: a full or missing disk (OSError), object storage
# refusing or out of reach (botocore's errors, and boto3's S3UploadFailedError wrapping them on uploads).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError, Boto3Error)

# content type -> (what people call it, the extension we store it under)
ACCEPTED_TYPES = {
    "application/pdf": ("PDF", ".pdf"),
    "image/png": ("PNG image", ".png"),
    "image/jpeg": ("JPEG image", ".jpg"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("Word document", ".docx"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("Excel spreadsheet", ".xlsx"),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("PowerPoint presentation", ".pptx"),
    "application/vnd.oasis.opendocument.text": ("OpenDocument text", ".odt"),
    "application/vnd.oasis.opendocument.spreadsheet": ("OpenDocument spreadsheet", ".ods"),
    "application/vnd.oasis.opendocument.presentation": ("OpenDocument presentation", ".odp"),
}
ACCEPTED_DESCRIPTION = "a PDF, Word, Excel, PowerPoint, OpenDocument, PNG or JPEG file"

MAGIC_NUMBERS = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
ZIP_END, ZIP_END_WITHIN = b"PK\x05\x06", 22 + 65_535  # the record, and its size with the longest comment
# Names no upload may have, whatever its first bytes: pages and scripts a browser would run.
REFUSED_EXTENSIONS = {".htm", ".html", ".xhtml", ".shtml", ".mht", ".mhtml", ".svg", ".svgz", ".xml", ".xsl", ".js"}
FILENAME_LENGTH = 120


def detect_content_type(file):
    """The accepted content type the file's bytes show it to be, or None; office.Refused for a file the portal
    does not take (an Office file with macros, embedded objects, a zip bomb: see submissions/office/; a PDF that
    runs scripts: submissions/pdfs.py; a picture too big to show: submissions/pictures.py; a PDF or picture that
    is also a zip)."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for magic, content_type in MAGIC_NUMBERS.items():
        if head.startswith(magic):
            _check_content(file, content_type)
            return content_type
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        content_type = office.check_package(file.read(max_upload_size() + 1))
    finally:
        file.seek(0)
    return content_type if content_type in ACCEPTED_TYPES else None


def _check_content(file, content_type):
    """office.Refused for a PDF or picture the portal does not take: one that is a zip too, a PDF that runs
    anything by itself, a picture too big to show."""
    try:
        data = file.read(max_upload_size() + 1)
    finally:
        file.seek(0)
    if ZIP_END in data[-ZIP_END_WITHIN:]:  # where a zip reader looks for the archive's end record
        raise office.Refused("two_kinds")
    if content_type == "application/pdf":
        pdfs.check_pdf(data)
    else:
        pictures.check_picture(data)


def display_filename(name):
    """The name a file came with, as text to show: no folders, no hidden characters, not too long."""
    name = "".join(c for c in re.split(r"[\\/]", name or "")[-1] if not is_hidden(c)).strip(" .")
    if len(name) > FILENAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        name = stem[: FILENAME_LENGTH - len(extension) - 1] + dot + extension if dot and len(extension) < 10 else name
    return name[:FILENAME_LENGTH] or "file"


def download_filename(name, content_type):
    """The name a stored file is downloaded under: its shown name with the extension of what it is
    (a PDF sent as evil.html downloads as evil.pdf; invoice.pdf.exe as invoice.pdf)."""
    extension = ACCEPTED_TYPES.get(content_type, ("", ".bin"))[1]
    stem = display_filename(name)
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    return stem if stem.lower().endswith(extension) else f"{stem}{extension}"


def file_response(resource):
    """A stored file as a download, under the name its content shows (download_filename), never cached. The caller
    has checked the reader may see what the file belongs to."""
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=resource.download_filename,
        content_type=resource.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def max_upload_size():
    return settings.RESOURCE_MAX_UPLOAD_BYTES


def validate_upload(file):
    """Check an uploaded file's size and content; return its content type."""
    if getattr(file, "too_large", False) or file.size > max_upload_size():
        raise ValidationError(
            "The selected file must be smaller than %(limit)s",
            code="file_too_large",
            params={"limit": filesizeformat(max_upload_size())},
        )
    if not file.size:
        raise ValidationError("The selected file is empty", code="empty_file")
    extension = "." + (file.name or "").rsplit(".", 1)[-1].lower() if "." in (file.name or "") else ""
    try:
        content_type = None if extension in REFUSED_EXTENSIONS else detect_content_type(file)
    except office.Refused as refused:
        raise ValidationError(refused.message, code=refused.code) from refused
    if content_type is None:
        raise ValidationError(
            f"The selected file must be {ACCEPTED_DESCRIPTION}. Older .doc, .xls and .ppt files "
            "must be saved in the newer format first.",
            code="file_type",
        )
    return content_type


def stored_name_for(content_type):
    return f"resources/{uuid.uuid4().hex}{ACCEPTED_TYPES[content_type][1]}"


class OversizedUpload(UploadedFile):
    """Stands in for a file that was too big to keep; its bytes were dropped as they arrived."""

    too_large = True

    def __init__(self, name, content_type, size):
        super().__init__(file=None, name=name, content_type=content_type, size=size)

    def open(self, mode=None):
        return self

    def read(self, *args):
        return b""

    def seek(self, *args):
        return 0


class SizeLimitUploadHandler(FileUploadHandler):
    """
    Drops a file's bytes once it passes the size limit, so an oversized file is
    never kept in memory or on disk; the form then says it was too big while
    everything else the user typed is still there.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.limit = view_upload_limit(self.request)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            return None
        return raw_data

    def file_complete(self, file_size):
        if self.received > self.limit:
            return OversizedUpload(self.file_name, self.content_type, self.received)
        return None


def view_upload_limit(request):
    """The most a file sent to this request's view may hold: the setting its view class names
    (`upload_limit_setting`, as the analysts' evidence load does), else the resources' limit."""
    view_class = getattr(getattr(getattr(request, "resolver_match", None), "func", None), "view_class", None)
    setting = getattr(view_class, "upload_limit_setting", None)
    return getattr(settings, setting) if setting else max_upload_size()


# A valid file in a form that failed elsewhere is stored at once and carried in
# the re-shown form as a signed token, so the user never has to choose it again.
KEPT_UPLOAD_SALT = "submissions.kept-upload"
KEPT_UPLOAD_MAX_AGE = 60 * 60 * 24


def keep_upload(file, content_type):
    """Store a validated upload under a generated name; return a token that stands for it."""
    stored_name = default_storage.save(stored_name_for(content_type), file)
    return signing.dumps(
        {"name": stored_name, "filename": display_filename(file.name), "type": content_type, "size": file.size},
        salt=KEPT_UPLOAD_SALT,
        compress=True,
    )


def read_kept_upload(token):
    """The stored file a token stands for, as a dict, or None if it is forged, stale or gone."""
    try:
        kept = signing.loads(token, salt=KEPT_UPLOAD_SALT, max_age=KEPT_UPLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    try:
        return kept if default_storage.exists(kept["name"]) else None
    except STORAGE_ERRORS:
        return kept  # storage cannot say just now: the signature shows the portal stored it


def discard_stored(names):
    """Delete files a failed save had stored; storage refusing (it may be why the save failed) leaves them for
    clear_orphan_uploads rather than hiding the first error behind this one."""
    for name in names:
        try:
            default_storage.delete(name)
        except STORAGE_ERRORS:
            logger.warning("Could not delete %s after a failed save; clear_orphan_uploads will", name)
