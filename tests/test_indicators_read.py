"""Indicator data read from CSV files (loaders/indicators): the real Trafford Data Lab files, the
Northmere example, every error and warning on small files written here, missing markers, and
the direction a measure's wording asks for."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, require

from goldenthread.core.errors import LoadError
from goldenthread.loaders.diagnostics import Diagnostics
from goldenthread.loaders.indicators import (
    IndicatorData,
    desired_direction,
    parse_period,
    parse_value,
    read_indicators,
)
from goldenthread.loaders.indicators.read import academic_indicator

TRAFFORD = Path(__file__).resolve().parents[2] / "shared" / "data" / "indicators" / "trafford-data-lab"
NORTHMERE = ROOT / "examples" / "northmere-indicators"
STOCKPORT = "E08000007"
CLAIMANT_RATE = "Claimants as a proportion of residents aged 16-64"
HEADER = "area_code,area_name,period,indicator,measure,unit,value\n"


@pytest.fixture(scope="module")
def trafford() -> IndicatorData:
    require(TRAFFORD.is_dir(), f"Trafford Data Lab indicator files ({TRAFFORD})")
    return read_indicators(TRAFFORD)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(source: object, **kwargs: object) -> str:
    with pytest.raises(LoadError) as info:
        read_indicators(source, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert "\n" not in message
    return message


# -- the real files ---------------------------------------------------------------------------

def test_every_real_file_read_without_warnings(trafford: IndicatorData) -> None:
    per_file: dict[str, int] = {}
    stockport: dict[str, int] = {}
    for o in trafford.observations:
        per_file[o.file] = per_file.get(o.file, 0) + 1
        if o.area_code == STOCKPORT:
            stockport[o.file] = stockport.get(o.file, 0) + 1
    assert per_file == {"children_poverty.csv": 189, "claimant_count.csv": 1300, "employment_rate.csv": 204,
                        "healthy_life_expectancy.csv": 4308, "neet.csv": 204, "school_readiness.csv": 48}
    assert stockport == {"children_poverty.csv": 14, "claimant_count.csv": 74, "employment_rate.csv": 12,
                         "healthy_life_expectancy.csv": 18, "neet.csv": 12, "school_readiness.csv": 4}
    assert trafford.warnings == []


def test_comparator_group(trafford: IndicatorData) -> None:
    assert list(trafford.comparators) == ["cipfa2021"]
    group = trafford.comparators["cipfa2021"]
    assert len(group) == 15 and STOCKPORT in group
    assert group[:3] == ["E06000030", "E06000007", "E06000042"]  # file order
    assert not any(o.file == "cipfa2021.csv" for o in trafford.observations)


def test_stockport_claimant_count(trafford: IndicatorData) -> None:
    latest = trafford.latest(area_code=STOCKPORT, indicator=CLAIMANT_RATE)
    assert latest is not None
    assert (latest.period.label, latest.value, latest.file, latest.row) == ("April 2024", 3.2, "claimant_count.csv",
                                                                            1239)
    assert (latest.period.start, latest.period.end) == (date(2024, 4, 1), date(2024, 4, 30))
    assert (latest.measure, latest.unit, latest.area_name) == ("Percentage", "Persons", "Stockport")  # "units"
    series = trafford.select(area_code=STOCKPORT, indicator=CLAIMANT_RATE)
    assert len(series) == 37 and series[0].period.label == "April 2021" and series[0].value == 5.8
    count = trafford.latest(area_code=STOCKPORT, indicator="Claimant count")
    assert count is not None and (count.value, count.measure) == (5725, "Count")


def test_columns_in_another_order(trafford: IndicatorData) -> None:
    latest = trafford.latest(area_code=STOCKPORT, indicator="Employment rate - aged 16-64")
    assert latest is not None
    assert (latest.period.label, latest.period.granularity, latest.value, latest.row) == (
        "Jan 2023-Dec 2023", "rolling_12_months", 75.2, 195)


def test_inequality_column_is_the_sex_breakdown(trafford: IndicatorData) -> None:
    hle = trafford.select(area_code=STOCKPORT, indicator="Healthy life expectancy at birth")
    assert {o.breakdowns["sex"] for o in hle} == {"Male", "Female"}
    female = trafford.latest(area_code=STOCKPORT, indicator="Healthy life expectancy at birth",
                             breakdowns={"sex": "Female"})
    male = trafford.latest(area_code=STOCKPORT, indicator="Healthy life expectancy at birth",
                           breakdowns={"sex": "Male"})
    assert female is not None and male is not None
    assert (female.period.label, female.value, female.row) == ("2018 - 20", 62.2, 4247)
    assert (male.period.label, male.value, male.row) == ("2018 - 20", 65.1, 4119)
    assert (male.period.start, male.period.end) == (date(2018, 1, 1), date(2020, 12, 31))
    assert male.attributes == {"area_type": "UA", "compared_to_England": "Similar"}
    missing = [o for o in trafford.observations if o.value is None]
    assert len(missing) == 2046
    assert {(o.file, o.marker, o.missing_reason) for o in missing} == {
        ("healthy_life_expectancy.csv", "NA", "not available")}


def test_school_indicators_read_academic_years(trafford: IndicatorData) -> None:
    ready = trafford.select(area_code=STOCKPORT, measure="Percentage")
    school = [o for o in ready if o.file == "school_readiness.csv"]
    assert {(o.period.label, o.period.start, o.period.end, o.period.granularity) for o in school} == {
        ("2021/22", date(2021, 9, 1), date(2022, 8, 31), "academic_year"),
        ("2022/23", date(2022, 9, 1), date(2023, 8, 31), "academic_year")}
    assert [o.value for o in school if o.indicator.startswith("School readiness:")] == [65.5, 67.6]
    poverty = [o for o in ready if o.file == "children_poverty.csv"]
    assert {o.period.granularity for o in poverty} == {"financial_year"}
    assert poverty[-1].period.label == "2022/23" and poverty[-1].period.start == date(2022, 4, 1)


GRANULARITIES = {
    "claimant_count.csv": {"month"}, "employment_rate.csv": {"rolling_12_months"},
    "healthy_life_expectancy.csv": {"multi_year"}, "children_poverty.csv": {"financial_year"},
    "school_readiness.csv": {"academic_year"}, "neet.csv": {"academic_year", "calendar_year"},
}


@pytest.mark.parametrize("name", sorted(GRANULARITIES))
def test_every_period_in_every_file_parses(name: str, trafford: IndicatorData) -> None:
    with (TRAFFORD / name).open(newline="", encoding="utf-8") as f:
        written = {row["period"] for row in csv.DictReader(f)}
    for label in written:
        parse_period(label)  # each parses with no hint
    read = {o.period.label: o.period for o in trafford.observations if o.file == name}
    assert set(read) == written
    assert {p.granularity for p in read.values()} == GRANULARITIES[name]
    assert all(p.start <= p.end for p in read.values())


def test_academic_wording() -> None:
    assert academic_indicator("School readiness: percentage of children achieving a good level of development")
    assert academic_indicator("16-17 year olds not in education, employment or training (NEET)")
    assert not academic_indicator("Children in relative low income families (under 16s)")
    assert not academic_indicator("Claimant count")


# -- the Northmere example ----------------------------------------------------------------------

def test_northmere_example() -> None:
    data = read_indicators(NORTHMERE)
    assert data.warnings == []
    assert len(data.observations) == 47  # 40 of the four areas, 7 of England
    assert data.comparators == {"nearest-neighbours": ["X00000002", "X00000003", "X00000004"]}
    employment = data.latest(area_code="X00000001", indicator="Employment rate - aged 16-64")
    assert employment is not None and (employment.period.label, employment.value) == ("Apr 2024-Mar 2025", 75.6)
    homes = data.select(area_code="X00000001", indicator="Affordable homes completed")  # through indicators.toml
    assert [(o.period.label, o.period.granularity, o.value, o.measure, o.unit) for o in homes] == [
        ("2022/23", "financial_year", 212, "Count", "Homes"), ("2023/24", "financial_year", 248, "Count", "Homes"),
        ("2024/25", "financial_year", 301, "Count", "Homes")]
    suppressed = [o for o in data.observations if o.value is None]
    assert [(o.area_name, o.breakdowns, o.marker, o.missing_reason, o.period.granularity) for o in suppressed] == [
        ("Saltby", {"sex": "Male"}, "c", "suppressed", "academic_year")]


# -- fatal problems: one line naming file and row -------------------------------------------------

def test_no_recognisable_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.csv", "foo,bar\n1,2\n")
    message = load_error(path)
    assert message.startswith(f"{path}:1: no recognisable columns (found 'foo', 'bar')")


def test_missing_period_column(tmp_path: Path) -> None:
    path = write(tmp_path, "noperiod.csv", "area_code,indicator,value\nE08000007,Claimant count,5\n")
    message = load_error(path)
    assert message.startswith(f"{path}:1: no period column (expected a header such as ")
    assert 'columns = { period = "…" }' in message


def test_missing_indicator_column_can_be_given_for_the_file(tmp_path: Path) -> None:
    write(tmp_path, "rate.csv", "area_code,period,value\nE08000007,2019,5\n")
    assert "no indicator column" in load_error(tmp_path)
    write(tmp_path, "indicators.toml", '[files."rate.csv"]\nindicator = "Rate"\n')
    data = read_indicators(tmp_path)
    assert [(o.indicator, o.value) for o in data.observations] == [("Rate", 5.0)]


def test_unparseable_period(tmp_path: Path) -> None:
    path = write(tmp_path, "periods.csv", HEADER + "E08000007,Stockport,March 2020,Claimant count,Count,Persons,5\n"
                                                   "E08000007,Stockport,Spring 2020,Claimant count,Count,Persons,6\n")
    assert load_error(path) == (f"{path}:3: period 'Spring 2020' not understood (expected e.g. 'March 2020', "
                                "'2016/17', '2010 - 12', 'Jul 2010-Jun 2011', '2019 Q3', '2019', '2020-03-31')")


def test_duplicate_observation_with_another_value(tmp_path: Path) -> None:
    path = write(tmp_path, "dup.csv", HEADER + "E08000007,Stockport,March 2020,Claimant count,Count,Persons,4\n"
                                               "E08000007,Stockport,April 2020,Claimant count,Count,Persons,5\n"
                                               "E08000007,Stockport,Mar 2020,Claimant count,Count,Persons,5\n")
    assert load_error(path) == (
        f"{path}:4: a second value for E08000007 'Claimant count' (Count, Persons) Mar 2020: 5 here, 4 in row 2; "
        "if a column tells them apart, name it under breakdowns in indicators.toml")


def test_duplicate_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", HEADER + "E08000007,Stockport,2019,Rate,Percentage,Persons,1.5\n")
    b = write(tmp_path, "b.csv", HEADER + "E08000007,Stockport,2019,Rate,Percentage,Persons,x\n")
    assert load_error(tmp_path).startswith(
        f"{b}:2: a second value for E08000007 'Rate' (Percentage, Persons) 2019: 'x' (not available) here, 1.5 in "
        "a.csv:2;")


def test_breakdowns_tell_observations_apart(tmp_path: Path) -> None:
    path = write(tmp_path, "sex.csv", "area_code,period,indicator,sex,value\n"
                                      "E08000007,2019,Rate,Female,1\nE08000007,2019,Rate,Male,2\n"
                                      "E08000007,2019,Rate,Male,3\n")
    assert "a second value for E08000007 'Rate' 2019 [sex=Male]: 3 here, 2 in row 3" in load_error(path)


def test_two_columns_for_one_role(tmp_path: Path) -> None:
    path = write(tmp_path, "units.csv", "area_code,period,indicator,unit,units,value\nE08000007,2019,Rate,a,b,1\n")
    assert load_error(path) == (f"{path}:1: columns 'unit' and 'units' both read as unit; say which in "
                                'indicators.toml (columns = { unit = "…" })')


def test_empty_file_and_empty_folder(tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.csv", "")
    assert load_error(empty) == f"{empty}: empty file: expected a header row (area_code, period, value…)"
    folder = tmp_path / "none"
    folder.mkdir()
    write(folder, "notes.txt", "not a csv")
    assert load_error(folder) == f"{folder}: no CSV files in the indicator folder"
    assert load_error(tmp_path / "missing") == f"{tmp_path / 'missing'}: indicator file or folder not found"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes((HEADER + "E08000007,Stockport,2019,Spend \u00a3,Count,Pounds,1\n").encode("cp1252"))
    assert load_error(path).startswith(f"{path}:2: not valid UTF-8 text, which looks like Windows-1252")


# -- warnings: a row left out, or a column kept aside ------------------------------------------------

def test_warnings_for_rows_that_can_be_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "rows.csv", HEADER +
                 "E08000007,Stockport,2019,Rate,Percentage,Persons,1.5\n"      # 2 read
                 "E08000007,Stockport,2020,Rate,Percentage,Persons,abc\n"      # 3 value unreadable
                 "E08000007,Stockport,2021,Rate,Percentage,Persons\n"          # 4 a cell short
                 ",Stockport,2022,Rate,Percentage,Persons,1\n"                 # 5 no area code
                 "E08000007,Stockport,2019,Rate,Percentage,Persons,1.5\n"      # 6 repeats row 2
                 "\n"                                                          # 7 blank line: nothing to say
                 "Source: ONS,,,,,,\n")                                        # 8 a footnote
    collector = Diagnostics()
    data = read_indicators(path, warnings=collector)
    assert [o.row for o in data.observations] == [2]
    assert [str(w) for w in data.warnings] == [
        f"{path}:3: value 'abc' is neither a number nor a known missing marker (x, .., c, :, -, NA, z, <5, blank): "
        "row skipped [indicator-value-unreadable]",
        f"{path}:4: 6 cells where the header has 7: row skipped [indicator-row-skipped]",
        f"{path}:5: no area code: row skipped [indicator-row-skipped]",
        f"{path}:6: repeats row 2 (E08000007 'Rate' (Percentage, Persons) 2019): kept once [indicator-row-repeated]",
        f"{path}:8: no period: row skipped [indicator-row-skipped]",
    ]
    assert list(collector) == data.warnings


def test_unknown_column_is_kept_as_an_attribute(tmp_path: Path) -> None:
    path = write(tmp_path, "extra.csv", "area_code,period,indicator,value,Colour,area_type,\n"
                                        "E08000007,2019,Rate,1,blue,UA,\n")
    data = read_indicators(path)
    assert [str(w) for w in data.warnings] == [
        f"{path}:1: column 'Colour' not recognised: kept as attributes, not used to tell observations apart (if one "
        "is a breakdown, name it under breakdowns in indicators.toml) [indicator-column-unknown]"]
    assert data.observations[0].attributes == {"Colour": "blue", "area_type": "UA"}
    assert data.observations[0].breakdowns == {}


def test_header_only(tmp_path: Path) -> None:
    path = write(tmp_path, "header.csv", HEADER)
    data = read_indicators(path)
    assert data.observations == []
    assert [str(w) for w in data.warnings] == [f"{path}:1: a header and no rows: nothing read [indicator-file-empty]"]


# -- what the reader recognises -------------------------------------------------------------------------

def test_header_synonyms_and_markers(tmp_path: Path) -> None:
    path = write(tmp_path, "synonyms.csv",
                 "\ufeffGeography Code,Area,Time period,Indicator Name,Units,Gender,Age group,OBS_VALUE\n"
                 "E08000007,Stockport,2019/20,Rate,%,Female,16-64,\"1,234.5\"\n"
                 "E08000007,Stockport,2020/21,Rate,%,Female,16-64,x\n"
                 "E08000007,Stockport,2021/22,Rate,%,Female,16-64,..\n"
                 "E08000007,Stockport,2022/23,Rate,%,Female,16-64,c\n"
                 "E08000007,Stockport,2023/24,Rate,%,Female,16-64,:\n"
                 "E08000007,Stockport,2024/25,Rate,%,Female,16-64,-\n"
                 "E08000007,Stockport,2025/26,Rate,%,Female,16-64,\n"
                 "E08000007,Stockport,2026/27,Rate,%,Female,16-64,[z]\n")
    data = read_indicators(path)
    assert data.warnings == []
    first = data.observations[0]
    assert (first.area_code, first.area_name, first.indicator, first.unit, first.measure, first.value) == (
        "E08000007", "Stockport", "Rate", "%", None, 1234.5)
    assert first.breakdowns == {"sex": "Female", "age": "16-64"}
    assert [(o.marker, o.missing_reason) for o in data.observations[1:]] == [
        ("x", "not available"), ("..", "not available"), ("c", "suppressed"), (":", "not available"),
        ("-", "not available"), ("", "blank"), ("[z]", "not applicable")]


def test_inequality_column_that_is_not_sex(tmp_path: Path) -> None:
    path = write(tmp_path, "imd.csv", "area_code,period,indicator,value,inequality\n"
                                      "E08000007,2019,Rate,1,Most deprived decile\nE08000007,2019,Rate,2,Persons\n")
    assert [o.breakdowns for o in read_indicators(path).observations] == [
        {"inequality": "Most deprived decile"}, {"inequality": "Persons"}]


def test_iso_month_file(tmp_path: Path) -> None:
    path = write(tmp_path, "months.csv", "area_code,period,indicator,value\n" + "".join(
        f"E08000007,{p},Rate,1\n" for p in ("2011-10", "2011-11", "2011-12", "2012-01")))
    periods = [o.period for o in read_indicators(path).observations]
    assert {p.granularity for p in periods} == {"month"}
    assert periods[2].start == date(2011, 12, 1)  # not the financial year 2011/12


def test_comparator_file_with_group_column(tmp_path: Path) -> None:
    path = write(tmp_path, "groups.csv", "Group,Area Code,Area Name\nCIPFA,E08000007,Stockport\nCIPFA,E08000002,Bury\n"
                                         "Statistical,E08000007,Stockport\nCIPFA,E08000007,Stockport\n")
    data = read_indicators(path)
    assert data.comparators == {"CIPFA": ["E08000007", "E08000002"], "Statistical": ["E08000007"]}
    assert [w.code for w in data.warnings] == ["indicator-row-repeated"]
    assert data.warnings[0].line == 5


def test_mapping_file(tmp_path: Path) -> None:
    write(tmp_path, "neet.csv", "LA,Year,Percentage,Gender,Notes\nE08000007,2016/17,2.3,Female,provisional\n")
    write(tmp_path, "peers.csv", "area_code,area_name\nE08000002,Bury\n")
    write(tmp_path, "ignored.csv", "whatever\n1\n")
    write(tmp_path, "indicators.toml", """
