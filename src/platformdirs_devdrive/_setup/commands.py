r"""``platformdirs-devdrive enable`` and ``disable``: the plan, the confirmation, the changes, the report.

``enable`` creates every tool's folder below ``<root>/.cache`` (owner-only, through the safety layer), records in the
journal what each variable was, then writes the variables (Windows: ``HKCU\Environment``; elsewhere: the login
profiles) and, with ``--move``, moves each tool's cache. ``disable`` puts back what the journal says was there, leaves
a variable changed by hand since alone (and says so), and with ``--move`` brings the caches back. Errors are one line
on stderr with exit status 2, never a traceback; a partial result (a move that stopped) is reported and also exits 2,
and running the same command again completes it.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from .. import _places, _safety, _shells
from .._layout import CACHE_FOLDER, drive_root
from . import journal as journal_module, printing
from .journal import JournalError
from .move import MoveError, Outcome, move_tree, terminal_progress
from .plan import HAND, RESTORE, RESTORED, SAME, SET, Plan, build
from .userenv import RegistryStore, StoreError, current_store

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from .._report import Resolution
    from .journal import Journal, Move, Value, Variable
    from .userenv import ProfileStore

from .printing import ERROR, INTERRUPTED, OK, PROG


class SetupError(Exception):
    """An error to report in one line (exit status 2)."""


# --- enable ---------------------------------------------------------------------------------------------------------


def enable(args: argparse.Namespace, choose_root: Callable[[], Resolution]) -> int:
    """Run ``enable`` with ``args`` (root, tools, move, dry_run, yes, json); ``choose_root`` picks the default root."""
    try:
        return _enable(args, choose_root)
    except (SetupError, JournalError, StoreError, MoveError, _shells.Unquotable, OSError, UnicodeError) as error:
        return printing.fail(str(error))


def _enable(args: argparse.Namespace, choose_root: Callable[[], Resolution]) -> int:
    root, why = _root(args.root, choose_root)
    with contextlib.nullcontext() if args.dry_run else journal_module.locked():  # a dry run writes nothing at all
        return _enable_locked(args, root, why)


def _enable_locked(args: argparse.Namespace, root: str, why: str) -> int:
    platform = _places.current_platform()
    journal = journal_module.load()
    if journal is not None and os.path.normcase(journal["root"]) != os.path.normcase(root):
        msg = f"enable is in effect for {journal['root']}; run {PROG} disable first to use {root}"
        raise SetupError(msg)
    store = current_store()
    plan = build(
        root,
        named=args.tools,
        store=store,
        env=os.environ,
        journal=journal,
        platform=platform,
        move=args.move,
    )
    if args.json and not (args.yes or args.dry_run):
        msg = "--json prints no question: add --yes (or --dry-run)"
        raise SetupError(msg)
    if not args.json:
        printing.show_plan(plan, why, move=args.move)
    pending = [move for move in (journal or {"moves": []})["moves"] if not move["done"]] if args.move else []
    if not plan.writes and not plan.moves and not pending:
        return printing.done(
            args, {"plan": plan.as_dict(), "dry_run": args.dry_run, "changed": False}, "nothing to change"
        )
    if args.dry_run:
        return printing.done(
            args, {"plan": plan.as_dict(), "dry_run": True, "changed": False}, "dry run: nothing was changed"
        )
    if not args.yes and not printing.confirm():
        return printing.fail("not confirmed: nothing was changed (add --yes to skip the question)")
    _create_folders(plan)
    record = journal or journal_module.new(root, platform)
    record["state"] = journal_module.ENABLED  # enabled again after a disable that did not finish
    _record(record, plan, store)
    path = journal_module.save(record)  # first: whatever happens next, disable knows what was there
    try:
        notes = _write_variables(record, plan, store)
    except StoreError as error:
        msg = f"{error}; the journal has what was there before: {PROG} disable puts back what was written"
        raise SetupError(msg) from None
    finally:
        journal_module.save(record)  # with every profile that may now hold the block
    outcomes, interrupted = _run_moves(record, reverse=False, quiet=args.json) if args.move else ([], False)
    complete = all(outcome.complete for _, outcome in outcomes) and not interrupted
    result = {
        "plan": plan.as_dict(),
        "dry_run": False,
        "changed": True,
        "journal": path,
        "store": store.where,
        "notes": notes,
        "moves": [{"source": source, **outcome.as_dict()} for source, outcome in outcomes],
        "complete": complete,
    }
    written = sum(len(item.names) for item in plan.writes)
    words = [f"wrote {written} settings to {store.where}", *notes]
    words.append(_new_shells(store))
    if not complete:
        words.append(f"some files were not moved (above): run {PROG} enable --move again to finish")
    status = INTERRUPTED if interrupted else (OK if complete else ERROR)
    return printing.done(args, result, "; ".join(words), status=status)


def _root(value: str | None, choose_root: Callable[[], Resolution]) -> tuple[str, str]:
    """Return the root to use (given, else the chosen Dev Drive) and a line saying why; :class:`SetupError` if none."""
    windows = os.name == "nt"
    if value is None:
        choice = choose_root()
        if choice.is_fallback or choice.root is None:
            example = "D:\\" if _places.current_platform() == _places.WINDOWS else "/path/to/fast/volume"
            msg = f"no Dev Drive chosen ({choice.reason}); name the drive or folder: {PROG} enable {example}"
            raise SetupError(msg)
        return choice.root, f"{choice.root}: {choice.reason}"
    root = os.path.abspath(drive_root(value) if windows else value)
    if not os.path.isdir(root):
        what = "is not a folder" if os.path.lexists(root) else "does not exist"
        msg = f"ROOT {value}: {root} {what}"
        raise SetupError(msg)
    if problem := _safety.check(root, [CACHE_FOLDER], windows=windows, create=False):
        msg = f"ROOT {value}: {problem.message}"
        raise SetupError(msg)
    return root, f"{root}: named on the command line"


def _create_folders(plan: Plan) -> None:
    """Create each target (owner-only, checked) before anything is written: vcpkg wants it to exist."""
    windows = os.name == "nt"
    for item in plan.items:
        if item.action not in {SET, SAME}:
            continue
        relative = os.path.relpath(item.target, plan.root)
        parts = [CACHE_FOLDER] if relative == os.curdir else relative.split(os.sep)
        if problem := _safety.check(plan.root, parts, windows=windows, create=True):
            msg = f"cannot use {item.target}: {problem.message}; nothing was written"
            raise SetupError(msg)


def _record(record: Journal, plan: Plan, store: RegistryStore | ProfileStore) -> None:
    """Add what ``plan`` writes and moves to the journal; an earlier enable's "before" values are kept."""
    known = {variable["name"]: variable for variable in record["variables"]}
    for item in plan.writes:
        for name in item.names:
            after = store.new_value(str(item.value))
            if name in known:
                known[name]["after"] = after
            else:
                known[name] = {"name": name, "before": item.before.get(name), "after": after}
                record["variables"].append(known[name])
    moves = {(move["tool"], move["variable"]): move for move in record["moves"]}
    for item in plan.moves:
        key = (item.tool.name, item.setting.name)
        if key not in moves or moves[key]["done"]:
            fresh: Move = {
                "tool": key[0],
                "variable": key[1],
                "source": str(item.move_from),
                "target": item.target,
                "done": False,
            }
            if key in moves:
                moves[key].update(fresh)
            else:
                record["moves"].append(fresh)


