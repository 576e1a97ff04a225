"""The single Jinja2 environment: sandboxed, StrictUndefined, data kept out of markup.

Templates (the letter in ``templates/`` and every clause text in ``clauses/``) produce *letter
markup* (see ``templates/README.md``), which :mod:`drafter.draft.markup` parses into the document
tree. Data never becomes markup: every value a template prints with ``{{ ... }}`` is replaced
by an opaque *slot* token, and the parser puts the original string back as literal text. So a
request containing ``{{ 7*7 }}``, ``# heading`` or ``**`` comes out exactly as written, and
nothing a member of the public wrote is ever evaluated. Only values wrapped in
:class:`markupsafe.Markup` (clause texts already rendered by this module) are spliced in as
markup.

A value that is missing (undefined) or ``None`` is an error, never a blank in a legal letter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    StrictUndefined,
    Template,
    TemplateSyntaxError,
    pass_context,
)
from jinja2 import (
    TemplateError as JinjaTemplateError,
)
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from drafter.errors import Problem, TemplateError
from drafter.infra import cache as user_cache
from drafter.infra.resources import templates_dir
from drafter.library.budget import (
    BudgetedEnvironment,
    OverBudgetError,
    RegularFileLoader,
    budget,
    render_within,
)

SLOT_RE = re.compile("\x00(\\d+)\x00")


class Slots:
    """The data values printed while rendering one letter, in order."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values: list[str] = []

    def token(self, value: str) -> str:
        """Store ``value`` and return the token that stands for it in the markup."""
        self.values.append(value)
        return f"\x00{len(self.values) - 1}\x00"

    def expand(self, text: str) -> str:
        """Replace every token in ``text`` by its value."""
        if "\x00" not in text:  # most pieces of a letter hold no value
            return text
        values = self.values
        return SLOT_RE.sub(lambda m: values[int(m.group(1))], text)


class EmptyValueError(JinjaTemplateError):
    """A template printed ``None``: a field would be blank in the letter."""


@pass_context
def _finalize(ctx: Context, value: Any) -> str:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        raise EmptyValueError("a template printed an empty value (None)")
    slots: Slots = ctx["_slots"]
    if isinstance(value, dt.date):
        value = uk_date(value)
    return slots.token(str(value))


def uk_date(value: dt.date) -> str:
    """``9 April 2025``."""
    return f"{value.day} {value:%B %Y}"


def uk_day_date(value: dt.date) -> str:
    """``Wednesday 9 April 2025``."""
    return f"{value:%A} {uk_date(value)}"


def money(value: float) -> str:
    """``£450`` or ``£512.50``."""
    return f"£{value:,.0f}" if float(value).is_integer() else f"£{value:,.2f}"


def hours(value: float) -> str:
    """``18 hours``, ``1 hour``, ``7.5 hours``."""
    text = f"{value:g}"
    return f"{text} hour" if value == 1 else f"{text} hours"


def join_and(items: Sequence[Any]) -> str:
    """``1, 3 and 4``."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def ucfirst(value: str) -> str:
    """Capitalise the first character only (``capitalize`` would lower-case ``3A``)."""
    return value[:1].upper() + value[1:]


def oneline(value: str) -> str:
    """Fold a text onto one line (for list items); keeps Markup as Markup."""
    folded = " ".join(str(value).split())
    return Markup(folded) if isinstance(value, Markup) else folded


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``part`` or ``parts``."""
    return singular if count == 1 else (many or singular + "s")


FILTERS: dict[str, Callable[..., Any]] = {
    "uk_date": uk_date,
    "uk_day_date": uk_day_date,
    "money": money,
    "hours": hours,
    "join_and": join_and,
    "plural": plural,
    "ucfirst": ucfirst,
    "oneline": oneline,
}


_OPTIONS: dict[str, Any] = {
    "undefined": StrictUndefined,
    "autoescape": False,
    "finalize": _finalize,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    "auto_reload": False,
}


