"""
A .doc, .odt or .rtf file made a .docx by LibreOffice, headless, in a throwaway folder with a user profile of its
own (so conversions running at once never share one), stopped whole after a time limit. The profile is written
before LibreOffice starts: macros never run and links are never updated or fetched (docs/decisions/0007).
"""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from submissions.importers.errors import ProformaFileError

MAX_OUTPUT_BYTES = 20 * 1024 * 1024  # what a converted file may be; it is then opened as any Word file is
NOT_INSTALLED = (
    "This file is in an older or other word-processor format ({kind}), which the portal reads with LibreOffice, "
    "and LibreOffice is not installed here. Save it as a Word (.docx) file and upload that, or ask the "
    "administrators to install LibreOffice"
)
FAILED = (
    "This {kind} file could not be converted to a Word document. Open it, save it as a Word (.docx) file and "
    "upload that"
)
TOO_SLOW = (
    "This {kind} file took too long to convert to a Word document: a proforma is a few pages. Open it, save it "
    "as a Word (.docx) file and upload that"
)
TOO_LARGE = "This {kind} file converts to far more than a proforma could hold, so it was not opened"

# LibreOffice's settings for this run only: macros never run (the highest security level, and execution switched
# off), links are never updated when a document loads, and nothing is fetched for a document from elsewhere.
SETTINGS = [
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # never (css.document.LinkUpdateModes.NEVER)
]
PROFILE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
    + "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
        for path, name, value in SETTINGS
    )
    + "</oor:items>\n"
)


def soffice():
    """The LibreOffice program to run, or None when it is not installed."""
    return shutil.which(settings.PORTAL_SOFFICE)


def to_docx(data, suffix, kind):
    """The .docx LibreOffice makes of `data` (a file whose content is `kind`, saved as `suffix`), as bytes; a
    ProformaFileError saying what to do when LibreOffice is missing, fails, runs too long or writes too much."""
    try:
        return _converted(data, suffix, kind)
    except OSError as error:  # no room for the folder, or a program there that cannot be run
        raise ProformaFileError(FAILED.format(kind=kind)) from error


def _converted(data, suffix, kind):
    program = soffice()
    if program is None:
        raise ProformaFileError(NOT_INSTALLED.format(kind=kind))
    with tempfile.TemporaryDirectory(prefix="proforma-") as folder:
        folder = Path(folder)
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
        source = folder / f"proforma{suffix}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        _run(command, folder, kind)
        converted = folder / "out" / "proforma.docx"
        if not converted.is_file() or not converted.stat().st_size:
            raise ProformaFileError(FAILED.format(kind=kind))
        if converted.stat().st_size > MAX_OUTPUT_BYTES:
            raise ProformaFileError(TOO_LARGE.format(kind=kind))
        return converted.read_bytes()


def _run(command, folder, kind):
    """Run LibreOffice in a process group of its own, killed whole (soffice starts soffice.bin) at the time limit."""
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder), "LANG": "C.UTF-8"}
    process = subprocess.Popen(  # noqa: S603 - a fixed program and arguments, no shell
        command,
        cwd=folder,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        process.wait(timeout=settings.PORTAL_CONVERT_SECONDS)
    except subprocess.TimeoutExpired as error:
        _kill(process)
        raise ProformaFileError(TOO_SLOW.format(kind=kind)) from error
    finally:
        _kill(process)  # anything it left running in its group


def _kill(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
