"""Detection cost: how many questions reach the drive probe, per volume, in one process.

The goal is one round-trip to the OS per volume per process, then cached answers. Three probes are counted:

- ``simulated``: the testing kit's :class:`SimulatedProbe`, which caches nothing, so every question the policy asks
  is counted; after the first decision, the per-process memo must keep the properties from asking again.
- ``cached-backend``: the Windows backend's own cache (``StdlibProbe.volume`` over ``_query``), fed simulated answers
  on any OS; its ``_query`` calls are the round-trips a real Windows would see.
- ``windows``: the real probe, on Windows only; round-trips are the calls of its uncached layer (``_query`` where the
  backend has one, else ``volume``), counted by wrapping the probe object.

Every scenario starts from a cleared cache (a fresh process) and makes one call, then ``repeat`` more.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

import platformdirs_devdrive as pdd
from bench.measure import environ
from platformdirs_devdrive import _backends, _probe
from platformdirs_devdrive.testing import SimulatedProbe

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from platformdirs_devdrive._probe import Probe, VolumeInfo

WINDOWS = sys.platform == "win32"  # a name, not the test itself, so type checkers on Linux check the Windows branch


class Counter:
    """Counts the calls a probe object receives, by wrapping its methods on the instance (see :func:`counting`)."""

    def __init__(self, probe: Probe) -> None:
        self.probe = probe
        self.volume_root: dict[str, int] = {}  # keyed by the root it answered
        self.roots = 0
        self.volume: dict[str, int] = {}  # questions, keyed by root
        self.query: dict[str, int] | None = {} if callable(getattr(probe, "_query", None)) else None
        self._wrapped: list[str] = []

    def wrap(self) -> None:
        """Start counting."""
        probe = self.probe
        volume_root, roots, volume = probe.volume_root, probe.roots, probe.volume

        def count_volume_root(path: str) -> str:
            root = volume_root(path)
            self.volume_root[root] = self.volume_root.get(root, 0) + 1
            return root

        def count_roots() -> list[str]:
            self.roots += 1
            return roots()

        def count_volume(root: str) -> VolumeInfo:
            self.volume[root] = self.volume.get(root, 0) + 1
            return volume(root)

        self._wrap("volume_root", count_volume_root)
        self._wrap("roots", count_roots)
        self._wrap("volume", count_volume)
        if self.query is not None:
            query: Callable[[str], VolumeInfo] = getattr(probe, "_query")  # noqa: B009  # the backend's uncached layer
            counts = self.query

            def count_query(root: str) -> VolumeInfo:
                counts[root] = counts.get(root, 0) + 1
                return query(root)

            self._wrap("_query", count_query)

    def unwrap(self) -> None:
        """Stop counting."""
        for name in self._wrapped:
            delattr(self.probe, name)  # the class's method shows through again
        self._wrapped.clear()

    def _wrap(self, name: str, function: Callable[..., object]) -> None:
        object.__setattr__(self.probe, name, function)
        self._wrapped.append(name)

    def snapshot(self) -> dict[str, object]:
        """Return the counts so far; ``round_trips`` are per volume, from the uncached layer."""
        return {
            "volume_root": dict(self.volume_root),
            "roots": self.roots,
            "volume": dict(self.volume),
            "round_trips": dict(self.volume if self.query is None else self.query),
        }


def _difference(after: dict[str, object], before: dict[str, object]) -> dict[str, object]:
    """Return what was counted between two snapshots (volumes asked about zero times are left out)."""
    result: dict[str, object] = {}
    for key, value in after.items():
        earlier = before[key]
        if isinstance(value, dict) and isinstance(earlier, dict):
            changed = {root: count - earlier.get(root, 0) for root, count in value.items()}
            result[key] = {root: count for root, count in changed.items() if count}
        elif isinstance(value, int) and isinstance(earlier, int):
            result[key] = value - earlier
    return result


class CachedBackend:
    """The Windows backend's caching layer over simulated answers: ``StdlibProbe`` with its OS calls replaced."""

    @staticmethod
    def build(answers: SimulatedProbe) -> Probe | None:
        """Return the backend, or ``None`` when this version of ``_windows`` has no ``StdlibProbe._query``."""
        try:
            from platformdirs_devdrive._windows import StdlibProbe  # noqa: PLC0415  # pure Python; Windows calls are lazy
        except ImportError:
            return None
        if not callable(getattr(StdlibProbe, "_query", None)):
            return None

        class Backend(StdlibProbe):
            name = "stdlib-over-simulated"

            def volume_root(self, path: str) -> str:
                return answers.volume_root(path)

            def _query(self, root: str) -> VolumeInfo:
                return answers.volume(root)

            def _mounts(self) -> list[list[str]]:  # what roots() and dev_drives() list, one volume at a time
                return [[root] for root in answers.roots()]

        return Backend()


@contextmanager
def counting(probe: Probe) -> Iterator[Counter]:
    """Count the calls ``probe`` receives inside the block."""
    counter = Counter(probe)
    counter.wrap()
    try:
        yield counter
    finally:
        counter.unwrap()


@contextmanager
def installed(probe: Probe) -> Iterator[Probe]:
    """Make ``probe`` the current one, with every cache cleared on the way in and out (a fresh process)."""
    _probe.push_probe(probe)
    pdd.clear_cache()  # after the push, so that the probe's own cache is cleared too
    try:
        yield probe
    finally:
        pdd.clear_cache()
        _probe.pop_probe(probe)


