"""The one pass over a YAML node graph that :func:`drafter.infra.yamlio.load_yaml` makes.

It records the line of every key and item, refuses duplicate keys and documents that blow
the node, size or depth budgets, and builds the values (text, mappings and lists itself,
anything else through PyYAML's constructor, so the values equal ``yaml.safe_load``'s).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from drafter.errors import InputError, Problem

if TYPE_CHECKING:
    import yaml

MAX_NODES = 200_000
MAX_EXPANDED = 20_000_000
"""Most characters of text a document may add up to, counting every reuse of an alias."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists (a case file needs about 8)."""
Loc = tuple[str | int, ...]

NODES: dict[str, Any] = {}  # PyYAML's node classes, once yaml is imported (load_yaml)


@dataclass
class Positions:
    """Line numbers of the keys and items of one YAML document."""

    file: str
    lines: dict[Loc, int] = field(default_factory=dict)
    scalars: dict[Loc, str] = field(default_factory=dict)
    """The source text of scalars YAML read as a number, true/false or null, by location:
    ``reference: 0104`` is the number 68 to YAML, and an error message should show ``0104``."""

    def line_of(self, loc: Loc) -> int | None:
        """Return the line of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get(())


def format_loc(loc: Loc) -> str:
    """Return ``parts[0].exemptions[1].cite`` for ``("parts", 0, "exemptions", 1, "cite")``."""
    out = ""
    for item in loc:
        if isinstance(item, int):
            out += f"[{item}]"
        else:
            out += ("." if out else "") + str(item)
    return out


class BadValue(Exception):
    """A scalar PyYAML cannot turn into a value (raised while the document is constructed)."""

    def __init__(self, node: yaml.Node, message: str, fix: str) -> None:
        super().__init__(message)
        self.node, self.message, self.fix = node, message, fix


class Walk:
    """One pass over the node graph: lines, duplicate keys, the budgets, and the values.

    Text, mappings and lists (nearly every node of a case file) are built here, in the same
    pass; any other node (a number, a date, ``!!binary``, a mapping with a key that is not
    text) is built by PyYAML's constructor, so the values are exactly what ``yaml.safe_load``
    gives. A document with a ``<<`` merge key is built by PyYAML after the walk (merging
    changes the nodes). Nothing is built once a problem is found (the problems are what is
    reported), and a value PyYAML cannot build is kept in :attr:`bad` and reported only if
    the walk finds no other problem.
    """

    def __init__(self, positions: Positions, file: str, error: type[InputError],
                 loader: Any = None, verbatim: frozenset[str] = frozenset(),
                 text: str = "") -> None:
        self.positions = positions
        self.file = file
        self.error = error
        self.problems: list[Problem] = []
        self.nodes = 0
        self.chars = 0
        self.loader = loader
        self.verbatim = verbatim
        self.text = text
        self.cut: list[tuple[Any, Loc, str]] = []  # plain verbatim scalars, to look after
        self.merged = False  # a '<<' merge key was seen
        self.irregular = False  # a merge key or a duplicate key: cuts are found the slow way
        self.bad: Exception | None = None
        self.built: dict[int, Any] = {}  # id(node) -> value: an alias is the same object

    def _refuse(self, node: yaml.Node, message: str, fix: str) -> None:
        raise self.error([Problem(message, file=self.file, line=node.start_mark.line + 1,
                                  fix=fix)])

    def _construct(self, node: yaml.Node) -> Any:
        """PyYAML's own value for ``node``; None once there is anything to report."""
        if self.problems or self.bad is not None or self.merged or self.loader is None:
            return None
        import yaml

        try:
            return self.loader.construct_object(node, deep=True)
        except (BadValue, yaml.YAMLError, ValueError, OverflowError) as exc:
            self.bad = exc  # reported after the walk, if it finds nothing else
            return None

    def visit(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        """Record ``node`` at ``loc`` (``depth`` deep), check the budgets, return its value."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self._refuse(node, f"the document expands to more than {MAX_NODES:,} values (an "
                         "alias bomb?)", "remove the repeated '*alias' references")
        if depth > MAX_DEPTH:
            self._refuse(node, f"the document is nested more than {MAX_DEPTH} levels deep",
                         "a case file needs only a few levels; check the brackets and "
                         "indentation")
        pos = self.positions
        if loc not in pos.lines:
            pos.lines[loc] = node.start_mark.line + 1
        scalar = NODES["scalar"]
        tag = node.tag
        if isinstance(node, scalar):
            value = node.value
            self.chars += len(value)
            if self.chars > MAX_EXPANDED:
                self._refuse(node, f"the document's text adds up to more than "
                             f"{MAX_EXPANDED:,} characters once its aliases are expanded",
                             "remove the repeated '*alias' references, or split the text")
            if tag == _STR:
                return value
            if tag in _NOT_TEXT:
                pos.scalars[loc] = value
                if tag == _TIMESTAMP:
                    _check_date(node, loc, self.problems, self.file)
            return self._construct(node)
        built = self.built.get(id(node), _NONE)
        if isinstance(node, NODES["mapping"]):
            seen: dict[str, int] = {}
            out: dict[Any, Any] | None = {} if tag == _MAP else None
            for key_node, value_node in node.value:
                is_text = isinstance(key_node, scalar)
                key = key_node.value if is_text else "?"
                line = key_node.start_mark.line + 1
                if key == "<<":
                    self.merged = self.irregular = True
                    out = None
                    self.visit(value_node, loc, depth + 1)
                    continue
                if is_text:
                    self.chars += len(key)
                    if key_node.tag != _STR:
                        out = None
                else:
                    out = None
                if key in seen:
                    self.irregular = True
                    self.problems.append(Problem(
                        f"duplicate key '{key}' (first given on line {seen[key]})",
                        file=self.file, line=line, key=format_loc((*loc, key)),
                        fix="keep one of them; YAML would silently drop the first"))
                    continue
                seen[key] = line
                here = (*loc, key)
                pos.lines[here] = line
                value = self.visit(value_node, here, depth + 1)
                if out is not None:
                    out[key] = value
                if (key in self.verbatim and isinstance(value_node, scalar)
                        and not value_node.style and value_node.tag == _STR):
                    self.cut.append((value_node, here, key))
            if built is not _NONE:
                return built
            value = out if out is not None else self._construct(node)
        elif isinstance(node, NODES["sequence"]):
            items = [self.visit(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
            if built is not _NONE:
                return built
            value = items if tag == _SEQ else self._construct(node)
        else:  # pragma: no cover - PyYAML composes only these three kinds of node
            return self._construct(node)
        self.built[id(node)] = value
        return value

    def add_cut(self, problems: list[Problem]) -> None:
        """Report each plain verbatim scalar that a ``#`` comment cut short (see load_yaml)."""
        text = self.text
        for value_node, here, key in self.cut:
            if any(p.line == value_node.end_mark.line + 1 for p in problems):
                continue
            cut = _comment_cut(text, value_node, here, key, self.file)
            if cut is not None:
                problems.append(cut)


_NONE = object()
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_NOT_TEXT = frozenset({_TIMESTAMP, *(f"tag:yaml.org,2002:{t}" for t in
                                     ("int", "float", "bool", "null"))})
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def _check_date(node: Any, loc: Loc, problems: list[Problem], file: str) -> None:
    """Report a date that YAML recognises by its shape but that does not exist (2026-02-30).

    PyYAML would raise a bare ``ValueError`` with no line when it builds the value.
    """
    m = _YMD.match(node.value)
    if m is None:  # pragma: no cover - the timestamp resolver matched this shape
        return
    year, month, day = (int(g) for g in m.groups())
    why = None
    if not 1 <= month <= 12:
        why = f"there is no month {month}"
    elif year < 1:
        why = "there is no year 0"
    elif not 1 <= day <= calendar.monthrange(year, month)[1]:
        why = f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"
    if why is None:
        try:
            _time_check(node.value)
        except ValueError as exc:
            why = str(exc)
    if why is not None:
        problems.append(Problem(
            f"'{node.value}' is not a real date: {why}", file=file,
            line=node.start_mark.line + 1, key=format_loc(loc) or None,
            fix="check the day and the month; dates are written year-month-day, for example "
                "2026-02-28 for 28 February 2026"))


def _time_check(value: str) -> None:
    """Raise ValueError if the time of day in a YAML timestamp does not exist."""
    m = re.search(r"[Tt ]\s*(\d{1,2}):(\d\d):(\d\d)", value)
    if m:
        hour, minute, second = (int(g) for g in m.groups())
        dt.time(hour, minute, second)


def cut_by_comment(node: Any, loc: Loc, text: str, keys: frozenset[str],
                    problems: list[Problem], file: str) -> None:
    """Report a plain scalar under one of ``keys`` that a ``#`` comment cut short."""
    if isinstance(node, NODES["mapping"]):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, NODES["scalar"]) else "?"
            here = (*loc, key)
            if (key in keys and isinstance(value_node, NODES["scalar"])
                    and not value_node.style and value_node.tag == _STR
                    and not any(p.line == value_node.end_mark.line + 1 for p in problems)):
                cut = _comment_cut(text, value_node, here, key, file)
                if cut is not None:
                    problems.append(cut)
            cut_by_comment(value_node, here, text, keys, problems, file)
    elif isinstance(node, NODES["sequence"]):
        for i, item in enumerate(node.value):
            cut_by_comment(item, (*loc, i), text, keys, problems, file)