def _write_variables(record: Journal, plan: Plan, store: RegistryStore | ProfileStore) -> list[str]:
    if isinstance(store, RegistryStore):
        names: dict[str, Value | None] = {}
        for item in plan.writes:
            names.update(dict.fromkeys(item.names, store.new_value(str(item.value))))
        return store.commit(names)
    values = {variable["name"]: variable["after"]["value"] for variable in record["variables"]}
    record["profiles"] = store.write(values, record["profiles"])
    return []


def _new_shells(store: RegistryStore | ProfileStore) -> str:
    if store.kind == "registry":
        return "shells and programs started from now on see them (this one does not)"
    return "login shells started from now on see them (log in again, or run: . ~/.profile)"


# --- disable --------------------------------------------------------------------------------------------------------


def disable(args: argparse.Namespace) -> int:
    """Run ``disable`` with ``args`` (move, dry_run, yes, json)."""
    try:
        return _disable(args)
    except (SetupError, JournalError, StoreError, MoveError, _shells.Unquotable, OSError, UnicodeError) as error:
        return printing.fail(str(error))


def _disable(args: argparse.Namespace) -> int:
    if args.dry_run or journal_module.load() is None:  # no lock (and no folder for it) without a journal
        return _disable_locked(args)
    with journal_module.locked():
        status = _disable_locked(args)
    if status == OK:
        journal_module.remove()  # again, unlocked: Windows cannot delete the lock file while it is open
    return status


