"""Read a PDF letter's text layer with pypdf, then parse it as plain text.

A scanned letter has no text layer: drafter says so instead of reporting every element as
missing. Encrypted PDFs are opened only when they need no password (an empty user
password, as "owner-locked" PDFs have). Sources are ``page P, line N``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from drafter.document import Heading, Notice
from drafter.read.common import read_error
from drafter.read.text import MAX_TEXT_BYTES, parse_lines

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300


def read_pdf(path: Path) -> Notice:
    """Read the text of a PDF into a Notice.

    Raises:
        DocumentReadError: damaged, password-protected, too large, or without text.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise read_error(path, f"cannot read the file ({exc.strerror or exc})") from None
    if size > MAX_PDF_BYTES:
        raise read_error(path, f"this PDF is {size / (1024 * 1024):,.0f} MB; drafter reads "
                               f"letters up to {MAX_PDF_BYTES // (1024 * 1024)} MB",
                         "check that this is the letter, or save it as .docx or .txt")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    meta = {"format": "pdf"}
    lines: list[str] = []
    where: list[str] = []
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _unlock(reader):
            raise read_error(path, "this PDF is password-protected",
                             "save an unprotected copy (or export the letter as .docx)")
        pages = reader.pages
        total = len(pages)
        used = 0
        for number in range(min(total, MAX_PAGES)):
            text = pages[number].extract_text() or ""
            used += len(text)
            for n, line in enumerate(text.splitlines(), start=1):
                lines.append(line)
                where.append(f"page {number + 1}, line {n}")
            if used > MAX_TEXT_BYTES:
                meta["truncated"] = f"only the first {number + 1} of {total} pages were read"
                break
        if total > MAX_PAGES and "truncated" not in meta:
            meta["truncated"] = f"only the first {MAX_PAGES} of {total} pages were read"
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, NotImplementedError, ZeroDivisionError) as exc:
        if "password" in str(exc).lower() or "decrypt" in str(exc).lower():
            raise read_error(path, "this PDF is password-protected",
                             "save an unprotected copy (or export the letter as .docx)"
                             ) from None
        raise read_error(path, f"this PDF is damaged and cannot be read ({type(exc).__name__})",
                         "save it again from the program that made it, or give the letter "
                         "as .docx") from None
    if not "".join(lines).strip():
        raise read_error(path, "this PDF has no text layer; OCR it first (it is a scan or "
                               "an image)", "run it through OCR, or give the letter as .docx")
    blocks = parse_lines(lines, lambda i: where[i])
    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    return Notice(blocks=tuple(blocks), title=title, meta=meta)


def _unlock(reader: object) -> bool:
    """Try the empty user password that owner-locked PDFs use."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:
        return False
