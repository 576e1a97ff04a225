"""Generate N benchmark case files by varying the shipped examples.

Usage: ``python bench/make_cases.py DIR [--n 1000] [--seed 17] [--no-validate]``

Every case gets its own reference (so its own output file names) and requester, and the
cases with answered parts get a different subset, order and mix of parts: parts borrowed from
other examples, extra ``disclosed`` and ``not_held`` parts, refusals turned into partial
disclosures. Whole-request refusals (s12, s14) get one to three request parts. The examples
are used in turn, so the mix of letter kinds (including the council's letterhead) stays the
same for any N.

Layout (``authority:`` paths must stay inside the case file's folder):

    DIR/nested/case-00000.yaml    authority: authorities/<name>.yaml
    DIR/nested/authorities/       a copy of examples/authorities/
    DIR/flat/case-00001.yaml      authority: <name>.yaml (the profile sits next to the case)
    DIR/flat/<name>.yaml, ...     the profiles and the letterhead

With validation (the default) each generated case is drafted once in-process (no output);
a variant that fails drafter's legal validation is replaced by the plain variant of its
example (new reference and requester only), so every case renders. ``DIR/manifest.json``
lists the cases, the example each came from and whether it was mixed.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# A fixed "today" so that letters do not change from day to day (the CLI uses the real date).
TODAY = dt.date(2025, 11, 3)

_NAMES = [
    ("Jordan Blake", "jordan.blake@example.org"),
    ("Aisha Rahman", "a.rahman@example.net"),
    ("Tomasz Nowak", "t.nowak@example.com"),
    ("Grace O'Neill", "grace.oneill@example.org"),
    ("Dr Ifeoma Chukwu", "i.chukwu@example.ac.uk"),
    ("Sam Rivers", "sam.rivers@example.net"),
    ("Mei Lin", "mei.lin@example.com"),
    ("Owain Price", "owain.price@example.cymru"),
]
_STREETS = ["1 High Street", "22 Mill Lane", "Flat 3, 9 Station Road", "The Old Forge"]
_TOWNS = [("Exampletown", "EX1 1AA"), ("Westbury", "WS2 8QT"), ("Northbridge", "NB4 7LR")]

_EXTRA_REQUESTS = [
    "How many requests for information did you receive in each of the last three years?",
    "Please provide any internal guidance used when answering such requests.",
    "What is the name of the team responsible for this work, and how many staff does it have?",
]
_DISCLOSED = [
    "the figures for each year are in the table enclosed with this letter.",
    "a copy of the guidance is enclosed.",
    "the team is the Information Governance Team, which has six full-time staff.",
]
_NOT_HELD = [
    "We do not hold this information. The figures are not recorded centrally, and no "
    "report containing them has been produced.",
    "We do not hold a document of this kind. The matter is handled case by case and no "
    "written guidance has been issued.",
]


@dataclass
class Generated:
    """One generated case: where it is and what it was made from."""

    path: str
    example: str
    mixed: bool
    parts: int
    letterhead: bool


def load_examples() -> dict[str, dict[str, Any]]:
    """The example cases, by file stem (anchors expanded)."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if isinstance(data, dict):
            out[path.stem] = data
    return out


