"""The ``goldenthread`` command line: the root app, assembled from the command modules.

``build_commands`` (build, links), ``query_commands`` (thread, orphans, coverage, matrix,
drift, sparql, audit, serve, publish) and ``profile_commands`` (the ``profile`` group). Each
module has its own Typer app; their commands join the root app here, in the order
``goldenthread --help`` lists them.

Every command reports bad input as one line on stderr (``error: FILE:LINE:
message``) and exits with status 2; no traceback is shown for user errors.
"""

from __future__ import annotations

import sys

import typer

from goldenthread.cli import build_commands, diff_commands, profile_commands, query_commands
from goldenthread.cli.common import say

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, no_args_is_help=True,
                  help="goldenthread: trace a council's plans from vision to measure.")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        say(f"goldenthread {version('goldenthread')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool | None = typer.Option(None, "--version", metavar="", callback=_version, is_eager=True,
                                           help="show goldenthread's version and exit"),
) -> None:
    """goldenthread: trace a council's plans from vision to measure."""


for commands in (build_commands.app, query_commands.app, diff_commands.app):
    app.registered_commands.extend(commands.registered_commands)
app.add_typer(profile_commands.profile_app, name="profile")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
