"""Bad indicator input: one line naming the file (and row), exit status 2, nothing written; what can
be skipped is a warning, which --strict turns into an error.

Decided: an area that is in none of the indicator files is an error (a typo, or a name given for a
code: the message suggests the code); an area missing from one file that tracks a measure is a
warning (indicator-area-missing), and the measures it tracks show "no data".
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLE
from helpers import CliResult, run_cli
from indicator_fixtures import NORTHMERE_AREA, NORTHMERE_DATA


def _build(tmp_path: Path, *args: str, corpus: Path = EXAMPLE) -> CliResult:
    return run_cli("build", corpus, "--out", tmp_path / "out", *args, columns=160, env={"PATH": ""})


def _data(tmp_path: Path) -> Path:
    folder = tmp_path / "indicators"
    shutil.copytree(NORTHMERE_DATA, folder)
    return folder


def _error_line(done: CliResult) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


def test_an_area_in_no_file_is_an_error_suggesting_the_code(tmp_path):
    line = _error_line(_build(tmp_path, "--indicators", str(NORTHMERE_DATA), "--area", "X0000001"))
    assert line == (f"error: {NORTHMERE_DATA}: area 'X0000001' is in none of the indicator files (5 areas there); "
                    "did you mean X00000001 (Northmere)?")
    by_name = _error_line(_build(tmp_path, "--indicators", str(NORTHMERE_DATA), "--area", "northmere"))
    assert by_name.endswith("did you mean X00000001 (Northmere)?")
    assert not (tmp_path / "out").exists()


def test_area_and_indicators_go_together(tmp_path):
    assert _error_line(_build(tmp_path, "--area", NORTHMERE_AREA)) == (
        "error: --area needs --indicators: the area is whose indicator values are tracked")
    assert _error_line(_build(tmp_path, "--indicators", str(NORTHMERE_DATA))) == (
        "error: --indicators needs the area the plans are about: --area CODE, or area = \"CODE\" in the corpus's "
        "goldenthread.toml")


def test_the_area_can_come_from_the_manifest(tmp_path):
    corpus = tmp_path / "northmere"
    shutil.copytree(EXAMPLE, corpus)
    manifest = corpus / "goldenthread.toml"
    manifest.write_text(f'area = "{NORTHMERE_AREA}"\n' + manifest.read_text(encoding="utf-8"), encoding="utf-8")
    done = _build(tmp_path, "--indicators", str(NORTHMERE_DATA), corpus=corpus)
    assert done.returncode == 0, done.stderr
    assert '"code": "X00000001"' in (tmp_path / "out" / "graph.json").read_text(encoding="utf-8")


def test_an_unreadable_period_names_file_and_row_and_writes_nothing(tmp_path):
    data = _data(tmp_path)
    rates = data / "employment-rate.csv"
    lines = rates.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("Apr 2023-Mar 2024", "Spring 2024")
    rates.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.json").write_text("the previous build\n", encoding="utf-8")
    line = _error_line(_build(tmp_path, "--indicators", str(data), "--area", NORTHMERE_AREA))
    assert line.startswith(f"error: {rates}:3: period 'Spring 2024' not understood")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph.json"]
    assert (tmp_path / "out" / "graph.json").read_text(encoding="utf-8") == "the previous build\n"


def test_reader_warnings_are_build_warnings_and_strict_refuses_them(tmp_path):
    data = _data(tmp_path)
    homes = data / "affordable-homes.csv"
    homes.write_text(homes.read_text(encoding="utf-8") + "Source: made up\n", encoding="utf-8")
    done = _build(tmp_path, "--indicators", str(data), "--area", NORTHMERE_AREA)
    assert done.returncode == 0
    assert f"warning: {homes}:14: 1 cells where the header has 4: row skipped [indicator-row-skipped]" in done.stderr
    assert done.stdout.rstrip().endswith("1 warning(s))")
    strict = _build(tmp_path / "strict", "--indicators", str(data), "--area", NORTHMERE_AREA, "--strict")
    assert strict.returncode == 2
    assert strict.stderr.splitlines()[-1] == "error: 1 warning(s) and --strict: nothing written"
    assert not (tmp_path / "strict" / "out").exists()


def test_an_area_missing_from_a_tracked_indicator_is_a_warning(tmp_path):
    data = _data(tmp_path)
    rates = data / "employment-rate.csv"
    kept = [line for line in rates.read_text(encoding="utf-8").splitlines() if not line.startswith(NORTHMERE_AREA)]
    rates.write_text("\n".join(kept) + "\n", encoding="utf-8")
    done = _build(tmp_path, "--indicators", str(data), "--area", NORTHMERE_AREA)
    assert done.returncode == 0, done.stderr
    assert (f"warning: {rates}: no value for X00000001 of 'Employment rate - aged 16-64': 1 measure(s) it tracks "
            "show no data (Employment rate of residents aged 16-64) [indicator-area-missing]") in done.stderr
    assert '"status": "no data"' in (tmp_path / "out" / "graph.json").read_text(encoding="utf-8")


def test_comparator_groups_that_do_not_list_the_area(tmp_path):
    data = _data(tmp_path)
    (data / "other-neighbours.csv").write_text("area_code,area_name\nX00000003,Hallam Vale\n", encoding="utf-8")
    done = _build(tmp_path, "--indicators", str(data), "--area", NORTHMERE_AREA)
    assert done.returncode == 0, done.stderr
    assert (f"warning: {data}: 2 comparator groups (nearest-neighbours, other-neighbours) and none lists "
            "X00000001: no comparator group used [indicator-comparators-unclear]") in done.stderr
