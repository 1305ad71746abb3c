"""Virtual environments with the real pip (the index's current release), built once per Python per session.

Four kinds per Python, each a fresh ``python -m venv`` with ``pip install --upgrade pip``:

- ``vendored``: pip as released, with its own vendored platformdirs: the reference;
- ``swapped``: plus our wheel and ``pdd-pip-swap.pth``, which makes ``pip._vendor.platformdirs`` resolve to
  ``platformdirs_devdrive`` (see ``pip_swap.py``): the drop-in, with pip unchanged;
- ``phase1`` / ``phase2``: our package vendored into ``pip/_vendor`` by the ``vendoring`` tool's own import
  rewriting, and docs/pip/phase1.diff (then phase2.diff) applied to pip with ``git apply``: what a pip maintainer ships.

Enabled by ``PDD_PIP_INTEGRATION`` (a folder holding our wheel, as tox builds it, or ``build`` to build one here);
the Pythons come from ``PDD_PIP_PYTHONS`` (default ``3.11 3.13``), found on ``PATH`` or under ``$(pyenv root)``.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterable

ENABLED_VAR = "PDD_PIP_INTEGRATION"
PYTHONS_VAR = "PDD_PIP_PYTHONS"
SIMULATED_VAR = "PDD_SIMULATED_DEVDRIVES"
REPO = Path(__file__).parents[2]
DOCS_PIP = REPO / "docs" / "pip"
SWAP_MODULE = Path(__file__).with_name("pip_swap.py")
#: pip's own vendoring configuration: files in pip/_vendor that are not vendored libraries (pyproject.toml).
PIP_PROTECTED_FILES = ["__init__.py", "README.rst", "vendor.txt"]
#: Variables of this machine or of tox that must not reach the pip under test.
DROPPED = ("PLATFORMDIRS_DEVDRIVE", "WIN_PD_OVERRIDE_LOCAL_APPDATA", "DEV_DRIVE", "PYTHONPATH", "PYTHONHOME")
DROPPED_PREFIXES = ("PIP_", "PYTHONWARN", "COVERAGE", "VIRTUAL_ENV", "XDG_", "PDD_")


def versions() -> list[str]:
    return os.environ.get(PYTHONS_VAR, "3.11 3.13").split()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "python_version" in metafunc.fixturenames:
        metafunc.parametrize("python_version", versions(), scope="session", ids=[f"py{v}" for v in versions()])


def _output(args: list[str]) -> str:
    return subprocess.run(args, capture_output=True, encoding="utf-8", check=False).stdout.strip()


def find_python(version: str) -> str:
    """Return an interpreter of ``version`` (``3.13``): ``python3.13`` on PATH, else pyenv's; fail if there is none.

    Each candidate is asked for its version and real executable: a pyenv shim on PATH may not run that version.
    """
    root = (_output(["pyenv", "root"]) if shutil.which("pyenv") else "") or os.path.expanduser("~/.pyenv")
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(glob.glob(os.path.join(root, "versions", f"{version}.*", "bin", f"python{version}")))
    code = "import sys; print('%d.%d' % sys.version_info[:2], sys.executable)"
    for candidate in filter(None, candidates):
        answer = _output([candidate, "-c", code]).split()
        if answer[:1] == [version]:
            return answer[1]
    pytest.fail(f"no Python {version} on PATH or under {root}/versions: the integration runs must not skip it")


def run(command: Iterable[str | os.PathLike[str]], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run ``command``, failing the test with its output when it fails."""
    args = [os.fspath(part) for part in command]
    result = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", check=False, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        pytest.fail(f"{args} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result  # type: ignore[no-any-return]


