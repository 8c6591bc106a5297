"""Reading the period of an indicator value as it is written ("March 2020", "2016/17", "2010 - 12").

Inputs: the text of one period cell, and optionally ``kind_hint``: what a split year such as
"2016/17" means for this indicator (``"financial"``, the default, April to March;
``"academic"``, September to August) or ``"month"`` (read "2011-12" as December 2011).
Outputs: ``Period``: the label as written (surrounding spaces removed), its first and last day
(both inclusive) and its granularity. Text no pattern reads raises ``PeriodError`` naming it.

Formats read (letter case and spacing are free; en and em dashes read as ``-``; "to" reads
as a range's ``-``):

- ``2020-03-31``, ``31/03/2020``, ``31 March 2020``: ``date``, that day.
- ``March 2020``, ``Mar 2020``, ``Sept 2020``, ``Mar-20``, ``2020 Mar``, ``2020-03``: ``month``,
  1 - 31 March 2020.
- ``2019 Q3``, ``Q3 2019``, ``2019-Q3``: ``quarter`` of the calendar year, 1 July - 30 September 2019.
- ``2019/20 Q1``, ``Q1 2019/20``: ``quarter`` of the split year, April - June 2019 (with the
  academic hint September - November 2019).
- ``2016/17``, ``2016-17``, ``2016/2017``: ``financial_year``, 1 April 2016 - 31 March 2017; with
  the academic hint ``academic_year``, 1 September 2016 - 31 August 2017.
- ``2010 - 12``, ``2010-2012``, ``2010 to 2012``, ``2010-14``: ``multi_year``, 1 January 2010 -
  31 December 2012.
- ``2016/17 - 18/19``: ``multi_year`` of split years, 1 April 2016 - 31 March 2019.
- ``Jul 2010-Jun 2011``, ``Jan 2012-Dec 2012``: ``rolling_12_months``, 1 July 2010 - 30 June 2011.
- ``Oct-Dec 2020``, ``Apr 2020-Sep 2020``: ``month_range`` (any length but 1 and 12 months),
  1 October - 31 December 2020; ``Nov-Jan 2021`` starts in November 2020.
- ``2019``: ``calendar_year``, 1 January - 31 December 2019.

Two years joined by ``/`` are a split year and must be consecutive. Joined by ``-``, they are
a split year only when written ``2016-17`` (no spaces, two digits, consecutive); spaced
(``2016 - 17``, the Fingertips style) or in four digits (``2016-2017``) they are a range of
calendar years. A ``kind_hint`` of ``"financial"`` or ``"academic"`` makes every pair of
consecutive years a split year of that kind. ``2011-12`` is both a financial year and ISO
December 2011: it reads as the financial year unless ``kind_hint="month"``; ``2010-12``
(not consecutive, 01-12) reads as ISO December 2010.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from goldenthread.core.errors import GoldenthreadError

Granularity = Literal["date", "month", "quarter", "financial_year", "academic_year", "calendar_year",
                      "multi_year", "rolling_12_months", "month_range"]
GRANULARITIES: tuple[str, ...] = get_args(Granularity)
PeriodHint = Literal["financial", "academic", "month"]
PERIOD_HINTS: tuple[str, ...] = get_args(PeriodHint)

EXAMPLES = "'March 2020', '2016/17', '2010 - 12', 'Jul 2010-Jun 2011', '2019 Q3', '2019', '2020-03-31'"


class PeriodError(GoldenthreadError, ValueError):
    """A period text no known format reads; ``text`` is the text as given."""

    def __init__(self, text: str, reason: str | None = None):
        self.text = text
        self.reason = reason
        detail = f": {reason}" if reason else f" (expected e.g. {EXAMPLES})"
        super().__init__(f"period {text!r} not understood{detail}")


class Period(BaseModel):
    """A period of time as an indicator states it: ``start`` and ``end`` are both inclusive."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str  # as written, surrounding spaces removed
    start: date
    end: date
    granularity: Granularity

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError(f"period {self.label!r} ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def sort_key(self) -> tuple[date, date]:
        """Order of periods in time: by last day, then first day (a later start is more recent)."""
        return (self.end, self.start)

    @property
    def same_time(self) -> tuple[date, date]:
        """What makes two periods the same time span, however written ("Mar 2020", "March 2020")."""
        return (self.start, self.end)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # English whatever the locale (calendar.month_name follows it)
_MONTH_NAMES = {name: i for i, name in enumerate(_MONTHS, start=1)} | {
    name[:3]: i for i, name in enumerate(_MONTHS, start=1)} | {"sept": 9}
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
       r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_SPLIT_START = {"financial": 4, "academic": 9}  # first month of a split year

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}}) ({_MON}) (\d{{4}})")
_MONTH_YEAR = re.compile(rf"({_MON}) ?-? ?(\d{{4}}|\d{{2}})")
_YEAR_MONTH = re.compile(rf"(\d{{4}}) ({_MON})")
_MONTH_RANGE = re.compile(rf"({_MON})(?: ?(\d{{4}}))? ?- ?({_MON}) ?(\d{{4}})")
_QUARTER = re.compile(r"(\d{4}) ?-? ?q([1-4])|q([1-4]) ?-? ?(\d{4})")
_SPLIT_QUARTER = re.compile(r"(\d{4}) ?[-/] ?(\d{2}|\d{4}) ?-? ?q([1-4])|q([1-4]) ?-? ?(\d{4}) ?[-/] ?(\d{2}|\d{4})")
_YEAR_PAIR = re.compile(r"(\d{4})( ?[-/] ?)(\d{2}|\d{4})")
_SPLIT_RANGE = re.compile(r"(\d{4}) ?/ ?(\d{2}) ?- ?(\d{2}|\d{4}) ?/ ?(\d{2})")
_YEAR = re.compile(r"\d{4}")


