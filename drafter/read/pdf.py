"""Read a PDF letter's text layer with pypdf, then parse it as plain text.

A scanned letter has no text layer: drafter says so instead of reporting every element as
missing. Encrypted PDFs are opened only when they need no password (an empty user
password, as "owner-locked" PDFs have). Sources are ``page P, line N``.
"""

from __future__ import annotations

import logging
import os
import struct
import time
from pathlib import Path
from typing import Any, BinaryIO

from drafter.document import Heading, Notice
from drafter.read.common import read_error
from drafter.read.text import MAX_TEXT_BYTES, parse_lines

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300
MAX_CONTENT_BYTES = 4 * 1024 * 1024
"""Most bytes of page content (operators, counted once per page that draws them) parsed for
text; a long letter has a few hundred KB. Parsing costs about a second per MB."""
MAX_SECONDS = 15.0
"""Wall-clock budget for extracting text; the pages read by then are checked."""

_PROTECTED = ("this PDF is password-protected",
              "save an unprotected copy (or export the letter as .docx)")


def read_pdf(path: Path, fh: BinaryIO | None = None) -> Notice:
    """Read the text of a PDF into a Notice.

    The work is bounded across all pages: a content stream shared by many pages is parsed
    once (a page drawing only content already read adds no text), and reading stops, with
    ``meta["truncated"]`` saying so, after :data:`MAX_CONTENT_BYTES` of content or
    :data:`MAX_SECONDS`.

    Raises:
        DocumentReadError: damaged, password-protected, too large, or without text.
    """
    if fh is None:
        from drafter.read.common import open_letter

        with open_letter(path) as opened:
            return read_pdf(path, opened)
    try:
        size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        raise read_error(path, f"cannot read the file ({exc.strerror or exc})") from None
    if size > MAX_PDF_BYTES:
        raise read_error(path, f"this PDF is {size / (1024 * 1024):,.0f} MB; drafter reads "
                               f"letters up to {MAX_PDF_BYTES // (1024 * 1024)} MB",
                         "check that this is the letter, or save it as .docx or .txt")
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    meta = {"format": "pdf"}
    lines: list[str] = []
    where: list[str] = []
    try:
        reader = PdfReader(fh)
        if reader.is_encrypted and not _unlock(reader):
            raise read_error(path, *_PROTECTED)
        _read_pages(reader, lines, where, meta)
    except DependencyError:  # AES encryption needs the cryptography package to decrypt
        raise read_error(path, _PROTECTED[0] + " (AES encryption, which drafter cannot open)",
                         _PROTECTED[1]) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            LookupError, ArithmeticError, RecursionError, OSError, NotImplementedError,
            AssertionError, struct.error) as exc:
        if "password" in str(exc).lower() or "decrypt" in str(exc).lower():
            raise read_error(path, *_PROTECTED) from None
        raise read_error(path, f"this PDF is damaged and cannot be read ({type(exc).__name__})",
                         "save it again from the program that made it, or give the letter "
                         "as .docx") from None
    if not "".join(lines).strip():
        raise read_error(path, "this PDF has no text layer; OCR it first (it is a scan or "
                               "an image)", "run it through OCR, or give the letter as .docx")
    blocks = parse_lines(lines, lambda i: where[i])
    title = next((b.text for b in blocks if isinstance(b, Heading)), "")
    return Notice(blocks=tuple(blocks), title=title, meta=meta)


def _read_pages(reader: Any, lines: list[str], where: list[str], meta: dict[str, str]) -> None:
    pages = reader.pages
    total = len(pages)
    used = 0
    work = 0
    seen: set[object] = set()
    start = time.monotonic()
    for number in range(min(total, MAX_PAGES)):
        page = pages[number]
        keys, cost = _content(page, seen)
        if keys and keys <= seen:
            continue  # draws only content already read: nothing new, and costly to redo
        seen |= keys
        work += cost + _forms_cost(page)
        if work > MAX_CONTENT_BYTES or time.monotonic() - start > MAX_SECONDS:
            meta["truncated"] = (f"only the first {number} of {total} pages were read (the "
                                 "rest is too much work for a letter)")
            return
        text = page.extract_text() or ""
        used += len(text)
        for n, line in enumerate(text.splitlines(), start=1):
            lines.append(line)
            where.append(f"page {number + 1}, line {n}")
        if used > MAX_TEXT_BYTES:
            meta["truncated"] = f"only the first {number + 1} of {total} pages were read"
            return
    if total > MAX_PAGES:
        meta["truncated"] = f"only the first {MAX_PAGES} of {total} pages were read"


def _content(page: Any, seen: set[object]) -> tuple[set[object], int]:
    """The identities of a page's content streams, and the bytes of those not yet seen."""
    from pypdf.generic import ArrayObject, IndirectObject

    raw = page.raw_get("/Contents") if "/Contents" in page else None
    if raw is None:
        return set(), 0
    resolved = raw.get_object()
    items = list(resolved) if isinstance(resolved, ArrayObject) else [raw]
    keys: set[object] = set()
    cost = 0
    for item in items:
        key = ((item.idnum, item.generation) if isinstance(item, IndirectObject)
               else ("direct", id(item)))
        keys.add(key)
        if key not in seen:
            stream = item.get_object()
            cost += len(stream.get_data()) if hasattr(stream, "get_data") else 0
    return keys, cost


def _forms_cost(page: Any) -> int:
    """Bytes of the form XObjects a page's resources name (parsed again for every page)."""
    resources = page.get("/Resources")
    xobjects: Any = resources.get("/XObject") if hasattr(resources, "get") else None
    if xobjects is None or not hasattr(xobjects, "values"):
        return 0
    cost = 0
    for item in xobjects.values():
        obj = item.get_object()
        if hasattr(obj, "get") and obj.get("/Subtype") == "/Form" and hasattr(obj, "get_data"):
            cost += len(obj.get_data())
    return cost


def _unlock(reader: object) -> bool:
    """Try the empty user password that owner-locked PDFs use."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:
        return False
