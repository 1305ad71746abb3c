r"""The field report of ``platformdirs-devdrive report``: what a user attaches to an issue, as JSON-ready data.

It holds every detection backend's raw answers for every volume (not only the one the policy uses, so a
disagreement between CPython's ``os.path.isdevdrive`` machinery and our ctypes port shows), the Windows build, the
Python, package and platformdirs versions, the ``PLATFORMDIRS_DEVDRIVE`` value, and the resolutions pip would get.
Nothing personal leaves the machine: the user's profile folder becomes ``<home>`` and the user's name ``<user>``
wherever they occur; drive letters and volume roots stay, they are what the report is about.

Like every diagnostic it creates nothing: each resolution is a preview that does not anchor ``<root>\.cache``, and
fresh backends are built for the report, so the answers are the machine's, not the process's cache. CLI-only: the
library never imports this module.
"""

from __future__ import annotations

import os
import platform
import re
import sys

from . import __devdrive_version__, _api, _backends, _probe
from ._flag import ENV_VAR, flag_state, read_flag

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ._probe import Probe

SCHEMA = 1
"""The report's format version; a key removed or changed in meaning raises it."""
HOME = "<home>"
"""What the user's profile folder is replaced with."""
USER = "<user>"
"""What the user's name is replaced with."""
PIP = "pip"
"""The app whose resolutions the report shows: pip asks ``appauthor=False``."""


def build() -> dict[str, object]:
    """Return the report: plain JSON-ready data, with the user's home folder and name replaced by placeholders."""
    value = read_flag()
    probes = _fresh_backends()
    report: dict[str, object] = {
        "schema": SCHEMA,
        "package": {"name": "platformdirs-devdrive", "version": __devdrive_version__},
        "platformdirs": {"version": _platformdirs_version()},
        "python": {
            "version": sys.version.split()[0],
            "implementation": sys.implementation.name,
            "build": sys.version,
            "bits": 64 if sys.maxsize > 2**32 else 32,
        },
        "os": _os_facts(),
        "flag": {"name": ENV_VAR, "value": value, "state": flag_state(value)[0]},
        "probe": _backends.current_probe().name,
        "backends": [_backend(probe) for probe in probes],
        "resolutions": _resolutions(),
    }
    return scrub(report, os.environ, windows=sys.platform == "win32")


# --- the backends ---------------------------------------------------------------------------------------------------


def _fresh_backends() -> list[Probe]:
    """Fresh instances of every backend this Python has, plus the simulated probe of the testing kit if one is on."""
    found: list[Probe] = []
    if sys.platform == "win32":  # pragma: no-cover-if-not-windows
        import nt  # noqa: PLC0415  # Windows-only builtin module

        from . import _windows  # noqa: PLC0415  # Windows-only, and ctypes is costly to import

        if all(hasattr(nt, name) for name in _windows.STDLIB_FUNCTIONS):  # Python 3.12+
            found.append(_windows.StdlibProbe(nt))
        found.append(_windows.Win32Probe())
    else:
        found.append(_probe.PosixProbe())
    current = _backends.current_probe()
    if type(current) not in {type(probe) for probe in found}:
        found.append(current)  # a simulated world (the testing kit, the docs): report what the policy is told
    return found


def _backend(probe: Probe) -> dict[str, object]:
    """One backend's raw answers: its roots, each root's volume, and the volume of the folders pip would use."""
    data: dict[str, object] = {"name": probe.name, "supported": probe.supported, "roots": None, "error": None}
    try:
        roots = probe.roots()
    except (OSError, ValueError) as error:  # the contract: only these; the report says which
        data["error"] = _describe(error)
        roots = []
    else:
        data["roots"] = roots
    data["volumes"] = [probe.volume(root).as_dict() for root in roots]  # volume() never raises
    data["dev_drives"] = _answer(probe.dev_drives)
    data["paths"] = {name: _volume_of(probe, path) for name, path in _folders().items()}
    return data


def _folders() -> dict[str, str]:
    """Return the standard folders whose volume matters: pip's cache and the temp folder."""
    import tempfile  # noqa: PLC0415  # only the report needs it

    return {
        "pip_cache": _api.DevDrivePlatformDirs(PIP, appauthor=False, devdrive=False).user_cache_dir,
        "temp": tempfile.gettempdir(),
    }


