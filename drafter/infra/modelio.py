"""Validate YAML data into pydantic models, turning every error into a located Problem.

Never shows a raw pydantic dump: each error becomes ``file:line: key: message. Fix: ...``,
with a "did you mean" for a misspelt key.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from drafter.errors import InputError, Problem
from drafter.infra.yamlio import Loc, Positions, format_loc

M = TypeVar("M", bound=BaseModel)


def parse_model(model: type[M], data: Any, positions: Positions, error: type[InputError],
             *, base: Loc = ()) -> M:
    """Return ``model`` built from ``data``, or raise ``error`` listing every problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(problems_from(exc, model, positions, base=base, data=data)) from None


def problems_from(exc: ValidationError, model: type[BaseModel], positions: Positions,
                  *, base: Loc = (), data: Any = None) -> list[Problem]:
    """Translate a pydantic ValidationError into located problems, one per error."""
    problems: list[Problem] = []
    seen: set[tuple[Loc, str]] = set()
    for err in exc.errors(include_url=False):
        loc = _clean_loc(err["loc"], data)
        full = (*base, *loc)
        kind = err["type"]
        message, fix = _message(err, model, loc)
        if kind == "string_type" and full in positions.scalars and loc:
            message, fix = _read_as_not_text(str(loc[-1]), positions.scalars[full],
                                             err.get("input"))
        if (full, message) in seen:
            continue
        seen.add((full, message))
        problems.append(Problem(message, file=positions.file, line=positions.line_of(full),
                                key=format_loc(full) or None, fix=fix))
        if kind == "missing":
            continue
    return problems


def _clean_loc(loc: tuple[int | str, ...], data: Any = None) -> Loc:
    """Drop the labels pydantic adds for union members ("str", "Wording", "list[...]").

    A loc item that is a key or index actually present in ``data`` is always kept, so a
    misspelt key such as ``Subject`` or ``subject[0]`` is reported under its own name.
    """
    out: list[str | int] = []
    here: Any = data
    for item in loc:
        if isinstance(here, dict) and item in here:
            out.append(item)
            here = here[item]
            continue
        if isinstance(here, list) and isinstance(item, int) and 0 <= item < len(here):
            out.append(item)
            here = here[item]
            continue
        if isinstance(item, str) and (item[:1].isupper() or "[" in item or item in
                                      ("str", "int", "float", "bool", "date", "list")):
            continue
        out.append(item)
        here = None
    return tuple(out)


def _message(err: Any, model: type[BaseModel], loc: Loc) -> tuple[str, str | None]:
    kind = err["type"]
    msg = str(err["msg"])
    if kind == "missing":
        return "required key is missing", f"add '{loc[-1]}:'" if loc else None
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if close:
            return f"unknown key '{key}'", f"did you mean '{close[0]}'?"
        listed = ", ".join(sorted(known)) if known else "none"
        return f"unknown key '{key}'", f"remove it; the keys allowed here are: {listed}"
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{_short(err.get('input'))}' is not allowed here", f"use one of {expected}"
    if kind.startswith("date"):
        return f"'{_short(err.get('input'))}' is not a date", "write dates as YYYY-MM-DD"
    if kind in ("value_error", "assertion_error"):
        return msg.removeprefix("Value error, "), None
    if kind == "too_short":
        return "must not be empty", "give at least one entry"
    if kind in ("string_type", "int_type", "int_parsing", "float_parsing", "float_type",
                "list_type", "dict_type", "model_type", "model_attributes_type", "bool_type",
                "bool_parsing"):
        want = {"string_type": "text", "int_type": "a whole number",
                "int_parsing": "a whole number", "float_parsing": "a number",
                "float_type": "a number", "list_type": "a list", "dict_type": "a mapping",
                "model_type": "a mapping of keys", "model_attributes_type": "a mapping of keys",
                "bool_type": "true or false", "bool_parsing": "true or false"}[kind]
        value = err.get("input")
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**15:
            return f"expected {want}, got a number far too large", None
        got = type(value).__name__
        got = {"NoneType": "nothing", "dict": "a mapping", "list": "a list", "str": "text",
               "int": "a number", "float": "a number", "bool": "true/false",
               "date": "a date"}.get(got, got)
        return f"expected {want}, got {got}", None
    return msg, None


def _read_as_not_text(key: str, source: str, value: Any) -> tuple[str, str]:
    """``reference: 0104`` or ``name: No``: YAML read text as a number or true/false."""
    what = ("nothing" if value is None else "true/false" if isinstance(value, bool)
            else "a date" if not isinstance(value, (int, float)) else "a number")
    as_read = str(value).lower() if isinstance(value, bool) else str(value)
    shown = "" if value is None or as_read == source else f" ({as_read})"
    escaped = source.replace("\\", "\\\\").replace('"', '\\"')
    return (f"YAML reads {source} as {what}{shown}, not as text",
            f'put it in quotes: {key}: "{escaped}"')


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Names of the fields of the model found at ``loc`` inside ``model``."""
    current: Any = model
    for item in loc:
        if isinstance(item, int):
            continue
        current = _model_of(current, str(item))
        if current is None:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_of(model: Any, name: str) -> Any:
    model = _unwrap(model)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    field = model.model_fields.get(name)
    return _unwrap(field.annotation) if field else None


def _unwrap(tp: Any) -> Any:
    """Strip Optional / list / Annotated / unions down to the first BaseModel inside."""
    for _ in range(6):
        origin = typing.get_origin(tp)
        if origin is None:
            return tp
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if origin in (typing.Union, types.UnionType):
            models = [a for a in args if isinstance(_unwrap(a), type)
                      and issubclass(_unwrap(a), BaseModel)]
            tp = models[0] if models else args[0]
        elif origin is typing.Annotated:
            tp = args[0]
        elif origin in (list, tuple, set):
            tp = args[0] if args else Any
        elif origin is dict:
            tp = args[1] if len(args) > 1 else Any
        else:
            return tp
    return tp
