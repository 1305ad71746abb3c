r"""The plan of an ``enable``: which variables get which value, which are the user's own and kept, what moves where.

Built from the tools table (:data:`~.._tools.TOOLS`), the user's stored environment (:mod:`.userenv`), this process's
environment and the journal of an earlier ``enable`` (:mod:`.journal`), and changed by nothing: printing it is the
``--dry-run``, carrying it out is :mod:`.commands`' job.

A variable the user set by hand (in the stored environment or in this one) is the user's: without ``--tools`` it is
kept and shown as "yours"; naming its tool in ``--tools`` replaces it, and the journal keeps the old value. A variable
an earlier ``enable`` wrote is ours, not the user's, so running ``enable`` again changes nothing that is in place and
completes what was left (an interrupted move).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .. import _places, _tools
from .userenv import ENVIRONMENT

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from .journal import Journal, Value
    from .userenv import ProfileStore, RegistryStore

SET = "set"
"""The variable gets the new value."""
YOURS = "yours"
"""The user set it by hand and did not name the tool: kept."""
SAME = "same"
"""It already has the new value: nothing to write."""
SKIP = "skip"
"""The tool cannot be given a folder on this root (the item's ``note`` says why)."""
RESTORE = "restore"
"""``disable``: the variable goes back to what it was before ``enable``."""
RESTORED = "restored"
"""``disable``: it already is as before ``enable`` (nothing to write)."""
HAND = "changed-by-hand"
"""``disable``: it was changed by hand since ``enable``: left alone, and said so."""


class Item:
    """One setting of one tool in the plan."""

    __slots__ = ("action", "before", "current", "move_from", "names", "note", "setting", "target", "tool", "value")

    def __init__(  # a record
        self,
        tool: _tools.Tool,
        setting: _tools.Setting,
        action: str,
        *,
        target: str,
        value: str | None = None,
        current: tuple[str, str] | None = None,
        note: str = "",
    ) -> None:
        self.tool = tool
        self.setting = setting
        self.names = setting.names
        self.action = action
        self.target = target
        self.value = value
        self.current = current  # (variable, folder) in effect now, if any
        self.note = note
        self.before: dict[str, Value | None] = {}  # per variable, what the journal keeps for disable
        self.move_from: str | None = None  # the folder whose contents move into target

    def as_dict(self) -> dict[str, object]:
        """Return the item as JSON-ready data."""
        return {
            "tool": self.tool.name,
            "variables": list(self.names),
            "action": self.action,
            "value": self.value,
            "target": self.target,
            "current": None if self.current is None else {"variable": self.current[0], "path": self.current[1]},
            "before": self.before,
            "move_from": self.move_from,
            "note": self.note,
        }


class Plan:
    """Everything an ``enable`` of ``root`` would do."""

    __slots__ = ("items", "platform", "root", "store")

    def __init__(self, root: str, platform: str, store: RegistryStore | ProfileStore, items: list[Item]) -> None:
        self.root = root
        self.platform = platform
        self.store = store
        self.items = items

    @property
    def writes(self) -> list[Item]:
        """The items whose variables are written."""
        return [item for item in self.items if item.action == SET]

    @property
    def moves(self) -> list[Item]:
        """The items whose caches move."""
        return [item for item in self.items if item.move_from is not None]

    def as_dict(self) -> dict[str, object]:
        """Return the plan as JSON-ready data."""
        return {
            "root": self.root,
            "platform": self.platform,
            "store": self.store.where,
            "items": [item.as_dict() for item in self.items],
        }


class _Caseless(dict[str, str]):
    """Windows' environment: one variable whatever the case of its name.

    ``os.environ`` there reports ``NPM_CONFIG_CACHE`` for the ``npm_config_cache`` a tool reads.
    """

    def __init__(self, env: Mapping[str, str]) -> None:
        super().__init__((name.upper(), value) for name, value in env.items())

    def __getitem__(self, name: str) -> str:
        return super().__getitem__(name.upper())

    def __setitem__(self, name: str, value: str) -> None:
        super().__setitem__(name.upper(), value)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(name.upper())

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]  # str keys only
        """Return the variable ``name`` in any case, or ``default``."""
        return super().get(name.upper(), default)


