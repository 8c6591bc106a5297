"""General English plan vocabulary the drafter recognises.

Inputs: none (constants).
Outputs: compiled patterns for the wording of list openers ("What we will
do", "How we will measure success"), delivery and oversight statements,
vision/purpose headings, document sections ("Introduction", "Next steps"),
page furniture ("Draft", "Page 3") and table columns.

These are words any English-language council plan uses; no council's own
phrases belong here (a council's names and headings come from its document).
"""

from __future__ import annotations

import re

_I = re.I

# list openers: a measures list is checked first ("How we will measure success" says "we will" too)
MEASURE_OPENER = re.compile(
    r"\bmeasur\w*|\bindicators?\b|\bhow we will know\b|\bsuccess\b|\bimpact\b|\bkpis?\b"
    r"|\bperformance\b|\btargets?\b|\bmetrics?\b|\boutcomes?\b|\bmilestones?\b", _I)
COMMITMENT_OPENER = re.compile(
    r"\bwe will\b|\bwe shall\b|\bwe['’]ll\b|\bcommitments?\b|\bactions?\b|\bpledges?\b"
    r"|\bpromises?\b|\bdeliverables?\b|\bwhat we will do\b", _I)

# a "We will …" commitment written as a sentence or list item
WE_WILL = re.compile(r"^(?P<phrase>We (?:will|shall)|We['’]ll)\b", 0)

# delivery and oversight statements written as "Label: names"
STRATEGY_LABEL = re.compile(r"\b(?:strateg(?:y|ies)|plans?|delivery|delivered|programmes?)\b", _I)
BOARD_LABEL = re.compile(r"\b(?:oversight|overseen|boards?|governance|accountab\w*|partnerships?"
                         r"|committees?|scrutiny)\b", _I)
# … and as phrases inside a sentence: phrase -> forced kind (None: decided by the name)
STATEMENT_PHRASES = (("delivered through", None), ("overseen by", "board"),
                     ("accountable to", "board"))

# headings whose next paragraph is the plan's own text
VISION = re.compile(r"\bvision\b", _I)
PURPOSE = re.compile(r"\bpurpose\b", _I)

# a line naming the document's title
TITLE_WORDS = re.compile(r"\b(?:plan|strategy|report|framework|programme|priorities)\b", _I)

# headings of a document's own parts, not of its themes or priorities
DOC_SECTION = re.compile(
    r"\b(?:introduction|foreword|contents|purpose|background|context|summary|next steps"
    r"|recommendations?|appendix|annex|glossary|reporting|accountability|references?"
    r"|chapter|section|part|consultation|about this)\b", _I)

# page furniture: running headers and footers
FURNITURE = re.compile(r"\b(?:draft|consultation|version|page|confidential|official|copyright)\b"
                       r"|©|\|", _I)

# vocabulary of table columns and subjects
THEME_WORDS = re.compile(r"\b(?:themes?|goals?|ambitions?|pillars?|outcomes?|missions?)\b", _I)
PRIORITY_WORDS = re.compile(r"\b(?:priorit(?:y|ies)|objectives?|focus areas?)\b", _I)
PORTFOLIO_COLUMN = re.compile(r"\bportfolios?\b|\bcabinet member\b", _I)
BOARD_COLUMN = re.compile(r"\b(?:boards?|committees?|panels?|scrutiny|oversight|partnerships?"
                          r"|governance|forums?)\b", _I)
STRATEGY_COLUMN = re.compile(r"\b(?:strateg(?:y|ies)|plans?|programmes?|delivered)\b", _I)
# words of a flattened table's header row ("Theme Priority Actions Oversight")
TABLE_HEADER_WORDS = re.compile(r"\b(?:themes?|priorit(?:y|ies)|actions?|oversight|lead|measures?"
                                r"|outcomes?|owners?|timescales?|boards?)\b", _I)

# status phrases, by status (written into [names.status])
STATUS_PATTERNS = {
    "to be developed": r"(?i)\b(?:to be|will be) developed\b",
    "to be refreshed": r"(?i)\b(?:to be|will be) refreshed\b",
    "to be established": r"(?i)\bto be established\b",
}
