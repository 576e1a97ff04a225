"""Make examples/authorities/northbridge-letterhead.docx: a council's own Word letterhead.

It stands for the file an authority already has: a logo and the council's name in the
header, contact details in the footer, its own body font. ``drafter render`` keeps all of
that and writes the letter into its body. Run: python tools/make_example_letterhead.py
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "examples" / "authorities" / \
    "northbridge-letterhead.docx"


def _logo_png(width: int = 120, height: int = 40) -> bytes:
    """A plain two-colour bridge-like mark, drawn without any imaging library."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            arch = (x - width / 2) ** 2 / (width / 2) ** 2 + (y / (height * 0.9)) ** 2 < 1
            deck = height * 0.55 < y < height * 0.7
            r, g, b = (0, 82, 147) if (arch and y > height * 0.35) or deck else (255, 255, 255)
            row += bytes([r, g, b])
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + \
        chunk(b"IEND", b"")


def main() -> None:
    """Write the example letterhead."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(11)
    body = doc.styles["Body Text"]
    body.font.name = "Georgia"
    body.font.color.rgb = RGBColor(0x20, 0x20, 0x20)
    section = doc.sections[0]
    section.top_margin = Cm(3.2)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run().add_picture(io.BytesIO(_logo_png()), width=Cm(3))
    name = section.header.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = name.add_run("Northbridge City Council")
    run.bold = True
    run.font.color.rgb = RGBColor(0, 82, 147)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Civic Centre, Bridge Street, Northbridge NB1 2CC  |  "
                   "www.northbridge.example.gov.uk  |  01632 960 500").font.size = Pt(8)
    doc.add_paragraph("(letter body goes here)")
    doc.core_properties.author = "Northbridge City Council"
    doc.save(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
