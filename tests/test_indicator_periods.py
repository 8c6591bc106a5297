"""Periods as indicator files write them (loaders/indicators/periods.py): examples, then properties."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from conftest import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from goldenthread.core.errors import GoldenthreadError
from goldenthread.loaders.indicators import Period, PeriodError, parse_period

D = date


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# -- examples: every format the module docstring lists -------------------------------------

@pytest.mark.parametrize(("text", "granularity", "start", "end"), [
    ("March 2020", "month", D(2020, 3, 1), D(2020, 3, 31)),
    ("Mar 2020", "month", D(2020, 3, 1), D(2020, 3, 31)),
    ("Sept 2020", "month", D(2020, 9, 1), D(2020, 9, 30)),
    ("Feb. 2024", "month", D(2024, 2, 1), D(2024, 2, 29)),
    ("Mar-20", "month", D(2020, 3, 1), D(2020, 3, 31)),
    ("2020 Mar", "month", D(2020, 3, 1), D(2020, 3, 31)),
    ("2020-03", "month", D(2020, 3, 1), D(2020, 3, 31)),
    ("2010-12", "month", D(2010, 12, 1), D(2010, 12, 31)),  # not consecutive: ISO December 2010
    ("2016/17", "financial_year", D(2016, 4, 1), D(2017, 3, 31)),
    ("2016-17", "financial_year", D(2016, 4, 1), D(2017, 3, 31)),
    ("2016/2017", "financial_year", D(2016, 4, 1), D(2017, 3, 31)),
    ("1999/00", "financial_year", D(1999, 4, 1), D(2000, 3, 31)),
    ("2011-12", "financial_year", D(2011, 4, 1), D(2012, 3, 31)),
    ("2010 - 12", "multi_year", D(2010, 1, 1), D(2012, 12, 31)),
    ("2010-2012", "multi_year", D(2010, 1, 1), D(2012, 12, 31)),
    ("2010 to 2012", "multi_year", D(2010, 1, 1), D(2012, 12, 31)),
    ("2010 \u2013 12", "multi_year", D(2010, 1, 1), D(2012, 12, 31)),
    ("2010-14", "multi_year", D(2010, 1, 1), D(2014, 12, 31)),
    ("1998 - 02", "multi_year", D(1998, 1, 1), D(2002, 12, 31)),
    ("2016 - 17", "multi_year", D(2016, 1, 1), D(2017, 12, 31)),  # spaced: calendar years (Fingertips)
    ("2016/17 - 18/19", "multi_year", D(2016, 4, 1), D(2019, 3, 31)),
    ("Jul 2010-Jun 2011", "rolling_12_months", D(2010, 7, 1), D(2011, 6, 30)),
    ("Jan 2012-Dec 2012", "rolling_12_months", D(2012, 1, 1), D(2012, 12, 31)),
    ("July 2010 to June 2011", "rolling_12_months", D(2010, 7, 1), D(2011, 6, 30)),
    ("Oct-Dec 2020", "month_range", D(2020, 10, 1), D(2020, 12, 31)),
    ("Nov-Jan 2021", "month_range", D(2020, 11, 1), D(2021, 1, 31)),
    ("Apr 2020-Sep 2020", "month_range", D(2020, 4, 1), D(2020, 9, 30)),
    ("2019 Q3", "quarter", D(2019, 7, 1), D(2019, 9, 30)),
    ("Q3 2019", "quarter", D(2019, 7, 1), D(2019, 9, 30)),
    ("2019-Q4", "quarter", D(2019, 10, 1), D(2019, 12, 31)),
    ("2019/20 Q1", "quarter", D(2019, 4, 1), D(2019, 6, 30)),
    ("2019/20 Q4", "quarter", D(2020, 1, 1), D(2020, 3, 31)),
    ("Q2 2019-20", "quarter", D(2019, 7, 1), D(2019, 9, 30)),
    ("2019", "calendar_year", D(2019, 1, 1), D(2019, 12, 31)),
    ("2020-03-31", "date", D(2020, 3, 31), D(2020, 3, 31)),
    ("31/03/2020", "date", D(2020, 3, 31), D(2020, 3, 31)),
    ("31 March 2020", "date", D(2020, 3, 31), D(2020, 3, 31)),
    ("  march   2020 ", "month", D(2020, 3, 1), D(2020, 3, 31)),
])
def test_formats(text: str, granularity: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.granularity, period.start, period.end) == (granularity, start, end)
    assert period.label == text.strip()


@pytest.mark.parametrize(("text", "granularity", "start", "end"), [
    ("2016/17", "academic_year", D(2016, 9, 1), D(2017, 8, 31)),
    ("2021/22", "academic_year", D(2021, 9, 1), D(2022, 8, 31)),
    ("2016-17", "academic_year", D(2016, 9, 1), D(2017, 8, 31)),
    ("2016 - 17", "academic_year", D(2016, 9, 1), D(2017, 8, 31)),  # a hint makes any consecutive pair a year
    ("2019/20 Q1", "quarter", D(2019, 9, 1), D(2019, 11, 30)),
    ("2016/17 - 18/19", "multi_year", D(2016, 9, 1), D(2019, 8, 31)),
    ("2019", "calendar_year", D(2019, 1, 1), D(2019, 12, 31)),  # a plain year stays a calendar year
    ("2010 - 12", "multi_year", D(2010, 1, 1), D(2012, 12, 31)),
])
def test_academic_hint(text: str, granularity: str, start: date, end: date) -> None:
    period = parse_period(text, kind_hint="academic")
    assert (period.granularity, period.start, period.end) == (granularity, start, end)


def test_month_hint_reads_ambiguous_iso_months() -> None:
    assert parse_period("2011-12").granularity == "financial_year"
    assert parse_period("2011-12", kind_hint="month") == Period(label="2011-12", start=D(2011, 12, 1),
                                                                 end=D(2011, 12, 31), granularity="month")
    assert parse_period("2016/17", kind_hint="month").granularity == "financial_year"  # "/" is never a month


@pytest.mark.parametrize(("text", "why"), [
    ("Spring 2020", "expected e.g."),
    ("", "expected e.g."),
    ("2016/18", "consecutive years"),
    ("2019/21 Q1", "consecutive years"),
    ("2020-02-30", "day is out of range"),
    ("2020-13-01", "month must be in 1..12"),
    ("Jun 2011-Jul 2010", "ends before it starts"),
    ("2012 - 10", "ends before it starts"),
    ("2012-2010", "the range ends (2010) before it starts (2012)"),
    ("0000", "year 0 is out of range"),
    ("Q5 2019", "expected e.g."),
    ("Marchember 2020", "expected e.g."),
])
def test_unparseable_names_the_text(text: str, why: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert f"period {text.strip()!r} not understood" in str(info.value)
    assert why in str(info.value)
    assert info.value.text == text.strip()
    assert isinstance(info.value, GoldenthreadError) and isinstance(info.value, ValueError)


def test_bad_hint_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="kind_hint must be one of"):
        parse_period("2016/17", kind_hint="fiscal")  # type: ignore[arg-type]


def test_ordering_and_identity() -> None:
    march, march_short = parse_period("March 2020"), parse_period("Mar 2020")
    assert march != march_short and march.same_time == march_short.same_time  # labels differ, time the same
    later = [parse_period(t) for t in ("2019", "2010 - 12", "Jul 2019-Jun 2020", "March 2020", "2019/20")]
    assert [p.label for p in sorted(later, key=lambda p: p.sort_key)] == [
        "2010 - 12", "2019", "2019/20", "March 2020", "Jul 2019-Jun 2020"]
    with pytest.raises(ValueError):
        Period(label="x", start=D(2020, 2, 1), end=D(2020, 1, 1), granularity="date")


# -- properties: generated labels of each pattern parse to the right dates -----------------

years = st.integers(min_value=1900, max_value=2098)
months = st.integers(min_value=1, max_value=12)
NAMES = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"]


def cased(text: str, how: int) -> str:
    return (text, text.upper(), text.lower(), f"  {text} ")[how]


@given(years, months, st.sampled_from(["full", "abbr", "iso", "excel", "year-first"]), st.integers(0, 3))
@example(2011, 12, "iso", 0)
def test_months(year: int, month: int, style: str, how: int) -> None:
    if style == "excel":
        year = 2000 + year % 100
    text = {"full": f"{NAMES[month]} {year}", "abbr": f"{NAMES[month][:3]} {year}", "iso": f"{year}-{month:02}",
            "excel": f"{NAMES[month][:3]}-{year % 100:02}", "year-first": f"{year} {NAMES[month][:3]}"}[style]
    hint = "month" if style == "iso" else None  # 2011-12 is a financial year unless told otherwise
    period = parse_period(cased(text, how), kind_hint=hint)
    assert (period.start, period.end, period.granularity) == (D(year, month, 1), last_day(year, month), "month")


@given(years, st.sampled_from(["{y}/{n:02}", "{y}-{n:02}", "{y}/{y1}", "{y} / {n:02}"]),
       st.sampled_from([None, "financial", "academic"]))
def test_split_years(year: int, template: str, hint: str | None) -> None:
    text = template.format(y=year, y1=year + 1, n=(year + 1) % 100)
    period = parse_period(text, kind_hint=hint)  # type: ignore[arg-type]
    first = 9 if hint == "academic" else 4
    assert period.start == D(year, first, 1)
    assert period.end == last_day(year + 1, first - 1)
    assert period.granularity == ("academic_year" if hint == "academic" else "financial_year")


@given(years, st.integers(min_value=1, max_value=30), st.sampled_from(["{a} - {b2:02}", "{a}-{b}", "{a} to {b}"]))
def test_year_ranges(first: int, span: int, template: str) -> None:
    last = first + span
    period = parse_period(template.format(a=first, b=last, b2=last % 100))
    assert (period.start, period.end, period.granularity) == (D(first, 1, 1), D(last, 12, 31), "multi_year")


@given(years, months, st.integers(min_value=1, max_value=36), st.booleans())
def test_month_ranges(year: int, month: int, length: int, full_names: bool) -> None:
    end_index = year * 12 + month - 1 + length - 1
    end_year, end_month = end_index // 12, end_index % 12 + 1

    def name(m: int) -> str:
        return NAMES[m] if full_names else NAMES[m][:3]

    period = parse_period(f"{name(month)} {year}-{name(end_month)} {end_year}")
    assert (period.start, period.end) == (D(year, month, 1), last_day(end_year, end_month))
    expected = "rolling_12_months" if length == 12 else "month" if length == 1 else "month_range"
    assert period.granularity == expected


@given(years, st.integers(1, 4), st.sampled_from(["{y} Q{q}", "Q{q} {y}", "{y}-Q{q}", "{y}q{q}"]))
def test_calendar_quarters(year: int, quarter: int, template: str) -> None:
    period = parse_period(template.format(y=year, q=quarter))
    first = 3 * (quarter - 1) + 1
    assert (period.start, period.end, period.granularity) == (D(year, first, 1), last_day(year, first + 2), "quarter")


@given(years, st.integers(1, 4), st.sampled_from([None, "academic"]))
def test_split_year_quarters(year: int, quarter: int, hint: str | None) -> None:
    period = parse_period(f"{year}/{(year + 1) % 100:02} Q{quarter}", kind_hint=hint)  # type: ignore[arg-type]
    index = year * 12 + (9 if hint == "academic" else 4) - 1 + 3 * (quarter - 1)
    start = D(index // 12, index % 12 + 1, 1)
    end_index = index + 2
    assert (period.start, period.end) == (start, last_day(end_index // 12, end_index % 12 + 1))
    assert period.start.year in (year, year + 1)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
       st.sampled_from(["{d:%Y-%m-%d}", "{d.day}/{d.month}/{d.year}", "{d:%d/%m/%Y}", "{d.day} {m} {d.year}"]))
def test_dates(day: date, template: str) -> None:
    period = parse_period(template.format(d=day, m=NAMES[day.month]))
    assert (period.start, period.end, period.granularity) == (day, day, "date")


@given(st.integers(min_value=1000, max_value=9999))
def test_plain_years(year: int) -> None:
    period = parse_period(str(year))
    assert (period.start, period.end, period.granularity) == (D(year, 1, 1), D(year, 12, 31), "calendar_year")


labels = st.one_of(
    st.builds(lambda y, m: f"{NAMES[m]} {y}", years, months),
    st.builds(lambda y: f"{y}/{(y + 1) % 100:02}", years),
    st.builds(lambda y, s: f"{y} - {(y + s) % 100:02}", years, st.integers(1, 40)),
    st.builds(lambda y, m, n: f"{NAMES[m][:3]} {y}-{NAMES[(m + n - 1) % 12 + 1][:3]} {y + (m + n - 1) // 12}",
              years, months, st.integers(0, 30)),
    st.builds(lambda y, q: f"{y} Q{q}", years, st.integers(1, 4)),
    st.builds(lambda y: str(y), years),
)


@given(labels, st.sampled_from([None, "financial", "academic", "month"]))
def test_round_trip_and_order(text: str, hint: str | None) -> None:
    period = parse_period(text, kind_hint=hint)  # type: ignore[arg-type]
    assert period.start <= period.end
    assert parse_period(period.label, kind_hint=hint) == period  # the label reads back to the same period
    assert parse_period(period.label.upper(), kind_hint=hint).same_time == period.same_time
    assert Period.model_validate(period.model_dump()) == period


@settings(max_examples=examples(300))
@given(st.text(alphabet=st.sampled_from(list("0123456789/- QqJanMrchDecSpt.to")), max_size=24))
def test_anything_parses_or_raises_period_error(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodError as exc:
        assert exc.text == text.strip()
        return
    assert period.start <= period.end
    assert parse_period(period.label) == period
