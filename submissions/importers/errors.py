class ProformaFileError(Exception):
    """The file cannot be read as a proforma; the message says why, for the person who chose it."""