class _Known:
    """What the plan is made from: the environment a new shell will see, and what an earlier enable recorded."""

    __slots__ = ("effective", "env", "ours", "pending", "places", "platform", "recorded", "root", "store", "stored")

    def __init__(  # a record
        self,
        root: str,
        platform: str,
        store: RegistryStore | ProfileStore,
        env: Mapping[str, str],
        journal: Journal | None,
    ) -> None:
        self.root = root
        self.platform = platform
        self.store = store
        self.env = env
        variables = journal["variables"] if journal else []
        self.ours = {variable["name"]: variable["after"]["value"] for variable in variables}
        self.recorded = {variable["name"]: variable["before"] for variable in variables}
        moves = journal["moves"] if journal else []
        self.pending = {(move["tool"], move["variable"]): move["source"] for move in moves if not move["done"]}
        self.stored: dict[str, Value | None] = {}
        self.effective: dict[str, str] = _Caseless(env) if platform == _places.WINDOWS else dict(env)
        self.places = _places.Places(platform, self.effective)

    def read(self, setting: _tools.Setting) -> None:
        """Read the stored values of ``setting``'s variables: what a new shell will see."""
        for name in (*setting.names, *setting.aliases):
            self.stored[name] = value = self.store.get(name)
            if value is not None:
                self.effective[name] = value["value"]

    def before(self, name: str) -> Value | None:
        """Return what ``disable`` puts back for ``name``: what the first enable saw, else what is there now."""
        if name in self.recorded:
            return self.recorded[name]
        if self.store.kind == "registry":
            return self.stored.get(name)
        found = self.env.get(name)  # POSIX: the user's own setting, somewhere; removing our block brings it back
        return None if found is None else {"value": found, "type": ENVIRONMENT}

    def theirs(self, variable: str) -> bool:
        """Whether ``variable``'s value in effect is the user's own, not one an earlier enable wrote."""
        return self.effective.get(variable) != self.ours.get(variable)


def build(
    root: str,
    *,
    named: Sequence[_tools.Tool] | None,
    store: RegistryStore | ProfileStore,
    env: Mapping[str, str],
    journal: Journal | None,
    platform: str,
    move: bool,
) -> Plan:
    """Return the plan for ``enable``: ``named`` tools (``None``: all), on ``root``; reads, writes nothing."""
    tools = list(named or _tools.TOOLS)
    flag = next(tool for tool in _tools.TOOLS if tool.name == _tools.ENV_VAR_TOOL)
    if flag not in tools:
        tools.append(flag)  # the opt-in itself: always
    named_names = {tool.name for tool in named or ()}
    known = _Known(root, platform, store, env, journal)
    for tool in tools:
        for setting in tool.settings:
            known.read(setting)
    items = []
    for tool in tools:
        for setting in tool.settings:
            item = _item(known, tool, setting, named=tool.name in named_names)
            if item.action == SET:
                item.before = {name: known.before(name) for name in setting.names}
            if move and item.action in {SET, SAME} and setting.shape != _tools.ROOT:
                source = known.pending.get((tool.name, setting.name)) or _old_location(known, setting, item)
                if source and _movable(source, item.target, platform):
                    item.move_from = source
            items.append(item)
    return Plan(root, platform, store, items)


def _item(known: _Known, tool: _tools.Tool, setting: _tools.Setting, *, named: bool) -> Item:
    target = setting.target(known.root, known.platform)
    if problem := _tools.target_problem(setting, target):
        return Item(tool, setting, SKIP, target=target, note=problem)
    value = setting.value(target, known.effective)
    current = setting.current(known.effective)
    if all(known.effective.get(name) == value for name in setting.names):
        return Item(tool, setting, SAME, target=target, value=value, current=current, note="already set")
    if current is not None and known.theirs(current[0]) and not named:
        words = f"{current[0]}={known.effective.get(current[0])}"
        note = f"set by you ({words}): kept; name {tool.name} in --tools to replace it"
        return Item(tool, setting, YOURS, target=target, value=value, current=current, note=note)
    note = tool.note if setting is tool.settings[0] and tool.note else setting.note
    return Item(tool, setting, SET, target=target, value=value, current=current, note=note)


def _old_location(known: _Known, setting: _tools.Setting, item: Item) -> str | None:
    """Return where the tool's cache was before ``enable``: the user's own setting, else the tool's default."""
    if setting.name in known.recorded:  # an earlier enable saw what was there
        before = known.recorded[setting.name]
        found = setting.current({setting.name: before["value"]}) if before else None
        return found[1] if found else setting.default(known.places)
    if item.current is not None and known.theirs(item.current[0]):
        return item.current[1]
    return setting.default(known.places)


def _movable(source: str, target: str, platform: str) -> bool:
    """Whether ``source`` is a folder here whose contents can go to ``target`` (not the same folder)."""
    if platform != _places.current_platform() or not os.path.isabs(source):
        return False  # another OS's paths (the docs' simulated Windows): nothing here to move
    if not os.path.isdir(source) or os.path.islink(source):
        return False
    same = os.path.normcase(os.path.abspath(source)) == os.path.normcase(os.path.abspath(target))
    return not same


__all__ = ["HAND", "RESTORE", "RESTORED", "SAME", "SET", "SKIP", "YOURS", "Item", "Plan", "build"]