def _comment_cut(text: str, value_node: Any, here: Loc, key: str, file: str) -> Problem | None:
    """The problem when the rest of ``value_node``'s line is a ``#`` comment, else None."""
    end = value_node.end_mark.index
    nl = text.find("\n", end)
    rest = text[end:nl if nl != -1 else len(text)]
    return _cut_problem(rest, value_node, here, key, file) if rest.lstrip().startswith("#") \
        else None


def _cut_problem(rest: str, value_node: Any, here: Loc, key: str, file: str) -> Problem:
    return Problem(f"the text stops at '{rest.strip()[:30]}': in YAML an unquoted ' #' starts "
                   "a comment, so the words after it would be lost", file=file,
                   line=value_node.end_mark.line + 1, key=format_loc(here),
                   fix=f"quote the text exactly as written with '{key}: |' and the words on "
                       "the next lines, indented (or put them in double quotes)")


def find_node(node: Any, target: Any, loc: Loc, depth: int = 0) -> Loc | None:
    """Where ``target`` first appears under ``node`` (to locate a value that cannot be built)."""
    if node is target:
        return loc
    if depth > MAX_DEPTH:
        return None
    if isinstance(node, NODES["mapping"]):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, NODES["scalar"]) else "?"
            found = (find_node(key_node, target, (*loc, key), depth + 1)
                     or find_node(value_node, target, loc if key == "<<" else (*loc, key),
                              depth + 1))
            if found is not None:
                return found
    elif isinstance(node, NODES["sequence"]):
        for i, item in enumerate(node.value):
            found = find_node(item, target, (*loc, i), depth + 1)
            if found is not None:
                return found
    return None