def _letterhead_authorities() -> set[str]:
    names = set()
    for path in (EXAMPLES / "authorities").glob("*.yaml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if isinstance(data, dict) and data.get("letterhead"):
            names.add(path.name)
    return names


def _part_pool(examples: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Answered parts that can be lent to other cases (no NCND: it must not be mixed)."""
    pool = []
    for stem, case in examples.items():
        if case.get("pit_extension"):
            continue
        for part in case.get("parts", []):
            if part.get("outcome") in ("accessible", "refused", "part_disclosed"):
                pool.append((stem, part))
    return pool


def _requester(rng: random.Random) -> dict[str, Any]:
    name, email = rng.choice(_NAMES)
    kind = rng.random()
    if kind < 0.15:
        return {"email": email}  # anonymous
    out: dict[str, Any] = {"name": name, "email": email}
    if kind > 0.6:
        town, postcode = rng.choice(_TOWNS)
        out["address"] = [rng.choice(_STREETS), town, postcode]
    return out


def plain_variant(base: dict[str, Any], i: int, rng: random.Random) -> dict[str, Any]:
    """The example with its own reference and requester only."""
    case = copy.deepcopy(base)
    case["reference"] = f"{base['reference']}-B{i:05d}"
    case["requester"] = _requester(rng)
    return case


def mixed_variant(base: dict[str, Any], i: int, rng: random.Random,
                  pool: list[tuple[str, dict[str, Any]]], stem: str) -> dict[str, Any]:
    """A variant with a different selection, mix and outcome of parts."""
    case = plain_variant(base, i, rng)
    parts: list[dict[str, Any]] = case["parts"]
    whole_request = bool(case.get("cost_limit") or case.get("vexatious"))
    if whole_request:
        extra = rng.randint(0, 2)
        parts = parts[:1] + [{"request": r} for r in rng.sample(_EXTRA_REQUESTS, extra)]
    else:
        if len(parts) > 1 and rng.random() < 0.6:
            keep = sorted(rng.sample(range(len(parts)), rng.randint(1, len(parts))))
            parts = [parts[k] for k in keep]
        for part in parts:
            if (part.get("outcome") == "refused" and rng.random() < 0.3
                    and any(e.get("public_interest") for e in part.get("exemptions", []))):
                part["outcome"] = "part_disclosed"
                part["disclosed"] = "the parts of the information not covered by the " \
                                    "exemption below are enclosed."
        if not case.get("pit_extension"):
            borrowed = [p for s, p in pool if s != stem]
            if borrowed and rng.random() < 0.35:
                parts.append(copy.deepcopy(rng.choice(borrowed)))
            for _ in range(rng.choice((0, 0, 1, 2))):
                k = rng.randrange(len(_EXTRA_REQUESTS))
                if rng.random() < 0.6:
                    parts.append({"request": _EXTRA_REQUESTS[k], "outcome": "disclosed",
                                  "disclosed": _DISCLOSED[k]})
                else:
                    parts.append({"request": _EXTRA_REQUESTS[k], "outcome": "not_held",
                                  "not_held": rng.choice(_NOT_HELD)})
        if rng.random() < 0.2:
            rng.shuffle(parts)
    for n, part in enumerate(parts, 1):
        part["number"] = n
    case["parts"] = parts
    return case


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(case: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.dump(case, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                              width=100), encoding="utf-8")


def _layout(out: Path) -> tuple[Path, Path]:
    nested = out / "nested"
    flat = out / "flat"
    shutil.copytree(EXAMPLES / "authorities", nested / "authorities")
    flat.mkdir(parents=True)
    for f in (EXAMPLES / "authorities").iterdir():
        if f.is_file():
            shutil.copy2(f, flat / f.name)
    return nested, flat


def make_validator() -> Callable[[Path], bool]:
    """A function that drafts one case in-process (no output) and says if it is valid."""
    from drafter.draft.pipeline import render_case
    from drafter.errors import DrafterError
    from drafter.library.load import load_library
    from drafter.library.templating import make_environment

    lib = load_library()
    env = make_environment([])

    def ok(path: Path) -> bool:
        try:
            render_case(path, lib=lib, env=env, out_dir=path.parent, formats=(), today=TODAY)
        except DrafterError:
            return False
        return True

    return ok


def make_cases(out: Path, n: int, *, seed: int = 17, validate: bool = True) -> list[Generated]:
    """Write ``n`` cases under ``out`` (which must not exist or be empty); return them."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    examples = load_examples()
    stems = sorted(examples)
    pool = _part_pool(examples)
    letterheads = _letterhead_authorities()
    nested, flat = _layout(out)
    validator = make_validator() if validate else None
    rng = random.Random(seed)
    generated: list[Generated] = []
    # Case 0 is the police NCND letter (six parts, no letterhead): the "one case" timed alone.
    order = ["police-ncnd-software"] + [s for s in stems if s != "police-ncnd-software"]
    for i in range(n):
        stem = order[i % len(order)]
        base = examples[stem]
        folder = nested if i % 2 == 0 else flat
        authority = Path(str(base["authority"])).name
        # the first case of each example is its plain variant (timed on its own in run.py)
        mixed = i >= len(order) and rng.random() < 0.75
        case = mixed_variant(base, i, rng, pool, stem) if mixed else plain_variant(base, i, rng)
        case["authority"] = f"authorities/{authority}" if folder is nested else authority
        path = folder / f"case-{i:05d}.yaml"
        _dump(case, path)
        if mixed and validator is not None and not validator(path):
            mixed = False
            case = plain_variant(base, i, rng)
            case["authority"] = f"authorities/{authority}" if folder is nested else authority
            _dump(case, path)
            if not validator(path):
                raise SystemExit(f"{path}: the plain variant of {stem} does not validate")
        generated.append(Generated(str(path), stem, mixed, len(case["parts"]),
                                   authority in letterheads))
    manifest = {"n": n, "seed": seed, "validated": validate,
                "cases": [asdict(g) for g in generated]}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return generated


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--no-validate", action="store_true")
    args = ap.parse_args(argv)
    cases = make_cases(args.dir, args.n, seed=args.seed, validate=not args.no_validate)
    mixed = sum(c.mixed for c in cases)
    print(f"wrote {len(cases)} cases to {args.dir} ({mixed} mixed, {len(cases) - mixed} plain)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