class Scenario:
    """Calls to count: ``resolutions`` full resolutions on first use; ``memoized`` when repeats should ask nothing."""

    def __init__(  # a record
        self,
        key: str,
        label: str,
        env: dict[str, str | None],
        call: Callable[[], object],
        *,
        resolutions: int = 1,
        memoized: bool = True,
    ) -> None:
        self.key = key
        self.label = label
        self.env = env
        self.call = call
        self.resolutions = resolutions
        self.memoized = memoized


def scenarios(target: str, root: str) -> list[Scenario]:
    """The calls to count; ``target`` is where a tool installs to, ``root`` a folder the tool names as its drive."""
    auto: dict[str, str | None] = {"PLATFORMDIRS_DEVDRIVE": "auto"}

    def startup() -> None:
        pdd.user_cache_dir("pip", appauthor=False)
        pdd.user_temp_dir("pip", near=target)
        pdd.resolve_cache_dir("pip", appauthor=False)

    return [
        Scenario("cache_auto", "user_cache_dir, auto", auto, lambda: pdd.user_cache_dir("pip", appauthor=False)),
        Scenario(
            "temp_near",
            "user_temp_dir(near=<target>), auto (no memo: temp folders are checked on every call)",
            auto,
            lambda: pdd.user_temp_dir("pip", near=target),
            memoized=False,
        ),
        Scenario(
            "cache_root",
            "user_cache_dir(devdrive=<chosen folder>)",
            {},
            lambda: pdd.user_cache_dir("pip", appauthor=False, devdrive=root),
        ),
        Scenario(
            "resolve_auto",
            "resolve_cache_dir, auto (no memo, by design)",
            auto,
            lambda: pdd.resolve_cache_dir("pip", appauthor=False),
            memoized=False,
        ),
        Scenario(
            "startup",
            "a tool's start-up: user_cache_dir, user_temp_dir(near=<target>), resolve_cache_dir",
            auto,
            startup,
            resolutions=3,
            memoized=False,
        ),
    ]


def _count(
    probe: Probe, labels: dict[str, str], target: str, root: str, repeat: int, *, install: bool = True
) -> list[object]:
    """Count each scenario's questions to ``probe`` (made current when ``install``; the real one already is)."""
    rows: list[object] = []
    for scenario in scenarios(target, root):
        with ExitStack() as stack:
            stack.enter_context(environ(**scenario.env))
            if install:
                stack.enter_context(installed(probe))
            else:
                pdd.clear_cache()  # as a fresh process starts (installed() clears on entry)
            counter = stack.enter_context(counting(probe))
            start = time.perf_counter_ns()
            scenario.call()
            first_us = (time.perf_counter_ns() - start) / 1000
            first = counter.snapshot()
            for _ in range(repeat):
                scenario.call()
            rows.append(
                {
                    "key": scenario.key,
                    "label": scenario.label,
                    "resolutions": scenario.resolutions,
                    "memoized": scenario.memoized,
                    "first": _relabel(first, labels),
                    "repeat": _relabel(_difference(counter.snapshot(), first), labels),
                    "first_call_us": round(first_us, 1),
                }
            )
    return rows


def _relabel(counts: dict[str, object], labels: dict[str, str]) -> dict[str, object]:
    # Temporary directories differ from run to run; the report names the volumes by their role.
    return {
        key: {labels.get(root, root): count for root, count in value.items()} if isinstance(value, dict) else value
        for key, value in counts.items()
    }


def measure(*, root: str, repeat: int) -> dict[str, object]:
    """Count the probe's questions and round-trips per volume for each scenario."""
    drive = os.path.join(root, "dev-drive")
    plain = os.path.join(root, "plain-volume")
    for folder in (drive, plain):
        os.makedirs(folder, exist_ok=True)
    target = os.path.join(drive, "project", "site-packages")
    labels = {drive: "<Dev Drive>", plain: "<plain volume>", "C:\\": "<system volume>"}
    answers = SimulatedProbe(windows=True)
    answers.add_drive(drive, dev_drive=True)
    answers.add_drive(plain, dev_drive=False)
    result: dict[str, object] = {
        "repeat": repeat,
        "simulated": {"probe": "SimulatedProbe", "scenarios": _count(answers, labels, target, plain, repeat)},
    }
    backend = CachedBackend.build(answers)
    result["cached_backend"] = (
        {"probe": type(backend).__mro__[1].__name__, "scenarios": _count(backend, labels, target, plain, repeat)}
        if backend is not None
        else {"measured": False, "why": "this version of _windows has no StdlibProbe._query"}
    )
    result["windows"] = _measure_windows(root, repeat)
    return result


def _measure_windows(root: str, repeat: int) -> dict[str, object]:
    if not WINDOWS:
        return {"measured": False, "why": "not Windows"}
    pdd.clear_cache()
    probe = _backends.current_probe()
    target = os.path.join(root, "target")
    os.makedirs(target, exist_ok=True)
    rows = _count(probe, {}, target, root, repeat, install=False)
    pdd.clear_cache()
    return {"measured": True, "probe": f"{type(probe).__name__} ({probe.name})", "scenarios": rows}