class Venv:
    """One virtual environment, and the isolated way to run its pip and Python."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.python = path / ("Scripts" if sys.platform == "win32" else "bin") / "python"
        code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        self.site = Path(run([self.python, "-c", code]).stdout.strip())

    def env(self, home: Path, **extra: str) -> dict[str, str]:
        """This machine's environment without pip's, tox's and our variables; ``home`` as the home folder."""
        env = {
            name: value
            for name, value in os.environ.items()
            if name not in DROPPED and not name.startswith(DROPPED_PREFIXES)
        }
        env.update(
            HOME=str(home),
            USERPROFILE=str(home),
            PIP_CONFIG_FILE=os.devnull,  # no config file, not even the machine's: pip's defaults only
            PIP_DISABLE_PIP_VERSION_CHECK="1",
            PIP_NO_INPUT="1",
        )
        env.update(extra)
        return env

    def pip(self, home: Path, *args: str | os.PathLike[str], **extra: str) -> subprocess.CompletedProcess[str]:
        """Run ``python -m pip ARGS`` isolated from the machine (see :meth:`env`)."""
        return run([self.python, "-m", "pip", *args], env=self.env(home, **extra), cwd=home)

    def cache_dir(self, home: Path, *args: str, **extra: str) -> str:
        """What ``pip cache dir`` prints, without the newline."""
        return self.pip(home, "cache", "dir", *args, **extra).stdout.rstrip("\n")


@pytest.fixture(scope="session")
def pip_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The current pip release: the newest wheel on this machine's package index (its own pip configuration)."""
    folder = tmp_path_factory.mktemp("pip-release")
    run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "-d", folder, "pip"])
    (found,) = folder.glob("pip-*.whl")
    return found


def _make_venv(python: str, path: Path, pip_wheel: Path) -> Venv:
    # pip runs from its own wheel to install itself: quicker than ensurepip followed by an upgrade.
    run([python, "-m", "venv", "--without-pip", path])
    venv = Venv(path)
    run([venv.python, pip_wheel / "pip", "install", "--quiet", "--no-index", pip_wheel])
    return venv


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our wheel: the one tox built, or one built here."""
    setting = os.environ.get(ENABLED_VAR, "")
    folder = Path(setting) if setting and setting != "build" else tmp_path_factory.mktemp("wheel")
    if not list(folder.glob("platformdirs_devdrive-*.whl")):
        run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", folder, REPO])
    (found,) = folder.glob("platformdirs_devdrive-*.whl")
    return found


@pytest.fixture(scope="session")
def interpreter(python_version: str) -> str:
    return find_python(python_version)


@pytest.fixture(scope="session")
def vendored(interpreter: str, python_version: str, pip_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """pip as released."""
    return _make_venv(interpreter, tmp_path_factory.mktemp(f"vendored-{python_version}"), pip_wheel)


@pytest.fixture(scope="session")
def swapped(
    interpreter: str, python_version: str, wheel: Path, pip_wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> Venv:
    """pip as released, its ``pip._vendor.platformdirs`` answered by our installed wheel."""
    venv = _make_venv(interpreter, tmp_path_factory.mktemp(f"swapped-{python_version}"), pip_wheel)
    run([venv.python, "-m", "pip", "install", "--quiet", wheel])
    shutil.copyfile(SWAP_MODULE, venv.site / "pdd_pip_swap.py")
    (venv.site / "pdd-pip-swap.pth").write_text("import pdd_pip_swap; pdd_pip_swap.swap()\n", encoding="utf-8")
    return venv


def _vendor_and_patch(venv: Venv, wheel: Path, patches: list[str]) -> None:
    """Vendor our package into pip the way pip's ``vendoring`` tool does, then apply the docs' patches."""
    # Only the pip-integration environment installs the vendoring tool.
    from vendoring.tasks.vendor import (  # type: ignore[import-not-found,import-untyped,unused-ignore]
        detect_vendored_libs,
        rewrite_imports,
    )

    vendor = venv.site / "pip" / "_vendor"
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith("platformdirs_devdrive/"):
                archive.extract(name, vendor)
    libraries = detect_vendored_libs(vendor, PIP_PROTECTED_FILES)
    assert {"platformdirs", "platformdirs_devdrive"} <= set(libraries)
    rewrite_imports(vendor / "platformdirs_devdrive", "pip._vendor", libraries, [])
    # git apply as GNU patch: outside any repository (the ceiling stops the search at site-packages).
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(venv.site.parent)}
    for patch in patches:
        run(["git", "apply", "-p2", "--verbose", DOCS_PIP / patch], cwd=venv.site, env=env)


@pytest.fixture(scope="session")
def phase1(
    interpreter: str, python_version: str, wheel: Path, pip_wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> Venv:
    """pip with our package vendored and docs/pip/phase1.diff applied: ``--use-feature=dev-drive`` opts in."""
    venv = _make_venv(interpreter, tmp_path_factory.mktemp(f"phase1-{python_version}"), pip_wheel)
    _vendor_and_patch(venv, wheel, ["phase1.diff"])
    _install_simulation_hook(venv, "pip._vendor.platformdirs_devdrive")
    return venv


@pytest.fixture(scope="session")
def phase2(
    interpreter: str, python_version: str, wheel: Path, pip_wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> Venv:
    """Phase 1 plus docs/pip/phase2.diff: ``PLATFORMDIRS_DEVDRIVE`` decides."""
    venv = _make_venv(interpreter, tmp_path_factory.mktemp(f"phase2-{python_version}"), pip_wheel)
    _vendor_and_patch(venv, wheel, ["phase1.diff", "phase2.diff"])
    _install_simulation_hook(venv, "pip._vendor.platformdirs_devdrive")
    return venv


def _install_simulation_hook(venv: Venv, package: str) -> None:
    shutil.copyfile(SWAP_MODULE, venv.site / "pdd_pip_swap.py")
    line = f"import pdd_pip_swap; pdd_pip_swap.simulate({package!r})\n"
    (venv.site / "pdd-pip-swap.pth").write_text(line, encoding="utf-8")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A fresh home folder: pip's standard cache is ``<home>/.cache/pip`` there (Linux, macOS: its own)."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A folder standing for a drive root (``D:\\``) chosen with ``PLATFORMDIRS_DEVDRIVE``."""
    path = tmp_path / "root"
    path.mkdir()
    return path


