"""Read a draft letter (DOCX, Markdown, plain text or PDF) into the document tree.

``drafter check`` runs its rules on :class:`drafter.document.Notice`, never on a file format
(one document tree, two writers, one checker), so every reader here produces the same tree
the renderers walk. The format is taken from the file's first bytes where they are decisive
(a zip is a DOCX, ``%PDF`` is a PDF, an OLE compound file is an encrypted or pre-2007 Word file) and
from the extension otherwise (``.md`` is Markdown, anything else is text).

Every failure to read becomes :class:`drafter.errors.DocumentReadError` with a sentence
saying how to fix it; a reader never lets a library exception or a hang reach the user.
"""

from __future__ import annotations

from pathlib import Path

from drafter.document import Notice
from drafter.errors import DocumentReadError
from drafter.infra.ooxml import OLE_MAGIC
from drafter.read.common import open_letter, read_error

__all__ = ["MARKDOWN_SUFFIXES", "DocumentReadError", "open_letter", "read_document", "read_error",
           "sniff"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
PDF_MAGIC = b"%PDF"
RTF_MAGIC = b"{\\rtf"




def sniff(path: Path, head: bytes) -> str:
    """Return ``docx``, ``pdf``, ``markdown`` or ``text`` for a file starting with ``head``.

    Raises:
        DocumentReadError: for encrypted Office files, old binary .doc files and RTF.
    """
    if head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        return "docx"
    if head.startswith(PDF_MAGIC) or (path.suffix.lower() == ".pdf" and PDF_MAGIC in head):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        raise read_error(path, "this is a password-protected (encrypted) Word file or an old "
                               "Word 97-2003 .doc file, which drafter cannot read",
                         "remove the password, or open it in Word and save it as .docx")
    if head.startswith(RTF_MAGIC):
        raise read_error(path, "this is an RTF file, which drafter cannot read",
                         "save it as .docx, .md or .txt")
    suffix = path.suffix.lower()
    if suffix in (".docx", ".docm", ".dotx"):
        raise read_error(path, "this is not a Word .docx file (it is not a zip package)",
                         "check that the file is complete, or save it again from Word")
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


MAX_MARKUP = 20_000
"""Most emphasis, code, link and HTML delimiters a Markdown letter may have before it is read
as plain text: a letter has a few hundred, and a file of nothing but delimiters can take the
Markdown parser minutes (its words are still all read, as text)."""


def _markup_count(text: str) -> int:
    return sum(text.count(c) for c in "*_`[<")


def read_document(path: Path) -> Notice:
    """Read the draft letter at ``path`` into a :class:`Notice`.

    Each block's ``source`` says where it is: ``paragraph N`` for DOCX (body order, counting
    paragraphs that hold text, table cells included), ``line N`` for Markdown and text, and
    ``page P, line N`` for PDF. ``Notice.meta["truncated"]`` is set when only the start of a
    very large file was read.

    Raises:
        DocumentReadError: the file is missing, not a regular file, unreadable, damaged,
            encrypted, a zip bomb, or has no text.
    """
    with open_letter(path) as fh:
        try:
            head = fh.read(8)
            fh.seek(0)
        except OSError as exc:
            raise read_error(path, f"cannot read the file ({exc.strerror or exc})") from None
        kind = sniff(path, head)
        if kind == "docx":
            from drafter.read.docx import read_docx

            return read_docx(path, fh)
        if kind == "pdf":
            from drafter.read.pdf import read_pdf

            return read_pdf(path, fh)
        from drafter.read.text import load_text

        text, meta = load_text(path, fh)
    if kind == "markdown" and _markup_count(text) <= MAX_MARKUP:
        from drafter.read.markdown import parse_markdown

        return parse_markdown(text, meta=meta)
    from drafter.read.text import parse_text

    return parse_text(text, meta=meta)
