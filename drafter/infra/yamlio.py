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

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import InputError, Problem
from drafter.infra.regular import describe, read_regular
from drafter.infra.yamlwalk import (
    MAX_DEPTH,
    NODES,
    BadValue,
    Loc,
    Positions,
    Walk,
    cut_by_comment,
    find_node,
    format_loc,
)

__all__ = ["MAX_BYTES", "MAX_INT", "Loc", "Positions", "decode_text", "format_loc",
           "load_yaml", "read_bytes", "read_text"]

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 20 * 1024 * 1024
MAX_INT = 10**15
"""Largest whole number accepted (no count, hour or year in a case comes near it)."""

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


def _loader_class() -> Any:
    """The safe loader, with located errors for dates and integers it cannot build."""
    found = NODES.get("loader")
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
            raise BadValue(node, f"'{node.value}' is not a real date",
                            "write dates as YYYY-MM-DD, with a month from 01 to 12 and a day "
                            "that month has") from None

    def integer(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            value = base.construct_yaml_int(loader, node)
        except (ValueError, OverflowError):
            value = None
        if value is None or abs(value) > MAX_INT:
            raise BadValue(node, f"the number '{node.value[:20]}"
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
    NODES["loader"] = Loader
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

    NODES.update(mapping=yaml.MappingNode, sequence=yaml.SequenceNode, scalar=yaml.ScalarNode)
    loader = _loader_class()(text)
    walk = Walk(Positions(file), file, error, loader, frozenset(verbatim), text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise error([Problem("the file holds no YAML document", file=file)])
        data = walk.visit(node, (), 0)
        problems = walk.problems
        if verbatim:
            if walk.irregular:  # the plain walk of the nodes, as the keys are written
                cut_by_comment(node, (), text, frozenset(verbatim), problems, file)
            else:
                walk.add_cut(problems)
        if problems:
            raise error(problems)
        if walk.bad is not None:
            raise walk.bad
        if walk.merged:  # PyYAML merges '<<' keys into the node: build it only now
            data = loader.construct_document(node)
    except BadValue as exc:
        loc = find_node(node, exc.node, ()) or ()
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

