"""Every example case, rendered, against reviewed expected output (tests/golden/).

The Markdown is compared as it is; the DOCX as a normalised dump (style and text of each
paragraph), because DOCX bytes change with every save. After an intended change, run
``pytest tests/test_golden.py --update-goldens`` and review the diff like code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.draft.pipeline import render_case
from drafter.library.load import load_library
from drafter.library.templating import make_environment
from tests.conftest import EXAMPLES
from tests.helpers.docx_dump import dump_docx

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_example_matches_golden(case: Path, library, tmp_path: Path,
                                request: pytest.FixtureRequest) -> None:
    rendered = render_case(case, lib=library, env=make_environment(), out_dir=tmp_path,
                           today=dt.date(2026, 1, 1))
    assert not rendered.warnings, rendered.warnings
    outputs = {}
    for path, data in rendered.files.items():
        if path.suffix == ".md":
            outputs[f"{case.stem}.md"] = data.decode("utf-8")
        else:
            outputs[f"{case.stem}.docx.txt"] = dump_docx(data)
    update = request.config.getoption("--update-goldens")
    for name, actual in outputs.items():
        expected_path = GOLDEN / name
        if update:
            GOLDEN.mkdir(exist_ok=True)
            expected_path.write_text(actual, encoding="utf-8")
            continue
        assert expected_path.exists(), f"no golden for {name}: run with --update-goldens"
        assert actual == expected_path.read_text(encoding="utf-8"), f"{name} differs"


def test_every_golden_has_a_case() -> None:
    stems = {c.stem for c in CASES}
    for path in GOLDEN.glob("*"):
        assert path.name.split(".")[0] in stems, f"stale golden {path.name}"