[files."neet.csv"]
columns = { area_code = "LA", value = "Percentage" }
breakdowns = { sex = "Gender" }
period_kind = "academic"
indicator = "NEET"
unit = "Persons"

[files."peers.csv"]
kind = "comparators"
group = "CIPFA nearest neighbours"

[files."ignored.csv"]
kind = "ignore"
""")
    data = read_indicators(tmp_path)
    assert data.warnings == []
    (neet,) = data.observations
    assert (neet.indicator, neet.value, neet.unit, neet.breakdowns, neet.attributes) == (
        "NEET", 2.3, "Persons", {"sex": "Female"}, {"Notes": "provisional"})
    assert (neet.period.start, neet.period.granularity) == (date(2016, 9, 1), "academic_year")
    assert data.comparators == {"CIPFA nearest neighbours": ["E08000002"]}


@pytest.mark.parametrize(("toml", "line", "message"), [
    ('[files."a.csv"]\ncolumns = { value = "Rate" }\n', 2, "column 'Rate' (value) is not in a.csv"),
    ('[files."a.csv"]\n\nperiod_kind = "fiscal"\n', 3, "files.a.csv.period_kind: Input should be 'financial', "
                                                       "'academic' or 'month'"),
    ('[files."a.csv"]\ncolour = "blue"\n', 2, "unknown key 'files.a.csv.colour' in indicator mapping"),
    ('[files."a.csv"]\ncolumns = { valeu = "x" }\n', 2, "unknown role 'valeu' in files.a.csv.columns (roles: "
                                                         "area_code, area_name, period, indicator, measure, unit, "
                                                         "value)"),
    ('\n[files."missing.csv"]\nkind = "ignore"\n', 2, "file 'missing.csv' not found beside the mapping"),
    ('[files."a.csv"\n', 1, "invalid TOML"),
    ('# comment\nfile = "a.csv"\n', 2, "unknown key 'file' in indicator mapping"),
])
def test_mapping_errors_name_the_line(tmp_path: Path, toml: str, line: int, message: str) -> None:
    write(tmp_path, "a.csv", HEADER + "E08000007,Stockport,2019,Rate,Percentage,Persons,1\n")
    mapping = write(tmp_path, "indicators.toml", toml)
    assert load_error(tmp_path).startswith(f"{mapping}:{line}: {message}")


def test_list_of_files_with_explicit_mapping(tmp_path: Path) -> None:
    a = write(tmp_path, "a.csv", "Code,Period,Rate\nE08000007,2019,1\n")
    mapping = write(tmp_path, "my-mapping.toml", '[files."a.csv"]\ncolumns = { value = "Rate" }\nindicator = "R"\n')
    assert "no value column" in load_error([a])
    data = read_indicators([a], mapping=mapping)
    assert [(o.area_code, o.value) for o in data.observations] == [("E08000007", 1.0)]


@pytest.mark.parametrize(("text", "expected"), [
    ("12", (12.0, None)), ("-3.5", (-3.5, None)), ("1e3", (1000.0, None)), ("12,345", (12345.0, None)),
    ("12.5%", (12.5, None)), ("\u22123", (-3.0, None)), (" 7 ", (7.0, None)),
    ("", (None, "blank")), ("  ", (None, "blank")), ("x", (None, "not available")), ("[x]", (None, "not available")),
    ("..", (None, "not available")), (":", (None, "not available")), ("-", (None, "not available")),
    ("NA", (None, "not available")), ("n/a", (None, "not available")), ("c", (None, "suppressed")),
    ("[c]", (None, "suppressed")), ("*", (None, "suppressed")), ("<5", (None, "suppressed")),
    ("< 10", (None, "suppressed")), ("z", (None, "not applicable")),
])
def test_values(text: str, expected: tuple[float | None, str | None]) -> None:
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2", "inf", "1.2.3", "12 %x", "low"])
def test_values_not_understood(text: str) -> None:
    with pytest.raises(ValueError, match="neither a number nor a known missing marker"):
        parse_value(text)


# -- which way a measure wants its indicator to go (labels from the Stockport plans) ------------------

@pytest.mark.parametrize(("label", "direction", "evidence"), [
    ("Reduced unemployment", "down", "Reduced"),
    ("Reduced levels of carbon emissions", "down", "Reduced"),
    ("Increasing the number of children who are 'school ready'", "up", "Increasing"),
    ("Improved healthy life expectancy", "up", "Improved"),
    ("Reduce the widening gap in healthy life expectancy between our…", "down", "Reduce"),
    ("reduce the gap", "down", "reduce"),
    ("Reduced not in employment, education or training", "down", "Reduced"),
    ("Fewer homeless people", "down", "Fewer"),
    ("Ensure more young people are 'work ready' and sufficiently equipped…", "up", "more"),
    ("Improvement in the levels of happiness, mental health and emotional…", "up", "Improvement"),
    ("Raised attainment levels for all Stockport children and young people…", "up", "Raised"),
    ("Increase in business start-ups and/or relocation", "up", "Increase"),
    ("More new jobs created and increased employment opportunities for all…", "up", "More, increased"),
    ("Reduced crime and antisocial behaviour", "down", "Reduced"),
    ("Increase the number of people with lower incomes", "up", "Increase"),
    ("Carbon emissions reduced by half", "down", "reduced"),
    ("Tackle child poverty", "down", "Tackle"),
    ("We will cut waste", "down", "cut"),
    ("A 50% reduction in rough sleeping", "down", "reduction"),
])
def test_direction(label: str, direction: str, evidence: str) -> None:
    found = desired_direction(label)
    assert (found.direction, found.evidence) == (direction, evidence)


@pytest.mark.parametrize("label", [
    "Numbers of children in care",
    "Number of people reporting that they feel safe and levels…",
    "Footfall and occupancy rates in our town and district centres",
    "Children school-ready and young people prepared for adulthood",
    "Early intervention and prevention keeps people independent for as long…",
])
def test_no_direction(label: str) -> None:
    found = desired_direction(label)
    assert found.direction is None and found.evidence.startswith("no direction word")
    assert found.towards("anything") is None


def test_mixed_direction_picks_the_clause_about_an_indicator() -> None:
    found = desired_direction("Reduced waste and increased recycling")
    assert found.direction is None
    assert found.evidence == "mixed: 'Reduced' (down: waste), 'increased' (up: recycling)"
    assert found.towards("Residual household waste per household") == "down"
    assert found.towards("Recycling rate") == "up"
    assert found.towards("Household waste sent for recycling") is None  # both: undecided
    hle = desired_direction("Reducing premature mortality rates and increasing healthy life expectancy, "
                            "particularly…")
    assert hle.towards("Healthy life expectancy at birth") == "up"
    assert hle.towards("Under 75 mortality rate from all causes") == "down"
    assert desired_direction("Reduced unemployment").towards("Claimant count") == "down"
