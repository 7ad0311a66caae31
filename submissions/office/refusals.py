"""Why an uploaded file is refused for what is in it, in the words the person who chose it reads."""

MESSAGES = {
    "macros": "The selected file contains macros, which the portal does not accept. Save a copy without macros "
    "(a .docx, .xlsx or .pptx, not .docm, .xlsm or .pptm; in Excel, delete any macro sheets first) and upload that",
    "controls": "The selected file contains ActiveX controls (buttons or boxes that run code), which the portal "
    "does not accept. Remove them, save a copy and upload that",
    "embedded": "The selected file has another file or an object embedded in it (inserted with Insert > Object, "
    "or an old chart), which the portal does not accept. Remove it or paste it as a picture, save a copy and "
    "upload that; a file can be uploaded on its own",
    "program": "The selected file has a program or script hidden among its parts, which the portal does not "
    "accept. Open it, save it as a new file and upload that; a program cannot be shared on the portal",
    "linked": "The selected file fetches something from another computer when it is opened (a template or an "
    "object linked to a web address or a network folder), which the portal does not accept. Remove the link, "
    "save a copy and upload that",
    "dtd": "The selected file declares its own XML definitions, which Office never writes, so it cannot be checked "
    "safely. Open it, save it as a new file and upload that",
    "expands": "The selected file unpacks to far more than a document of its size holds, so it was not opened",
    "parts": "The selected file is made of more parts than any document is, so it was not opened",
    "damaged": "The selected file is damaged, or was not saved by an Office program, so it cannot be checked. "
    "Open it, save it again and upload that",
    "pdf_active": "The selected PDF runs scripts, starts programs or opens files attached to it when it is read "
    "(JavaScript, a launch action, an attachment or an interactive XFA form), which the portal does not accept. "
    "Print it to a new PDF (File > Print > Microsoft Print to PDF) and upload that",
    "pdf_unchecked": "The selected PDF is packed in a way the portal cannot check (it may be encrypted). Print it "
    "to a new PDF (File > Print > Microsoft Print to PDF) and upload that",
    "picture_too_large": "The selected file is, or holds, a picture too big to open safely (more than 120 "
    "megapixels, or more than 30,000 pixels wide or high). Make the picture smaller, save a copy and upload that",
    "picture_unreadable": "The selected file is, or holds, a picture whose size cannot be read, so it may be "
    "damaged. Open the picture, save it again and upload that",
    "two_kinds": "The selected file is two kinds of file at once (a PDF or picture with a zip archive joined to "
    "it), which the portal does not accept. Open it, save it again as a new file and upload that",
}
# When a file has several things refused, the one named first here is the one said.
PRECEDENCE = [
    "macros",
    "controls",
    "program",
    "embedded",
    "linked",
    "dtd",
    "picture_too_large",
    "picture_unreadable",
    "damaged",
]


class Refused(Exception):
    """An Office file the portal does not take: `code` says why, `message` says it to the person who chose it."""

    def __init__(self, code):
        self.code = code
        self.message = MESSAGES[code]
        super().__init__(self.message)


def refuse_any(findings):
    """Refuse for the weightiest of what was found in a file, if anything was."""
    for code in PRECEDENCE:
        if code in findings:
            raise Refused(code)