def _normalise(text: str) -> str:
    """Lower case, one space between words, dashes as ``-``, " to " as ``-`` (spaced)."""
    out = re.sub(r"[\u2010-\u2015\u2212]", "-", text.strip().lower())
    out = re.sub(r"\s+", " ", out)
    return re.sub(r" to ", " - ", out)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months after ``year``-``month``."""
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _second_year(first: int, written: str) -> int:
    """The full year of the second half of "2016/17" or "1999/00" or "2016/2017"."""
    if len(written) == 4:
        return int(written)
    year = first // 100 * 100 + int(written)
    return year + 100 if year < first else year


def _split_year(label: str, first: int, kind: Literal["financial", "academic"]) -> Period:
    start = _SPLIT_START[kind]
    end_year, end_month = _add_months(first, start, 11)
    return Period(label=label, start=date(first, start, 1), end=_month_end(end_year, end_month),
                  granularity="financial_year" if kind == "financial" else "academic_year")


def _years(label: str, first: int, last: int) -> Period:
    if last <= first:
        raise PeriodError(label, f"the range ends ({last}) before it starts ({first})")
    return Period(label=label, start=date(first, 1, 1), end=date(last, 12, 31), granularity="multi_year")


def _month(label: str, year: int, month: int) -> Period:
    return Period(label=label, start=date(year, month, 1), end=_month_end(year, month), granularity="month")


def _quarter(label: str, year: int, first_month: int, quarter: int) -> Period:
    y1, m1 = _add_months(year, first_month, 3 * (quarter - 1))
    y2, m2 = _add_months(y1, m1, 2)
    return Period(label=label, start=date(y1, m1, 1), end=_month_end(y2, m2), granularity="quarter")


def _split_kind(kind_hint: PeriodHint | None) -> Literal["financial", "academic"]:
    return "academic" if kind_hint == "academic" else "financial"


def _year_pair(label: str, first: int, sep: str, written: str, kind_hint: PeriodHint | None) -> Period:
    """Two years joined by ``/`` or ``-``: a split year, a range of years, or an ISO month."""
    second = _second_year(first, written)
    consecutive = second == first + 1
    spaced = sep != sep.strip()
    if sep.strip() == "/":
        if not consecutive:
            raise PeriodError(label, "a split year such as '2016/17' names two consecutive years")
        return _split_year(label, first, _split_kind(kind_hint))
    if consecutive and kind_hint in ("financial", "academic"):
        return _split_year(label, first, _split_kind(kind_hint))
    if not spaced and len(written) == 2:
        if consecutive and kind_hint != "month":
            return _split_year(label, first, "financial")
        if 1 <= int(written) <= 12:
            return _month(label, first, int(written))
    if len(written) == 2 and second - first > 50:  # "2012 - 10": not 2012 to 2110
        raise PeriodError(label, "the range ends before it starts")
    return _years(label, first, second)


def _read(label: str, text: str, kind_hint: PeriodHint | None) -> Period:
    """The period of normalised ``text`` (``label`` as written, for the result)."""
    if m := _ISO_DATE.fullmatch(text):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return Period(label=label, start=day, end=day, granularity="date")
    if m := _UK_DATE.fullmatch(text):
        day = date(int(m[3]), int(m[2]), int(m[1]))
        return Period(label=label, start=day, end=day, granularity="date")
    if m := _DAY_MONTH_YEAR.fullmatch(text):
        day = date(int(m[3]), _month_number(m[2]), int(m[1]))
        return Period(label=label, start=day, end=day, granularity="date")
    if m := _MONTH_YEAR.fullmatch(text):
        year = int(m[2]) if len(m[2]) == 4 else 2000 + int(m[2])
        return _month(label, year, _month_number(m[1]))
    if m := _YEAR_MONTH.fullmatch(text):
        return _month(label, int(m[1]), _month_number(m[2]))
    if m := _MONTH_RANGE.fullmatch(text):
        return _month_range(label, m[1], m[2], m[3], int(m[4]))
    if m := _QUARTER.fullmatch(text):
        year_text, quarter_text = (m[1], m[2]) if m[1] else (m[4], m[3])
        return _quarter(label, int(year_text), 1, int(quarter_text))
    if m := _SPLIT_QUARTER.fullmatch(text):
        first, second, quarter = (m[1], m[2], m[3]) if m[1] else (m[5], m[6], m[4])
        if _second_year(int(first), second) != int(first) + 1:
            raise PeriodError(label, "a split year such as '2019/20' names two consecutive years")
        return _quarter(label, int(first), _SPLIT_START[_split_kind(kind_hint)], int(quarter))
    if m := _SPLIT_RANGE.fullmatch(text):
        return _split_range(label, m, _split_kind(kind_hint))
    if m := _YEAR_PAIR.fullmatch(text):
        return _year_pair(label, int(m[1]), m[2], m[3], kind_hint)
    if _YEAR.fullmatch(text):
        year = int(text)
        return Period(label=label, start=date(year, 1, 1), end=date(year, 12, 31), granularity="calendar_year")
    raise PeriodError(label)


def _month_number(name: str) -> int:
    return _MONTH_NAMES[name.rstrip(".")]


def _month_range(label: str, first_name: str, first_year: str | None, last_name: str, last_year: int) -> Period:
    m1, m2 = _month_number(first_name), _month_number(last_name)
    y1 = int(first_year) if first_year else (last_year if m1 <= m2 else last_year - 1)
    months = (last_year - y1) * 12 + m2 - m1 + 1
    if months < 1:
        raise PeriodError(label, "the range ends before it starts")
    granularity: Granularity = "rolling_12_months" if months == 12 else "month" if months == 1 else "month_range"
    return Period(label=label, start=date(y1, m1, 1), end=_month_end(last_year, m2), granularity=granularity)


def _split_range(label: str, m: re.Match[str], kind: Literal["financial", "academic"]) -> Period:
    """"2016/17 - 18/19": from the first split year's start to the last one's end."""
    first = int(m[1])
    last = _second_year(first, m[3]) if len(m[3]) == 2 else int(m[3])
    if _second_year(first, m[2]) != first + 1 or _second_year(last, m[4]) != last + 1:
        raise PeriodError(label, "a split year such as '2016/17' names two consecutive years")
    if last <= first:
        raise PeriodError(label, "the range ends before it starts")
    start, end = _split_year(label, first, kind), _split_year(label, last, kind)
    return Period(label=label, start=start.start, end=end.end, granularity="multi_year")


def parse_period(text: str, kind_hint: PeriodHint | None = None) -> Period:
    """The ``Period`` that ``text`` names (formats: see the module docstring).

    ``kind_hint`` says what a split year means for this indicator: ``"financial"`` (the
    default reading, April to March), ``"academic"`` (September to August: school
    indicators), or ``"month"`` (``2011-12`` is December 2011). Raises ``PeriodError``
    (a ``GoldenthreadError`` and a ``ValueError``) naming ``text`` when no format reads it,
    or when it names an impossible date.

    Examples
    --------
    >>> parse_period("2016/17")
    Period(label='2016/17', start=datetime.date(2016, 4, 1), end=datetime.date(2017, 3, 31),
           granularity='financial_year')
    >>> parse_period("2016/17", kind_hint="academic").start
    datetime.date(2016, 9, 1)
    >>> period = parse_period("Q3 2022")
    >>> period.start, period.end, period.granularity
    (datetime.date(2022, 7, 1), datetime.date(2022, 9, 30), 'quarter')
    >>> parse_period("next year")
    Traceback (most recent call last):
    ...
    goldenthread.loaders.indicators.periods.PeriodError: period 'next year' not understood ...
    """
    if kind_hint is not None and kind_hint not in PERIOD_HINTS:
        raise ValueError(f"kind_hint must be one of {', '.join(PERIOD_HINTS)} or None, not {kind_hint!r}")
    label = text.strip()
    try:
        return _read(label, _normalise(text), kind_hint)
    except PeriodError:
        raise
    except ValidationError as exc:  # Period's own check
        raise PeriodError(label, exc.errors()[0]["msg"].removeprefix("Value error, ")) from None
    except ValueError as exc:  # date(2020, 2, 30), year 0
        raise PeriodError(label, str(exc)) from None
