r"""A normalised, deterministic text dump of a DOCX file, for golden tests.

``.docx`` bytes differ from run to run in any tool that stamps zip entries with the time, and
two files that look the same in Word can differ in their XML. The dump keeps what a golden test
should pin down, one line per paragraph::

    [Notice Title] Freedom of Information request
    [Body Text] See our website. {link: https://www.example.gov.uk/foi}
    [List Number] 1. first item
    [List Bullet] • a bullet
    [Request Quote] line one\n\tindented line
    [table] cell | cell
    header: [Header] Example Council
    footer: [Footer] Page footer

Tabs, line breaks and backslashes in the text are written as ``\t``, ``\n`` and ``\\``.
Lists show the label Word would display (counting restarts and continuations); tables show one
line per row. Header and footer paragraphs come last, in section order, each part once.

Reads the package with :mod:`zipfile` and lxml only (no python-docx): fast, and usable on any
Word document.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from drafter.infra.ooxml import PKG_REL, R_ID, W, child, val

__all__ = ["dump_docx"]


# Word stores some built-in style names in lower case; show them as Word (and python-docx) do.
_UI_NAMES = {
    "caption": "Caption",
    "header": "Header",
    "footer": "Footer",
    **{f"heading {n}": f"Heading {n}" for n in range(1, 10)},
}
_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"})
# Text inside these is not part of the paragraph's visible text.
_SKIP_TEXT = (f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{W}pPr")
_T, _TAB, _R, _HYPERLINK, _NB_HYPHEN = (
    f"{W}{t}" for t in ("t", "tab", "r", "hyperlink", "noBreakHyphen")
)


def dump_docx(data: bytes) -> str:
    """Return the normalised dump of the DOCX file ``data``.

    Raises:
        zipfile.BadZipFile: ``data`` is not a zip file.
        KeyError: the package lacks its main document.
        lxml.etree.XMLSyntaxError: a part is not well-formed XML.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        package = _Package(z)
        lines = list(package.dump())
    return "\n".join(lines) + "\n" if lines else ""


