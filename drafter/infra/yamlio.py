"""Read YAML safely, keeping the line of every key.

* Only the safe subset of YAML is accepted (``SafeLoader``, the C version when available:
  it is more than ten times faster, measured by ``bench/``).
* Duplicate keys are errors, not "last one wins".
* Aliases are allowed, but the expanded document is bounded both in values and in the text
  they add up to (each reuse of an alias counted again), so a "billion laughs" file, or a
  few MB of text reused a thousand times, is refused instead of exhausting memory.
* Nesting is bounded well below Python's recursion limit, and a value PyYAML cannot build
  (an impossible date such as 2025-02-30, an integer thousands of digits long) is a located
  error, not a crash.
* Every mapping key and sequence item gets its line number in a :class:`Positions` map, so
  later validation errors can point at file and line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import InputError, Problem
from drafter.infra.regular import describe, read_regular

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 20 * 1024 * 1024
MAX_NODES = 200_000
MAX_EXPANDED = 20_000_000
"""Most characters of text a document may add up to, counting every reuse of an alias."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists (a case file needs about 8)."""
MAX_INT = 10**15
"""Largest whole number accepted (no count, hour or year in a case comes near it)."""

Loc = tuple[str | int, ...]

_NODES: dict[str, Any] = {}  # PyYAML's node classes, once yaml is imported (load_yaml)


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


def read_text(path: Path, error: type[InputError], *, what: str) -> str:
    """Read a UTF-8 text file, turning every failure into a located ``error``."""
    return decode_text(read_bytes(path, error, what=what), str(path), error, what=what)


def read_bytes(path: Path, error: type[InputError], *, what: str) -> bytes:
    """Read a regular file of at most :data:`MAX_BYTES`, turning every failure into ``error``.

    A FIFO, device or socket is refused at once (it could block or never end).
    """
    name = str(path)
    try:
        return read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        raise error([Problem(f"{what} not found", file=name,
                             fix="check the path and the working folder")]) from None
    except IsADirectoryError:
        raise error([Problem(f"{what} is a folder, not a file", file=name)]) from None
    except OSError as exc:
        from drafter.infra.regular import TooLargeError

        if isinstance(exc, TooLargeError):
            raise error([Problem(f"{what} is {exc.size:,} bytes; the limit is {MAX_BYTES:,}",
                                 file=name, fix="check that this is the right file")]) from None
        raise error([Problem(f"cannot read {what}: {describe(exc)}", file=name,
                             fix="give an ordinary file")]) from None


