"""JSON Schema for the case file and the authority profile, for editors.

``drafter schema case`` prints it; ``drafter new`` points the case file at it with a
``# yaml-language-server: $schema=...`` comment, so VS Code (with the YAML extension) and
other editors complete keys and library ids and underline mistakes as the officer types.

The schema is made from the same pydantic models that validate the file, so it cannot drift
from them. Each key's description is the docstring written under its field in
:mod:`drafter.draft.model`, and every place that takes a library id lists the ids of the
library in use (an override folder's included) as an enum. drafter's own validation still
decides: the schema helps while typing; the legal rules run at ``drafter render``.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
from functools import cache
from typing import Any

from pydantic import BaseModel

from drafter.draft import model
from drafter.library.load import Library

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_REFS = {  # (model, field) -> the library table its ids come from
    ("ExemptionUse", "harm"): "harms",
    ("PublicInterest", "for_disclosure"): "factors",
    ("PublicInterest", "against_disclosure"): "factors",
    ("PublicInterest", "conclusion"): "conclusions",
}


def case_schema(lib: Library) -> dict[str, Any]:
    """The JSON Schema of a case file, with ``lib``'s ids and citations."""
    schema = _schema(model.Case, "drafter case file")
    defs = schema["$defs"]
    for (name, key), table in _REFS.items():
        ids = sorted(lib.entries_for(table))
        _with_ids(defs[name]["properties"][key], ids, table)
    cites = sorted({p.cite for p in lib.provisions.values()})
    cite = defs["ExemptionUse"]["properties"]["cite"]
    cite["examples"] = cites  # not an enum: "section 43(2)" is accepted as well
    vias = sorted({p.via for p in lib.provisions.values() if p.via})
    defs["ExemptionUse"]["properties"]["via"]["examples"] = vias
    requester = schema["properties"]["requester"]  # 'requester:' alone is anonymous too
    requester["anyOf"] = [{"$ref": requester.pop("$ref")}, {"type": "null"}]
    return schema


def authority_schema() -> dict[str, Any]:
    """The JSON Schema of an authority profile."""
    return _schema(model.Authority, "drafter authority profile")


def _schema(root: type[BaseModel], title: str) -> dict[str, Any]:
    schema = root.model_json_schema()
    docs = _field_docs()
    _describe(schema, root.__name__, docs)
    for name, sub in schema.get("$defs", {}).items():
        _describe(sub, name, docs)
    return {"$schema": DIALECT, **schema, "title": title}


def _describe(node: dict[str, Any], name: str, docs: dict[str, dict[str, str]]) -> None:
    if "description" in node:
        node["description"] = _plain(node["description"])
    for key, prop in node.get("properties", {}).items():
        prop.pop("title", None)  # "Cost Limit": the key itself says it better
        text = docs.get(name, {}).get(key)
        if text:
            prop["description"] = text


def _with_ids(prop: dict[str, Any], ids: list[str], table: str) -> None:
    """Give the string branch of a ClauseRef (or a list of them) the library's ids."""
    target = prop.get("items", prop)
    for branch in target.get("anyOf", []):
        if branch.get("type") == "string":
            branch["enum"] = ids
            branch["description"] = f"an id from the library's {table}"


@cache
def _field_docs() -> dict[str, dict[str, str]]:
    """Class name -> field -> the docstring written under the field in the model module."""
    tree = ast.parse(inspect.getsource(model))
    out: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields: dict[str, str] = {}
        body = node.body
        for here, after in itertools.pairwise(body):
            if (isinstance(here, ast.AnnAssign) and isinstance(here.target, ast.Name)
                    and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)):
                fields[here.target.id] = _plain(after.value.value)
        out[node.name] = fields
    return out


def _plain(text: str) -> str:
    """One line of plain text from a docstring (no reST double backquotes)."""
    return re.sub(r"\s+", " ", inspect.cleandoc(text).replace("``", "`")).strip()