@dataclass
class _Numbering:
    """Numbering definitions, and the counters Word keeps while it numbers paragraphs."""

    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    levels: dict[str, dict[int, tuple[str, str, int]]] = field(default_factory=dict)
    counters: dict[object, list[int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, root: etree._Element | None) -> _Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for abstract in root.iter(f"{W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.iter(f"{W}lvl"):
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    val(lvl, W + "numFmt") or "decimal",
                    val(lvl, W + "lvlText") or "",
                    int(val(lvl, W + "start") or "1"),
                )
            numbering.levels[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            starts = {
                int(o.get(f"{W}ilvl", "0")): int(val(o, W + "startOverride") or "1")
                for o in num.iter(f"{W}lvlOverride")
                if o.find(f"{W}startOverride") is not None
            }
            numbering.nums[num.get(f"{W}numId", "")] = (val(num, W + "abstractNumId") or "", starts)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counters for one paragraph and return its label (``1.``, ``•``)."""
        if num_id not in self.nums:
            return None
        abstract_id, starts = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        # Word continues numbering across instances of one definition unless one restarts it.
        key: object = num_id if starts else abstract_id
        first = [starts.get(i, levels.get(i, ("", "", 1))[2]) for i in range(9)]
        counters = self.counters.setdefault(key, [s - 1 for s in first])
        ilvl = min(max(ilvl, 0), 8)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = first[deeper] - 1
        fmt, text, _ = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        for i in range(ilvl, -1, -1):
            level_fmt = levels.get(i, ("decimal", "", 1))[0]
            text = text.replace(f"%{i + 1}", _format_number(counters[i], level_fmt))
        return text


class _Package:
    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z = z
        self.main = self._target("", _rels(z, ""), "officeDocument") or "word/document.xml"
        self.rels = _rels(z, self.main)
        self.doc = etree.fromstring(z.read(self.main))
        styles = self._part("styles")
        self.style_names: dict[str, str] = {}
        self.style_num: dict[str, tuple[str, int] | None] = {}
        self.default_style = "Normal"
        if styles is not None:
            self._read_styles(styles)
        self.numbering = _Numbering.parse(self._part("numbering"))

    def _target(self, source: str, rels: dict[str, tuple[str, str]], kind: str) -> str | None:
        for rel_type, target in rels.values():
            if rel_type.endswith("/" + kind):
                return _resolve(source, target)
        return None

    def _part(self, kind: str) -> etree._Element | None:
        name = self._target(self.main, self.rels, kind)
        if name is None or name not in self.z.namelist():
            return None
        return etree.fromstring(self.z.read(name))

    def _read_styles(self, root: etree._Element) -> None:
        based: dict[str, str] = {}
        direct: dict[str, tuple[str, int] | None] = {}
        for style in root.iter(f"{W}style"):
            style_id = style.get(f"{W}styleId", "")
            name = val(style, W + "name") or style_id
            self.style_names[style_id] = _UI_NAMES.get(name, name)
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") == "1":
                self.default_style = style_id
            parent = val(style, W + "basedOn")
            if parent:
                based[style_id] = parent
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                direct[style_id] = (val(num_pr, W + "numId") or "0",
                                    int(val(num_pr, W + "ilvl") or "0"))
        for style_id in self.style_names:
            seen: set[str] = set()
            current: str | None = style_id
            while current is not None and current not in direct and current not in seen:
                seen.add(current)
                current = based.get(current)
            self.style_num[style_id] = direct.get(current) if current is not None else None

    def dump(self) -> Iterator[str]:
        body = self.doc.find(f"{W}body")
        if body is None:
            return
        yield from self._blocks(body, self.rels, "")
        seen: set[str] = set()
        sections = list(body.iter(f"{W}sectPr"))
        for kind in ("header", "footer"):
            for sect_pr in sections:
                refs = sect_pr.findall(f"{W}{kind}Reference")
                order = {"default": 0, "first": 1, "even": 2}
                for ref in sorted(refs, key=lambda r: order.get(r.get(f"{W}type", ""), 3)):
                    rel = self.rels.get(ref.get(R_ID, ""))
                    if rel is None:
                        continue
                    name = _resolve(self.main, rel[1])
                    if name in seen or name not in self.z.namelist():
                        continue
                    seen.add(name)
                    variant = ref.get(f"{W}type", "default")
                    prefix = f"{kind}: " if variant == "default" else f"{kind}({variant}): "
                    root = etree.fromstring(self.z.read(name))
                    yield from self._blocks(root, _rels(self.z, name), prefix)

    def _blocks(
        self, parent: etree._Element, rels: dict[str, tuple[str, str]], prefix: str
    ) -> Iterator[str]:
        for el in parent:
            if el.tag == f"{W}p":
                yield prefix + self._paragraph(el, rels)
            elif el.tag == f"{W}tbl":
                for row in el.iter(f"{W}tr"):
                    cells = [
                        "\\n".join(
                            _paragraph_text(p, rels)[0].translate(_ESCAPES).replace("|", "\\|")
                            for p in cell.iter(f"{W}p")
                        )
                        for cell in row.findall(f"{W}tc")
                    ]
                    yield f"{prefix}[table] " + " | ".join(cells)
            elif el.tag in {f"{W}sdt", f"{W}customXml"}:
                content = el.find(f"{W}sdtContent")
                yield from self._blocks(content if content is not None else el, rels, prefix)

    def _paragraph(self, p: etree._Element, rels: dict[str, tuple[str, str]]) -> str:
        ppr = child(p, W + "pPr")
        style_id = val(ppr, W + "pStyle") if ppr is not None else None
        style_id = style_id or self.default_style
        name = self.style_names.get(style_id, style_id)
        text, links = _paragraph_text(p, rels)
        line = f"[{name}]"
        num = self._num_pr(ppr, style_id)
        if num is not None:
            label = self.numbering.label(*num)
            if label:
                line += " " + label
        if text:
            line += " " + text.translate(_ESCAPES)
        for url in links:
            line += f" {{link: {url}}}"
        return line

    def _num_pr(self, ppr: etree._Element | None, style_id: str) -> tuple[str, int] | None:
        num_pr = child(ppr, W + "numPr")
        style_num = self.style_num.get(style_id)
        if num_pr is not None:
            num_id = val(num_pr, W + "numId") or (style_num[0] if style_num else "0")
            ilvl = val(num_pr, W + "ilvl")
            level = int(ilvl) if ilvl is not None else (style_num[1] if style_num else 0)
            found: tuple[str, int] | None = (num_id, level)
        else:
            found = style_num
        if found is None or found[0] == "0":
            return None
        return found


_TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}hyperlink")


def _paragraph_text(p: etree._Element, rels: dict[str, tuple[str, str]]) -> tuple[str, list[str]]:
    """The visible text of a paragraph and the targets of its hyperlinks."""
    text: list[str] = []
    links: list[str] = []
    skip = next(p.iter(*_SKIP_TEXT), None) is not None
    for el in p.iter(*_TEXT_TAGS):
        if skip and any(a.tag in _SKIP_TEXT for a in el.iterancestors()):
            continue
        tag = el.tag
        if tag == _T:
            text.append(el.text or "")
        elif tag == _TAB:
            parent = el.getparent()
            if parent is not None and parent.tag == _R:  # not a tab stop definition
                text.append("\t")
        elif tag == _HYPERLINK:
            rel = rels.get(el.get(R_ID, ""))
            anchor = el.get(f"{W}anchor")
            if rel is not None:
                links.append(rel[1])
            elif anchor:
                links.append("#" + anchor)
        elif tag == _NB_HYPHEN:
            text.append("\u2011")
        else:
            text.append("\n")
    return "".join(text), links


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part`` ("" for the package): id -> (type, target)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in z.namelist():
        return {}
    root = etree.fromstring(z.read(rels_name))
    return {
        rel.get("Id", ""): (rel.get("Type", ""), rel.get("Target", ""))
        for rel in root.iter(PKG_REL)
    }


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    if "://" in target:
        return target
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        # Word counts a..z, then aa..zz, then aaa...
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out += numeral * count
    return out
