"""The `overhoop` command: one entry point whose subcommands live beside the code they drive."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import assistant.commands
import bench.cli
import evals.cli
import ingest.cli
import ingest.documents_cli
import ui.cli
from basics.settings import apply_offline_environment
from evals.baselines import naive_texts

# Each module has `register(subparsers)`, adding its subcommands with `set_defaults(func=...)`;
# `func(args) -> int` is the exit code. They import their heavy libraries inside `func`, so `--help`
# stays fast.
COMMAND_MODULES = (ingest.documents_cli, assistant.commands, ui.cli, evals.cli, bench.cli)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="overhoop",
        description="OverHoop-assistent: vragen over de documenten van het programma OverHoop.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    # The eval baseline's chunks ship with the corpus's vectors, so `overhoop eval` embeds nothing new.
    ingest.cli.register(subparsers, shipped_extras=naive_texts)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    apply_offline_environment()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Onderbroken.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
