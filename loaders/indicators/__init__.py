"""Indicator data: the numbers behind a plan's measures, read from tidy CSV files.

A plan's measures ("Reduced unemployment", "Increasing the number of children who are
'school ready'") are tracked by indicators published as data (claimant count, school
readiness). This package reads such data, one small module per job, none of them tied to
the plan graph (the build links measures to indicators on top of it):

- ``periods``: ``parse_period(text, kind_hint=None) -> Period``: "March 2020", "2016/17",
  "2010 - 12", "Jul 2010-Jun 2011", "2019 Q3"… to first and last day and granularity;
  ``PeriodError`` naming the text otherwise.
- ``values``: ``parse_value(text) -> (number, None) | (None, reason)``: numbers and the
  statistical missing markers ("x", "..", "c", ":", "-", "NA", blank) with their reason.
- ``columns``: ``recognise_columns(header, rows, …) -> Layout``: which column is the area
  code, period, value, unit… whatever the file calls it, and which are breakdowns (sex, age).
- ``mapping``: ``load_mapping(path) -> IndicatorMapping``: the optional ``indicators.toml``
  for files that name their columns otherwise, or are comparator groups.
- ``read``: ``read_indicators(folder_or_files, mapping=None, warnings=None) -> IndicatorData``
  (``observations``, ``comparators``, ``warnings``): the files read, every fatal problem a
  ``LoadError`` naming file and row (``neet.csv:17: …``), every skippable one a warning with
  a code (``indicator-row-skipped``, ``indicator-value-unreadable``, ``indicator-row-repeated``,
  ``indicator-column-unknown``, ``indicator-file-empty``).
- ``direction``: ``desired_direction(measure_label) -> Direction``: whether a measure wants
  its indicator to go up or down, from its wording ("Reduced unemployment": down, because
  of "Reduced").

Example::

    from goldenthread.loaders.indicators import read_indicators, desired_direction
    data = read_indicators("examples/northmere-indicators")
    data.latest(area_code="X00000001", indicator="Employment rate - aged 16-64")
    desired_direction("Reduced unemployment").direction   # "down"
"""

from goldenthread.loaders.indicators.direction import Direction, DirectionClause, desired_direction
from goldenthread.loaders.indicators.mapping import MAPPING_NAME, FileMapping, IndicatorMapping, load_mapping
from goldenthread.loaders.indicators.periods import Granularity, Period, PeriodError, PeriodHint, parse_period
from goldenthread.loaders.indicators.read import WARNING_CODES, IndicatorData, Observation, read_indicators
from goldenthread.loaders.indicators.values import MissingReason, parse_value

__all__ = [
    "MAPPING_NAME", "WARNING_CODES", "Direction", "DirectionClause", "FileMapping", "Granularity", "IndicatorData",
    "IndicatorMapping", "MissingReason", "Observation", "Period", "PeriodError", "PeriodHint", "desired_direction",
    "load_mapping", "parse_period", "parse_value", "read_indicators",
]