BACKEND = '''\
"""A PEP 517 backend in the source tree: builds a pure-Python wheel with the standard library only."""
import base64, hashlib, os, zipfile

NAME, VERSION = {name!r}, "1.0"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    info = f"{{NAME}}-{{VERSION}}.dist-info"
    files = {{
        f"{{NAME}}.py": b"VALUE = 42\\n",
        f"{{info}}/METADATA": f"Metadata-Version: 2.1\\nName: {{NAME}}\\nVersion: {{VERSION}}\\n".encode(),
        f"{{info}}/WHEEL": b"Wheel-Version: 1.0\\nGenerator: backend\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
    }}
    wheel = f"{{NAME}}-{{VERSION}}-py3-none-any.whl"
    record = []
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{{path}},sha256={{digest}},{{len(data)}}")
        record.append(f"{{info}}/RECORD,,")
        archive.writestr(f"{{info}}/RECORD", "\\n".join(record) + "\\n")
    return wheel
'''
PYPROJECT = """\
[build-system]
requires = []
build-backend = "backend"
backend-path = ["."]

[project]
name = "{name}"
version = "1.0"
"""


_SDISTS = itertools.count()


@pytest.fixture
def sdist(tmp_path: Path) -> Path:
    """A small sdist, ``tinypkg_<test>-1.0.tar.gz``, whose wheel pip builds (no index, no network) and caches.

    pip keeps built wheels of local archives named ``<name>-<version>`` in ``<cache>/wheels``.
    """
    name = f"tinypkg_{next(_SDISTS)}"
    tree = tmp_path / "sdist" / f"{name}-1.0"
    tree.mkdir(parents=True)
    (tree / "backend.py").write_text(BACKEND.format(name=name), encoding="utf-8")
    (tree / "pyproject.toml").write_text(PYPROJECT.format(name=name), encoding="utf-8")
    (tree / "PKG-INFO").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    archive = tmp_path / f"{name}-1.0.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tree, arcname=tree.name)
    return archive