def _disable_locked(args: argparse.Namespace) -> int:
    record = journal_module.load()
    if record is None:
        msg = f"enable is not in effect: there is no journal at {journal_module.path()}, so there is nothing to undo"
        raise SetupError(msg)
    store = current_store()
    steps = [_restore_step(variable, store) for variable in record["variables"]]
    if args.json and not (args.yes or args.dry_run):
        msg = "--json prints no question: add --yes (or --dry-run)"
        raise SetupError(msg)
    back = {variable["name"] for variable, action in steps if action != HAND}
    moves = [move for move in record["moves"] if move["variable"] in back] if args.move else []
    plan: dict[str, object] = {
        "root": record["root"],
        "store": store.where,
        "journal": journal_module.path(),
        "variables": [
            {"name": v["name"], "action": action, "before": v["before"], "after": v["after"]} for v, action in steps
        ],
        "moves": [{"from": move["target"], "to": move["source"], "tool": move["tool"]} for move in moves],
    }
    if not args.json:
        printing.show_disable(plan, steps, moves)
    if args.dry_run:
        return printing.done(args, {"plan": plan, "dry_run": True, "changed": False}, "dry run: nothing was changed")
    if not args.yes and not printing.confirm():
        return printing.fail("not confirmed: nothing was changed (add --yes to skip the question)")
    notes = _restore(record, steps, store)
    back_record: Journal = {**record, "moves": moves}
    outcomes, interrupted = _run_moves(back_record, reverse=True, quiet=args.json) if moves else ([], False)
    complete = all(outcome.complete for _, outcome in outcomes) and not interrupted
    if complete:
        journal_module.remove()
    else:  # kept for the next disable --move, and so that show and doctor say it is half undone
        record["state"] = journal_module.UNDOING
        for move in moves:
            move["done"] = False  # some files came back: an enable --move would take them there again
        journal_module.save(record)
    restored = sum(action == RESTORE for _, action in steps)
    hand = [variable["name"] for variable, action in steps if action == HAND]
    words = [f"restored {restored} settings in {store.where}", *notes]
    if hand:
        words.append(f"left alone (changed by hand since enable): {', '.join(hand)}")
    if not complete:
        words.append(f"some files were not moved back (above): run {PROG} disable --move again to finish")
    result = {"plan": plan, "dry_run": False, "changed": True, "notes": notes, "complete": complete}
    result["moves"] = [{"source": source, **outcome.as_dict()} for source, outcome in outcomes]
    status = INTERRUPTED if interrupted else (OK if complete else ERROR)
    return printing.done(args, result, "; ".join(words), status=status)


def _restore(record: Journal, steps: list[tuple[Variable, str]], store: RegistryStore | ProfileStore) -> list[str]:
    """Put the variables back as the journal says they were; return notes (lines kept because edited by hand)."""
    if isinstance(store, RegistryStore):
        names = {variable["name"]: variable["before"] for variable, action in steps if action == RESTORE}
        return store.commit(names) if names else []
    expected = {variable["name"]: variable["after"]["value"] for variable, action in steps if action != HAND}
    kept = store.remove(expected, record["profiles"])
    return [f"{path}: kept lines changed by hand: {'; '.join(lines)}" for path, lines in kept.items()]


def _restore_step(variable: Variable, store: RegistryStore | ProfileStore) -> tuple[Variable, str]:
    """Return the variable and what ``disable`` does with it: restore, already restored, or changed by hand."""
    current = store.get(variable["name"])
    after, before = variable["after"], variable["before"]
    if current is not None and current["value"] == after["value"]:
        return variable, RESTORE
    if store.kind == "profile":
        return variable, (RESTORED if current is None else HAND)
    if current == before:
        return variable, RESTORED
    return variable, HAND


# --- moves ----------------------------------------------------------------------------------------------------------


def _run_moves(record: Journal, *, reverse: bool, quiet: bool) -> tuple[list[tuple[str, Outcome]], bool]:
    """Carry out the journal's moves (``reverse``: back); return each outcome and whether Ctrl-C stopped them."""
    outcomes: list[tuple[str, Outcome]] = []
    progress = None if quiet else terminal_progress()
    for move in record["moves"]:
        if move["done"] and not reverse:
            continue
        source, target = (move["target"], move["source"]) if reverse else (move["source"], move["target"])
        if not quiet:
            printing.out(f"moving {move['tool']}: {source} -> {target}")
        try:
            outcome = move_tree(source, target, progress=progress)
        except KeyboardInterrupt:
            printing.out(f"interrupted: every file is in {source} or {target}; run the same command again to finish")
            return outcomes, True
        except MoveError as error:
            outcome = Outcome()
            outcome.stopped = str(error)
        outcomes.append((source, outcome))
        if not quiet:
            printing.show_outcome(outcome)
        if not reverse and outcome.complete:
            move["done"] = True
            journal_module.save(record)
    return outcomes, False


__all__ = ["disable", "enable"]
