"""What ``enable`` and ``disable`` print: the plan, each move's outcome, the confirmation, the last line or JSON."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from .. import _places
from .._layout import CACHE_FOLDER, path_module
from .plan import RESTORE, RESTORED, SAME, SET, SKIP, YOURS

if TYPE_CHECKING:
    import argparse

    from .journal import Move, Value, Variable
    from .move import Outcome
    from .plan import Plan

PROG = "platformdirs-devdrive"
OK = 0
ERROR = 2
INTERRUPTED = 130
_MIB = 1024 * 1024


def show_outcome(outcome: Outcome) -> None:
    """Print what one move did, and every file it did not move."""
    size = outcome.bytes / _MIB
    out(f"  {outcome.method}: {outcome.files:,} files, {size:,.1f} MiB in {outcome.seconds:.2f} s")
    for line in [*outcome.conflicts, *outcome.problems, *([outcome.stopped] if outcome.stopped else [])]:
        out(f"  not moved: {line}")


_LABELS = {SET: "set", YOURS: "yours", SAME: "same", SKIP: "skip"}


def show_plan(plan: Plan, why: str, *, move: bool) -> None:
    """Print the plan of ``enable``."""
    cache = path_module(windows=plan.platform == _places.WINDOWS).join(plan.root, CACHE_FOLDER)
    out(f"enable: tool caches under {cache} ({why})")
    out(f"writes to: {plan.store.where}")
    for item in plan.items:
        label = _LABELS[item.action]
        for name in item.names if item.action in {SET, SAME} else item.names[:1]:
            if item.action in {SET, SAME}:
                before = item.before.get(name)
                was = "" if item.action == SAME else f"  (now: {value_words(before)})"
                out(f"  {label:<6} {name}={item.value}{was}")
                if item.note and item.action == SET and name == item.names[-1]:
                    out(f"         note: {item.note}")
            else:
                out(f"  {label:<6} {name}: {item.note}")
        if item.move_from is not None:
            out(f"  move   {item.move_from} -> {item.target}")
    if move and not plan.moves:
        out("  move   nothing to move (no tool's old cache folder exists)")


def value_words(value: Value | None) -> str:
    """Say a variable's value and registry type in words."""
    if value is None:
        return "not set"
    return f"{value['value']} [{value['type']}]"


def show_disable(plan: dict[str, object], steps: list[tuple[Variable, str]], moves: list[Move]) -> None:
    """Print the plan of ``disable``."""
    out(f"disable: undo enable of {plan['root']} (journal {plan['journal']})")
    out(f"writes to: {plan['store']}")
    for variable, action in steps:
        name, before = variable["name"], variable["before"]
        if action == RESTORE:
            out(f"  {'restore':<8} {name}: back to {value_words(before)}")
        elif action == RESTORED:
            out(f"  {'same':<8} {name}: already as before enable")
        else:
            out(f"  {'yours':<8} {name}: changed by hand since enable: left alone")
    for move in moves:
        out(f"  move     {move['target']} -> {move['source']}")


def confirm() -> bool:
    """Ask before changing anything; only a terminal can say yes."""
    if not sys.stdin or not sys.stdin.isatty():
        return False
    try:
        answer = input("go ahead? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes"}


def done(args: argparse.Namespace, data: dict[str, object], words: str, *, status: int = OK) -> int:
    """Print the last line (or the JSON) and return the exit status."""
    if args.json:
        print(json.dumps({**data, "exit_status": status}, indent=2))
    else:
        out(words)
    return status


def fail(message: str) -> int:
    """Print one error line and return the error status."""
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return ERROR


def out(text: str = "") -> None:
    """Print one line."""
    print(text)


__all__ = [
    "ERROR",
    "INTERRUPTED",
    "OK",
    "PROG",
    "confirm",
    "done",
    "fail",
    "out",
    "show_disable",
    "show_outcome",
    "show_plan",
    "value_words",
]
