"""`crossings facts`: list the fact registry, or check it against the scenarios."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .facts import STATUSES, FactsError, Registry, load_and_check, load_registry
from .i18n import _


def register(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "facts",
        help=_("list the cited facts, or check them"),
        description=_("List the fact registry by section, or check it against the scenarios."),
    )
    parser.add_argument("--check", action="store_true",
                        help=_("check the facts and the scenarios that use them; exit 1 on any problem"))
    parser.add_argument("--levels", type=Path, default=None, metavar="FOLDER",
                        help=_("read the levels from this folder instead of the game's own"))
    parser.set_defaults(func=run)
    return parser


def _print_registry(registry: Registry) -> None:
    for section, facts in registry.sections().items():
        print(f"== {section} ({len(facts)}) ==")
        for fact in facts:
            print(f"{fact.id}  [{_(STATUSES[fact.status])}]")
            print(f"    {_(fact.statement)}")
            value = registry.display_value(fact)
            if value:
                year = f" ({fact.year})" if fact.year is not None else ""
                print("    " + _("value: {value}{year}").format(value=value, year=year))
            elif fact.year is not None:
                print("    " + _("year: {year}").format(year=fact.year))
            for source in fact.sources:
                url = f" <{source.url}>" if source.url else ""
                print("    " + _("source: {outlet}{url}").format(outlet=source.outlet, url=url))
        print()


def run(args: argparse.Namespace) -> int:
    root = getattr(args, "levels", None)
    if getattr(args, "check", False):
        registry, scenarios, problems = load_and_check(root)
        if problems:
            for problem in problems:
                print(problem)
            return 1
        print(_("facts: {n} facts, {m} scenarios, all good").format(n=len(registry), m=len(scenarios)))
        return 0
    try:
        registry = load_registry(root)
    except (FactsError, FileNotFoundError) as exc:
        # One line that names the file, not a traceback: the reader is editing data.
        print(_("facts: {error}").format(error=exc), file=sys.stderr)
        return 1
    if not len(registry):
        print(_("facts: the registry is empty"))
        return 0
    _print_registry(registry)
    return 0
