"""The template environment: data is never markup, never evaluated; sandbox holds."""

from __future__ import annotations

import pytest
from jinja2.sandbox import SandboxedEnvironment

from drafter.document import Link, Paragraph, Quote, Text
from drafter.draft.markup import parse
from drafter.errors import Problem, TemplateError
from drafter.library.templating import Slots, make_environment, render_clause

HOSTILE = ["{{ 7*7 }}", "{% for x in y %}{% endfor %}", "# heading", "**bold** *em*",
           "[x](javascript:alert(1))", "<script>alert(1)</script>", "| a | b |",
           "::: quote\n:::", "\\*", "مرحبا بالعالم", "שלום", "🙂👍🏽", "line1\n\nline2"]


def _render(source: str, **values: object) -> list[object]:
    env = make_environment()
    slots = Slots()
    text = env.from_string(source).render({**values, "_slots": slots})
    return parse(text, slots)  # type: ignore[return-value]


@pytest.mark.parametrize("value", HOSTILE)
def test_data_is_printed_exactly_in_a_paragraph(value: str) -> None:
    blocks = _render("Before {{ v }} after", v=value)
    assert blocks == [Paragraph((Text(f"Before {value} after"),))]


@pytest.mark.parametrize("value", HOSTILE)
def test_data_is_printed_exactly_in_a_quote(value: str) -> None:
    blocks = _render("::: quote Part 1\n{{ v }}\n:::\n", v=value)
    assert blocks == [Quote(value, "Part 1")]


def test_markup_in_template_is_parsed() -> None:
    blocks = _render("See **this** and [the ICO]({{ url }}).", url="https://ico.org.uk/")
    assert blocks == [Paragraph((Text("See "), Text("this", strong=True), Text(" and "),
                                 Link("the ICO", "https://ico.org.uk/"), Text(".")))]


def test_none_is_an_error_not_a_blank() -> None:
    env = make_environment()
    with pytest.raises(Exception, match="empty value"):
        env.from_string("Dear {{ name }}").render(name=None, _slots=Slots())


def test_undefined_is_an_error() -> None:
    env = make_environment()
    with pytest.raises(Exception, match="undefined"):
        env.from_string("Dear {{ nmae }}").render(_slots=Slots())


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cite.__class__.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{% set x = [].append(1) %}{{ x }}",
])
def test_sandbox_refuses_escape_attempts(source: str) -> None:
    env = make_environment()
    where = Problem("", file="override/harms.yaml", line=3, key="harms[0].text")
    with pytest.raises(TemplateError) as info:
        render_clause(env, source, {"cite": "section 43(2)"}, Slots(), where=where)
    text = str(info.value)
    assert "override/harms.yaml:3" in text


def test_environment_is_sandboxed_and_strict() -> None:
    env = make_environment()
    assert isinstance(env, SandboxedEnvironment)
    assert env.undefined.__name__ == "StrictUndefined"


def test_compiled_clauses_live_and_die_with_their_environment() -> None:
    import gc
    import weakref

    from drafter.errors import Problem
    from drafter.library.templating import compile_clause

    env = make_environment()
    first = compile_clause(env, "A {{ 1 }} clause.", where=Problem("test"))
    assert compile_clause(env, "A {{ 1 }} clause.", where=Problem("test")) is first
    assert compile_clause(make_environment(), "A {{ 1 }} clause.", where=Problem("test")) \
        is not first
    ref = weakref.ref(env)
    del env, first
    gc.collect()
    assert ref() is None