def make_environment(search_path: Sequence[Path] = ()) -> ImmutableSandboxedEnvironment:
    """Build the one environment; ``search_path`` folders are searched before the built-ins.

    Compiled templates are kept in the user's cache (:class:`CompiledTemplates`), checked
    against each template's source, so a changed template is always compiled again.
    """
    loaders = [RegularFileLoader(str(p)) for p in (*search_path, templates_dir())]
    env = BudgetedEnvironment(loader=ChoiceLoader(loaders),
                              bytecode_cache=_compiled_templates(), **_OPTIONS)
    env.filters.update(FILTERS)
    return env


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates in the user's cache (:mod:`drafter.infra.cache`).

    An entry is used only for the very source it was compiled from (Jinja's checksum) by the
    same Jinja, Python, drafter and environment options (the folder's name); one that cannot
    be read is compiled again and one that cannot be written is not kept.
    """

    KEEP_TEMPLATES = 2000
    KEEP_FOLDERS = 4

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._pruned = False

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from its entry, if there is an intact one for this source."""
        import marshal

        data = user_cache.read_entry(self.folder / f"{bucket.key}.jinja", bucket.checksum)
        if data is not None:
            try:
                bucket.code = marshal.loads(data)
            except (EOFError, ValueError, TypeError):
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write ``bucket``'s code to its entry (silently not, if that fails)."""
        import marshal

        if bucket.code is not None:
            user_cache.write_entry(self.folder / f"{bucket.key}.jinja", bucket.checksum,
                                   marshal.dumps(bucket.code))
        if not self._pruned:  # once a process: old clause texts, other drafter versions
            self._pruned = True
            user_cache.prune(self.folder, "*.jinja", self.KEEP_TEMPLATES)
            user_cache.prune(self.folder.parent, "templates-*", self.KEEP_FOLDERS)


def _compiled_templates() -> CompiledTemplates | None:
    import jinja2

    options = sorted((k, getattr(v, "__qualname__", repr(v))) for k, v in _OPTIONS.items())
    stamp = user_cache.digest(f"{jinja2.__version__} {user_cache.source_stamp()} "
                              f"{BudgetedEnvironment.__qualname__} {options}")
    folder = user_cache.subfolder(f"templates-{stamp[:16]}")
    return None if folder is None else CompiledTemplates(folder)


_CLAUSES = "_drafter_compiled_clauses"
"""The attribute of an environment that holds its compiled clause texts, so that they live and
die with it (a module-level table keyed by the environment would keep every one alive: each
compiled template refers back to its environment)."""


Where = Problem | Callable[[], Problem]
"""Where a clause text comes from, for its errors: a problem, or a function that makes it
(making it costs more than rendering most clauses, and is needed only for an error)."""


def compile_clause(env: ImmutableSandboxedEnvironment, source: str, *, where: Where) -> Template:
    """Compile a clause text once per environment; syntax errors name the entry."""
    compiled: dict[str, Template] | None = getattr(env, _CLAUSES, None)
    if compiled is None:
        compiled = {}
        setattr(env, _CLAUSES, compiled)
    tpl = compiled.get(source)
    if tpl is None:
        try:
            tpl = _from_string(env, source)
        except TemplateSyntaxError as exc:
            raise TemplateError([_located(where, f"template syntax error: {exc.message}",
                                          "check the {{ }} and {% %} in this text")]) from None
        compiled[source] = tpl
    return tpl


def _from_string(env: ImmutableSandboxedEnvironment, source: str) -> Template:
    """``env.from_string(source)``, through the environment's bytecode cache when it has one."""
    bcc = env.bytecode_cache
    if bcc is None:
        return env.from_string(source)
    bucket = bcc.get_bucket(env, f"<clause {user_cache.digest(source)}>", None, source)
    code = bucket.code
    if code is None:
        code = env.compile(source)
        bucket.code = code
        bcc.set_bucket(bucket)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def render_clause(env: ImmutableSandboxedEnvironment, source: str, context: Mapping[str, Any],
                  slots: Slots, *, where: Where) -> Markup:
    """Render one clause text (harm, factor, statement...) to markup for the letter."""
    tpl = compile_clause(env, source, where=where)
    try:
        with budget():
            text = render_within(tpl.generate({**context, "_slots": slots}))
    except (RecursionError, OverflowError, MemoryError) as exc:
        raise TemplateError([_located(where, _runaway(exc), "simplify the clause text")]
                            ) from None
    except OverBudgetError as exc:
        raise TemplateError([_located(where, f"stopped: {exc}",
                                      "bound the loops and sizes in the clause text")]
                            ) from None
    except SecurityError as exc:
        raise TemplateError([_located(where, f"refused by the sandbox: {exc}",
                                      "clause texts may only print the documented variables")]
                            ) from None
    except JinjaTemplateError as exc:
        raise TemplateError([_located(where, f"cannot render: {exc.message}",
                                      "use only the variables listed in templates/README.md")]
                            ) from None
    # A clause is one or more paragraphs: single line breaks are wrapping, not structure.
    paras = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return Markup("\n\n".join(p for p in paras if p))


def render_template(env: ImmutableSandboxedEnvironment, name: str, context: Mapping[str, Any],
                    slots: Slots) -> str:
    """Render a letter template by name."""
    try:
        tpl = env.get_template(name)
        with budget():
            return render_within(tpl.generate({**context, "_slots": slots}))
    except (RecursionError, OverflowError, MemoryError) as exc:
        file, line = _template_where(exc)
        raise TemplateError([Problem(_runaway(exc), file=file or name, line=line,
                                     fix="look for a macro, include or extends that calls "
                                         "itself, or a loop over a very large range")]
                            ) from None
    except TemplateSyntaxError as exc:
        raise TemplateError([Problem(f"template syntax error: {exc.message}",
                                     file=exc.filename or name, line=exc.lineno)]) from None
    except OverBudgetError as exc:
        file, line = _template_where(exc)
        raise TemplateError([Problem(f"stopped: {exc}", file=file or name, line=line,
                                     fix="bound the loops and sizes in the template")]
                            ) from None
    except SecurityError as exc:
        raise TemplateError([Problem(f"refused by the sandbox: {exc}", file=name,
                                     fix="templates may not reach Python internals")]) from None
    except JinjaTemplateError as exc:
        line = _template_line(exc)
        raise TemplateError([Problem(f"cannot render: {exc.message}", file=name, line=line,
                                     fix="every value the letter prints must be given")]
                            ) from None


def _runaway(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "the template calls itself without end (a recursive macro, include or extends)"
    if isinstance(exc, MemoryError):
        return "the template makes a value too large for memory"
    return f"the template makes a number too large ({exc})"


def _template_line(exc: BaseException) -> int | None:
    return _template_where(exc)[1]


def _template_where(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file (as its path) and line a traceback passes through."""
    tb = exc.__traceback__
    where: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".jinja")) or name == "<template>":
            where = (None if name == "<template>" else name, tb.tb_lineno)
        tb = tb.tb_next
    return where


def _located(where: Where, message: str, fix: str) -> Problem:
    if not isinstance(where, Problem):
        where = where()
    return Problem(message, file=where.file, line=where.line, key=where.key, fix=fix)