def _volume_of(probe: Probe, path: str) -> dict[str, object]:
    root = _answer(lambda: probe.volume_root(path))
    volume = probe.volume(root["value"]).as_dict() if isinstance(root["value"], str) else None
    return {"path": path, "volume_root": root["value"], "volume": volume, "error": root["error"]}


def _answer(question: Callable[[], object]) -> dict[str, object]:
    try:
        return {"value": question(), "error": None}
    except (OSError, ValueError) as error:
        return {"value": None, "error": _describe(error)}


# --- the machine ----------------------------------------------------------------------------------------------------


def _os_facts() -> dict[str, object]:
    facts: dict[str, object] = {"platform": sys.platform, "release": platform.release()}
    # platform.version() asks WMI on 3.12+ and falls back to `ver` where _wmi is missing (it is disabled under Wine).
    facts["version"] = platform.version()
    if sys.platform == "win32":
        version = sys.getwindowsversion()
        facts["windows"] = {
            "major": version.major,
            "minor": version.minor,
            "build": version.build,
            "service_pack": version.service_pack,
            "platform_version": list(version.platform_version),  # the kernel's own, not the manifest's
            "edition": platform.win32_edition(),
        }
    return facts


def _platformdirs_version() -> str | None:
    # platformdirs' own attribute, not importlib.metadata: vendored copies have no distribution metadata.
    import platformdirs  # noqa: PLC0415  # already imported by the package

    version = getattr(platformdirs, "__version__", None)
    return version if isinstance(version, str) else None


def _resolutions() -> dict[str, dict[str, object]]:
    """Resolve pip's cache and temp folders as pip would get them now (``devdrive=None``) and with ``devdrive=True``."""
    found: dict[str, dict[str, object]] = {}
    for kind in ("cache", "temp"):
        found[kind] = {}
        for label, devdrive in (("now", None), ("on", True)):
            preview = _api.DevDrivePlatformDirs(PIP, appauthor=False, devdrive=devdrive)
            preview._anchor = False  # noqa: SLF001  # a diagnostic writes nothing, not even <root>/.cache
            report = preview.resolve_cache() if kind == "cache" else preview.resolve_temp()
            found[kind][label] = report.as_dict()
    return found


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


# --- no personal paths ----------------------------------------------------------------------------------------------


def scrub(data: dict[str, object], env: Mapping[str, str], *, windows: bool) -> dict[str, object]:
    """Return ``data`` with the user's profile folder replaced by ``<home>`` and the user's name by ``<user>``.

    The profile folder is every spelling the environment gives (``USERPROFILE``, ``HOME``, ``~``), matched without
    regard to case on Windows; the name (``USERNAME``, ``USER``, ``LOGNAME``, :func:`getpass.getuser`) where it is a
    path component or a whole value, so that a name such as ``root`` or ``me`` leaves the reasons' words be.
    """
    homes = {env.get(name, "").rstrip("\\/") for name in ("USERPROFILE", "HOME")}
    homes.add(os.path.expanduser("~").rstrip("\\/"))
    names = {env.get(name, "").strip() for name in ("USERNAME", "USER", "LOGNAME")}
    names.add(_login_name())
    flags = re.IGNORECASE if windows else 0
    patterns = [
        (re.compile(re.escape(home), flags), HOME)  # wherever it occurs: too much hidden is no leak
        for home in sorted(homes, key=len, reverse=True)
        if len(home) > 1  # "/" or "" would match everything
    ]
    for name in sorted(names, key=len, reverse=True):
        if name:
            word = re.escape(name)
            # A path component (D:\.cache\me\, C:\Users\me.CORP) or the whole value; "root" in a reason stays.
            alone = rf"(?<=[\\/]){word}(?![^\W_])|(?<![^\W_]){word}(?=[\\/])|^{word}$"
            patterns.append((re.compile(alone, flags), USER))

    def clean(value: object) -> object:
        if isinstance(value, str):
            for pattern, placeholder in patterns:
                value = pattern.sub(placeholder, value)
            return value
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}  # keys are ours: "root" is no user
        if isinstance(value, (list, tuple)):
            return [clean(item) for item in value]
        return value

    cleaned = clean(data)
    assert isinstance(cleaned, dict)  # a dict stays a dict
    return cleaned


def _login_name() -> str:
    import getpass  # noqa: PLC0415  # only the report needs it

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no name in the environment and none in the password database
        return ""


__all__ = ["HOME", "SCHEMA", "USER", "build", "scrub"]
