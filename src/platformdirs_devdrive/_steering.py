"""Who steers the directories besides the flag: a patched ``PlatformDirs``, and platformdirs' own test isolation.

platformdirs' functions build ``PlatformDirs(...)`` on each call, so a test that patches that class (or a property of
it) steers them; ours follow the same patches (:func:`platform_dirs_class`). ``platformdirs.testing.isolated_dirs``
(and the ``platformdirs_isolated`` fixture) patch the properties of ``platformdirs.PlatformDirs``, which our class
inherits: while it does, Dev Drive use steps aside (:func:`steered`), so that a developer's ``PLATFORMDIRS_DEVDRIVE``
cannot leak into a test suite that believes it is isolated, and temp stays in the isolated tree too.
"""

from __future__ import annotations

import os
import sys

import platformdirs
from platformdirs import PlatformDirs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from platformdirs.api import PlatformDirsABC

    from ._report import Resolution

# The class isolated_dirs patches, and its user_cache_dir as platformdirs defined it.
_PLATFORM = PlatformDirs
_PLATFORM_CACHE = vars(PlatformDirs).get("user_cache_dir")
_PACKAGE = __package__ or ""
_PROBE_MODULE = f"{_PACKAGE}._probe"
_names: dict[str, Any] | None = None


def platform_dirs_class(ours: type[PlatformDirsABC]) -> type[PlatformDirsABC]:
    """Return the class the module functions build now, as platformdirs' functions build its ``PlatformDirs``.

    Our package's ``PlatformDirs`` (``ours`` unless patched), or what a test patched in: into our package
    (``mock.patch.object(platformdirs_devdrive, "PlatformDirs", Fake)``), or into platformdirs itself
    (``mocker.patch("platformdirs.PlatformDirs", Windows)``, which tests written for platformdirs keep doing after
    swapping us in). A patch of ours wins over one of platformdirs'.
    """
    global _names  # noqa: PLW0603  # the package's namespace, found once: every module function asks this
    names = _names
    if names is None:
        package = sys.modules.get(_PACKAGE)
        if package is None:
            return ours
        names = _names = vars(package)  # the same dict for the package's life (a reload refills it in place)
    named: type[PlatformDirsABC] = names.get("PlatformDirs", ours)
    if named is ours and platformdirs.PlatformDirs is not _PLATFORM:
        return platformdirs.PlatformDirs
    return named


def steered(dirs: PlatformDirsABC) -> bool:
    """Whether platformdirs' own class has its ``user_cache_dir`` replaced for ``dirs``, and no simulated world answers.

    Whoever steers platformdirs' cache (``isolated_dirs``, a test's mock) steers ours: Dev Drive use steps aside,
    whatever ``PLATFORMDIRS_DEVDRIVE`` or ``devdrive=`` say. A world of our testing kit is the test's own explicit
    choice of drives, and is honoured.
    """
    if vars(_PLATFORM).get("user_cache_dir") is _PLATFORM_CACHE or not isinstance(dirs, _PLATFORM):
        return False
    probe_module = sys.modules.get(_PROBE_MODULE)
    return probe_module is None or probe_module.simulated() is None


def steered_temp(appname: str | None, *, ensure_exists: bool) -> str | None:
    """Return the temp folder while :func:`steered`: ``user_temp/$appname`` beside the patched ``user_cache`` kind.

    ``isolated_dirs(root)`` maps each kind to ``<root>/<kind>`` (``<root>/user_cache``), so temp is
    ``<root>/user_temp/$appname``: inside the isolated tree, like everything else handed out there. ``None`` when the
    patch answers no path (a bare mock): there is no tree to stay in, and the usual resolution answers.
    """
    cache_kind: object = _PLATFORM().user_cache_dir  # no appname, version or ensure_exists: the kind's own folder
    if not isinstance(cache_kind, str):
        return None
    path = os.path.join(os.path.dirname(cache_kind), "user_temp", *([appname] if appname else []))
    if ensure_exists:
        try:  # noqa: SIM105  # contextlib is not loaded by the off path
            os.makedirs(path, mode=0o700, exist_ok=True)
        except OSError:
            pass  # the tool's own use of the folder reports the problem, as with a fallback that cannot be created
    return path


def steered_report(kind: str, path: str) -> Resolution:
    """Return the report of a directory :func:`steered` away from Dev Drive use: ``path``, code ``steered``."""
    from ._report import Reason, Resolution, Source, explain  # noqa: PLC0415  # loaded only when steered

    return Resolution(
        kind=kind,
        path=path,
        standard_path=path,
        on_dev_drive=False,
        root=None,
        source=Source.FALLBACK,
        code=Reason.STEERED,
        reason=explain(Reason.STEERED),
    )


__all__ = [
    "platform_dirs_class",
    "steered",
    "steered_report",
    "steered_temp",
]
