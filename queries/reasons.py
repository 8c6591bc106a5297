"""The reasons a thread breaks, as ``orphans.rq`` names them in its ``?reason`` column.

Inputs: none. Outputs: ``REASONS``, in the order the report and the CLI list them.
Kept apart from queries/library.py so the command line can name them in its help without
loading rdflib (``goldenthread --help`` stays fast).
"""

REASONS = ("no_counterpart", "not_carried_out", "no_strategy", "no_board", "no_measure",
           "strategy_not_in_place", "board_not_established", "measure_unattached", "blank_in_table")
