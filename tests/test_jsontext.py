"""infra/jsontext: the same text as ``json.dumps(data, indent=2, ensure_ascii=False)``."""

from __future__ import annotations

import enum
import json
from collections import OrderedDict
from typing import Any

import pytest

from drafter.infra.jsontext import dumps


class Level(enum.StrEnum):
    error = "error"


class Count(enum.IntEnum):
    one = 1


CASES: list[Any] = [
    {}, [], (), "", None, True, False, 0, -3, 1.5, float("nan"), float("inf"), 10**30,
    "quote \" backslash \\ newline \n tab \t nul \x00 bell \x07 line sep \u2028",
    "Unicode kept as it is: £ € – ’ “ é ß 中 😀",
    {"file": "a.docx", "ok": False, "evidence": None, "exemptions": ["s31(1)(a)", "s40(2)"],
     "elements": {"states_refusal": {"status": "present", "location": "paragraph 3"},
                  "empty": {}, "none": []},
     "provisions": [{"cite": "s31(1)(a)", "absolute": None, "depth": 2,
                     "nested": [[], [{}], [1, [2, ["x"]]]]}]},
    [{"a": 1}, {"b": [True, None, 2.25]}, "s", [[]]],
    (1, ("two", (3,))),
    {"level": Level.error, Level.error: "enum key", "count": Count.one},
    OrderedDict([("z", 1), ("a", {"k": "v"})]),
    {3: "int key", None: "none key", True: "bool key", 2.5: "float key"},
    {"deep": {"er": {"still": {"deeper": ["and", {"deepest": "x\ny"}]}}}},
]


@pytest.mark.parametrize("data", CASES)
def test_same_text_as_the_standard_library(data: Any) -> None:
    assert dumps(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_a_check_report_round_trips() -> None:
    report = [{"file": f"letter-{i}.docx", "ok": i % 2 == 0,
               "findings": [{"id": "missing", "level": "error", "message": "Add it.",
                             "location": None}] * i} for i in range(5)]
    text = dumps(report)
    assert json.loads(text) == report
    assert text == json.dumps(report, indent=2, ensure_ascii=False)