def decode_text(data: bytes, name: str, error: type[InputError], *, what: str) -> str:
    """Decode the bytes of a YAML file read by :func:`read_bytes` (UTF-8, not binary)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:2].count(b"\x00") == 1:
        raise error([Problem(f"{what} is saved as UTF-16 text", file=name,
                             fix="save it as UTF-8 (in Notepad: Save As, Encoding UTF-8)")])
    if b"\x00" in data[:8192]:
        raise error([Problem(f"{what} is a binary file, not YAML text", file=name,
                             fix="give the .yaml file, not a Word or PDF document")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error([Problem("not valid UTF-8 text", file=name, line=line,
                             fix="save the file as UTF-8")]) from None
    if not text.strip():
        raise error([Problem(f"{what} is empty", file=name,
                             fix="fill it in (drafter new writes a commented example)")])
    return text


class _BadValue(Exception):
    """A scalar PyYAML cannot turn into a value (raised while the document is constructed)."""

    def __init__(self, node: yaml.Node, message: str, fix: str) -> None:
        super().__init__(message)
        self.node, self.message, self.fix = node, message, fix


def _loader_class() -> Any:
    """The safe loader, with located errors for dates and integers it cannot build."""
    found = _NODES.get("loader")
    if found is not None:
        return found
    import yaml

    try:  # pragma: no cover - depends on how PyYAML was built
        base: Any = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover
        base = yaml.SafeLoader

    class Loader(base):  # type: ignore[misc]
        pass

    def timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return base.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):
            raise _BadValue(node, f"'{node.value}' is not a real date",
                            "write dates as YYYY-MM-DD, with a month from 01 to 12 and a day "
                            "that month has") from None

    def integer(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            value = base.construct_yaml_int(loader, node)
        except (ValueError, OverflowError):
            value = None
        if value is None or abs(value) > MAX_INT:
            raise _BadValue(node, f"the number '{node.value[:20]}"
                            f"{'...' if len(node.value) > 20 else ''}' is too large",
                            f"give a whole number below {MAX_INT:,}")
        return value

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    Loader.add_constructor("tag:yaml.org,2002:int", integer)

    # PyYAML's resolver, for the C parser's call on every node, with its tables joined once:
    # the same tag for every node (there are no path resolvers), in a fraction of the time.
    wildcard = tuple(Loader.yaml_implicit_resolvers.get(None, ()))
    by_first = {first: (*found, *wildcard)
                for first, found in Loader.yaml_implicit_resolvers.items() if first is not None}
    scalar_node, sequence_node = yaml.ScalarNode, yaml.SequenceNode
    text_tag: str = Loader.DEFAULT_SCALAR_TAG
    list_tag: str = Loader.DEFAULT_SEQUENCE_TAG
    map_tag: str = Loader.DEFAULT_MAPPING_TAG
    plain = not Loader.yaml_path_resolvers

    def resolve(self: Any, kind: Any, value: str | None, implicit: Any) -> str:
        if not plain:  # pragma: no cover - no path resolver is ever added
            return str(base.resolve(self, kind, value, implicit))
        if kind is scalar_node:
            if implicit[0]:
                for tag, regexp in by_first.get(value[:1] if value else "", wildcard):
                    if regexp.match(value):
                        return str(tag)
            return text_tag
        return list_tag if kind is sequence_node else map_tag

    Loader.resolve = resolve
    _NODES["loader"] = Loader
    return Loader


def load_yaml(text: str, file: str, error: type[InputError], *,
              verbatim: Collection[str] = ()) -> tuple[Any, Positions]:
    """Parse one YAML document into plain Python data and its line positions.

    ``verbatim`` names keys whose value is someone's exact words (a request): written as a
    plain (unquoted) scalar, a `` #`` in it starts a YAML comment and silently cuts the words
    short, so that is an error here.

    Raises:
        error: with every duplicate key, or the syntax error, located.
    """
    import yaml  # here, not at the top: a process that finds all it needs cached never parses

    _NODES.update(mapping=yaml.MappingNode, sequence=yaml.SequenceNode, scalar=yaml.ScalarNode)
    loader = _loader_class()(text)
    walk = _Walk(Positions(file), file, error, loader, frozenset(verbatim), text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise error([Problem("the file holds no YAML document", file=file)])
        data = walk.visit(node, (), 0)
        problems = walk.problems
        if verbatim:
            if walk.irregular:  # the plain walk of the nodes, as the keys are written
                _cut_by_comment(node, (), text, frozenset(verbatim), problems, file)
            else:
                walk.add_cut(problems)
        if problems:
            raise error(problems)
        if walk.bad is not None:
            raise walk.bad
        if walk.merged:  # PyYAML merges '<<' keys into the node: build it only now
            data = loader.construct_document(node)
    except _BadValue as exc:
        loc = _find(node, exc.node, ()) or ()
        raise error([Problem(exc.message, file=file, line=exc.node.start_mark.line + 1,
                             key=format_loc(loc) or None, fix=exc.fix)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        msg = f"YAML syntax error: {exc.problem or exc.context}"
        if mark is not None:
            msg += f" (column {mark.column + 1})"
        raise error([Problem(msg, file=file, line=line,
                             fix="check indentation and quoting on this line and the one "
                                 "before; text with ': ' or '#' needs quotes")]) from None
    except yaml.YAMLError as exc:
        raise error([Problem(f"YAML error: {exc}", file=file)]) from None
    except (ValueError, OverflowError) as exc:  # a value PyYAML cannot construct
        raise error([Problem(f"a value cannot be read: {exc}", file=file,
                             fix="put the value in quotes if it is text")]) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps the walk far from the limit
        raise error([Problem(f"the document is nested too deeply (more than {MAX_DEPTH} "
                             "levels)", file=file)]) from None
    finally:
        loader.dispose()
    return data, walk.positions


class _Walk:
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
        except (_BadValue, yaml.YAMLError, ValueError, OverflowError) as exc:
            self.bad = exc  # reported after the walk, if it finds nothing else
            return None

    def visit(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
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
        scalar = _NODES["scalar"]
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
        if isinstance(node, _NODES["mapping"]):
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
        elif isinstance(node, _NODES["sequence"]):
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
            end = value_node.end_mark.index
            rest = text[end:text.find("\n", end) if "\n" in text[end:] else len(text)]
            if rest.lstrip().startswith("#"):
                problems.append(_cut_problem(rest, value_node, here, key, self.file))


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


def _cut_by_comment(node: Any, loc: Loc, text: str, keys: frozenset[str],
                    problems: list[Problem], file: str) -> None:
    """Report a plain scalar under one of ``keys`` that a ``#`` comment cut short."""
    if isinstance(node, _NODES["mapping"]):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, _NODES["scalar"]) else "?"
            here = (*loc, key)
            if (key in keys and isinstance(value_node, _NODES["scalar"])
                    and not value_node.style and value_node.tag == _STR
                    and not any(p.line == value_node.end_mark.line + 1 for p in problems)):
                end = value_node.end_mark.index
                rest = text[end:text.find("\n", end) if "\n" in text[end:] else len(text)]
                if rest.lstrip().startswith("#"):
                    problems.append(_cut_problem(rest, value_node, here, key, file))
            _cut_by_comment(value_node, here, text, keys, problems, file)
    elif isinstance(node, _NODES["sequence"]):
        for i, item in enumerate(node.value):
            _cut_by_comment(item, (*loc, i), text, keys, problems, file)


def _cut_problem(rest: str, value_node: Any, here: Loc, key: str, file: str) -> Problem:
    return Problem(f"the text stops at '{rest.strip()[:30]}': in YAML an unquoted ' #' starts "
                   "a comment, so the words after it would be lost", file=file,
                   line=value_node.end_mark.line + 1, key=format_loc(here),
                   fix=f"quote the text exactly as written with '{key}: |' and the words on "
                       "the next lines, indented (or put them in double quotes)")


def _find(node: Any, target: Any, loc: Loc, depth: int = 0) -> Loc | None:
    """Where ``target`` first appears under ``node`` (to locate a value that cannot be built)."""
    if node is target:
        return loc
    if depth > MAX_DEPTH:
        return None
    if isinstance(node, _NODES["mapping"]):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, _NODES["scalar"]) else "?"
            found = (_find(key_node, target, (*loc, key), depth + 1)
                     or _find(value_node, target, loc if key == "<<" else (*loc, key),
                              depth + 1))
            if found is not None:
                return found
    elif isinstance(node, _NODES["sequence"]):
        for i, item in enumerate(node.value):
            found = _find(item, target, (*loc, i), depth + 1)
            if found is not None:
                return found
    return None
