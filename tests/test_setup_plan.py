"""The plan of enable: which variables are set, kept ("yours"), already in place or skipped, and what moves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from platformdirs_devdrive import _places, _tools
from platformdirs_devdrive._setup import journal, plan
from platformdirs_devdrive._setup.userenv import REG_EXPAND_SZ, REG_SZ

if TYPE_CHECKING:
    from pathlib import Path

    from platformdirs_devdrive._setup.journal import Value


class FakeRegistry:
    """HKCU\\Environment as a dictionary: the plan only reads it."""

    kind = "registry"
    where = "HKCU\\Environment"

    def __init__(self, values: dict[str, Value] | None = None) -> None:
        self.values = values or {}

    def get(self, name: str) -> Value | None:
        return self.values.get(name)

    def new_value(self, value: str) -> Value:
        return {"value": value, "type": REG_SZ}


def _plan(
    store: FakeRegistry | None = None,
    env: dict[str, str] | None = None,
    named: list[str] | None = None,
    record: journal.Journal | None = None,
    root: str = "D:\\",
) -> dict[str, plan.Item]:
    built = plan.build(
        root,
        named=_tools.find(named) if named else None,
        store=store or FakeRegistry(),  # type: ignore[arg-type]  # the registry's reading half
        env=env or {"USERPROFILE": "C:\\Users\\me", "LOCALAPPDATA": "C:\\Users\\me\\AppData\\Local"},
        journal=record,
        platform=_places.WINDOWS,
        move=True,
    )
    return {item.setting.name: item for item in built.items}


def test_every_tool_and_the_flag_are_set_on_a_fresh_account() -> None:
    items = _plan()

    assert {item.action for item in items.values()} == {plan.SET}
    assert items["PIP_CACHE_DIR"].value == "D:\\.cache\\pip\\Cache"
    assert items["PLATFORMDIRS_DEVDRIVE"].value == "D:\\"
    assert items["PIP_CACHE_DIR"].before == {"PIP_CACHE_DIR": None}
    assert items["pnpm_config_store_dir"].before == {"pnpm_config_store_dir": None, "npm_config_store_dir": None}


def test_named_tools_come_with_the_flag_only() -> None:
    assert set(_plan(named=["uv"])) == {"UV_CACHE_DIR", "PLATFORMDIRS_DEVDRIVE"}


def test_a_stored_value_is_yours_and_kept_with_its_type_recorded_when_replaced() -> None:
    store = FakeRegistry({"UV_CACHE_DIR": {"value": "%USERPROFILE%\\uv", "type": REG_EXPAND_SZ}})

    kept = _plan(store)["UV_CACHE_DIR"]
    replaced = _plan(store, named=["uv"])["UV_CACHE_DIR"]

    assert kept.action == plan.YOURS
    assert "set by you (UV_CACHE_DIR=%USERPROFILE%\\uv): kept; name uv in --tools" in kept.note
    assert replaced.action == plan.SET
    assert replaced.before == {"UV_CACHE_DIR": {"value": "%USERPROFILE%\\uv", "type": REG_EXPAND_SZ}}


def test_an_alias_the_tool_reads_counts_as_yours() -> None:
    env = {"USERPROFILE": "C:\\Users\\me", "NPM_CONFIG_CACHE": "E:\\npm"}

    assert _plan(env=env)["npm_config_cache"].action == plan.YOURS


def test_maven_keeps_the_other_options() -> None:
    env = {"USERPROFILE": "C:\\Users\\me", "MAVEN_OPTS": "-Xmx2g"}

    item = _plan(env=env)["MAVEN_OPTS"]

    assert item.action == plan.SET  # -Xmx2g names no repository: not a location of the user's
    assert item.value == "-Dmaven.repo.local=D:\\.cache\\maven -Xmx2g"


def test_a_root_maven_or_conda_cannot_take_is_skipped_with_the_reason() -> None:
    items = _plan(root="D:\\my, drive")

    assert items["MAVEN_OPTS"].action == plan.SKIP
    assert "Maven splits MAVEN_OPTS at spaces" in items["MAVEN_OPTS"].note
    assert items["CONDA_PKGS_DIRS"].action == plan.SKIP
    assert items["PIP_CACHE_DIR"].action == plan.SET


def test_what_an_earlier_enable_wrote_is_ours_not_yours() -> None:
    record = journal.new("D:\\", _places.WINDOWS)
    record["variables"].append(
        {"name": "UV_CACHE_DIR", "before": None, "after": {"value": "D:\\.cache\\uv", "type": REG_SZ}}
    )
    store = FakeRegistry({"UV_CACHE_DIR": {"value": "D:\\.cache\\uv", "type": REG_SZ}})

    assert _plan(store, record=record)["UV_CACHE_DIR"].action == plan.SAME


def test_the_first_enables_before_value_is_kept(tmp_path: Path) -> None:
    record = journal.new("D:\\", _places.WINDOWS)
    original: Value = {"value": "C:\\mine", "type": REG_SZ}
    record["variables"].append(
        {"name": "UV_CACHE_DIR", "before": original, "after": {"value": "D:\\x", "type": REG_SZ}}
    )
    store = FakeRegistry({"UV_CACHE_DIR": {"value": "D:\\x", "type": REG_SZ}})

    item = _plan(store, record=record)["UV_CACHE_DIR"]

    assert item.action == plan.SET  # D:\x was ours: it is simply corrected
    assert item.before == {"UV_CACHE_DIR": original}


def test_moves_come_from_the_old_location_of_this_machine(tmp_path: Path) -> None:
    old = tmp_path / "old-pip"
    old.mkdir()
    root = tmp_path / "fast"
    built = plan.build(
        str(root),
        named=_tools.find(["pip", "uv"]),
        store=FakeRegistry(),  # type: ignore[arg-type]
        env={"HOME": str(tmp_path), "PIP_CACHE_DIR": str(old)},
        journal=None,
        platform=_places.current_platform(),
        move=True,
    )

    moves = {item.setting.name: item.move_from for item in built.moves}
    assert moves == {"PIP_CACHE_DIR": str(old)}  # uv's default folder does not exist: nothing to move


def test_windows_variable_names_are_one_whatever_their_case() -> None:
    # os.environ on Windows reports names in capitals: pnpm's pnpm_config_store_dir is PNPM_CONFIG_STORE_DIR there.
    env = {"USERPROFILE": "C:\\Users\\me", "PNPM_CONFIG_STORE_DIR": "E:\\pnpm"}

    item = _plan(env=env)["pnpm_config_store_dir"]

    assert item.action == plan.YOURS
    assert item.current == ("pnpm_config_store_dir", "E:\\pnpm")
