"""The house (docs/architecture.rst): imports run one way, every room is small, and the core stands without the extras.

The import graph is read from the source, lazy imports inside functions included, and so are the other ways a
module reaches another: ``importlib.import_module`` of a literal name, the package's lazy ``_LAZY`` table, and
``sys.modules`` look-ups of ``f"{__package__}.<module>"``. A circle anywhere fails, whatever the import's place.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import platformdirs_devdrive

PACKAGE = Path(platformdirs_devdrive.__file__).parent
NAME = "platformdirs_devdrive"
MAX_LINES = 400

#: What a vendoring tool may drop (docs/architecture.rst, "Vendoring the core"): the command line with its tools
#: table and shells, the testing kit and the pytest plugin. Everything else is the core.
EXTRAS = frozenset(
    {
        "__main__",
        "_cli",
        "_fieldreport",
        "_places",
        "_pytest_temp",
        "_setup",
        "_shells",
        "_tools",
        "pytest_plugin",
        "testing",
    }
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)  # "" for the package itself


PACKAGE_ITSELF = "__init__"


def top(module: str) -> str:
    """The room a module belongs to: ``_cli.env`` is in ``_cli``; the package itself is ``__init__``."""
    return module.split(".", maxsplit=1)[0] if module else PACKAGE_ITSELF


def _resolve(current: str, is_package: bool, level: int, target: str | None) -> str:
    base = current.split(".") if current else []
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, *([target] if target else [])])


def imports_of(path: Path) -> set[str]:
    """Every module of the package that ``path`` imports or looks up, as dotted names below the package."""
    current = module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found |= _from_import(node, current, is_package=is_package)
        elif isinstance(node, ast.Import):
            found |= {alias.name[len(NAME) + 1 :] for alias in node.names if alias.name.startswith(f"{NAME}.")}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):  # import_module(".x", ...)
            if node.value.startswith(".") and _exists(node.value[1:]):
                found.add(node.value[1:])
        elif isinstance(node, ast.JoinedStr):  # f"{__package__}._probe"
            text = "".join(str(part.value) for part in node.values if isinstance(part, ast.Constant))
            if text.startswith(".") and _exists(text[1:]):
                found.add(text[1:])
    if is_package and current == "":
        found |= _lazy_table(tree)
    found.discard(current or PACKAGE_ITSELF)
    return {name for name in found if name}


def _from_import(node: ast.ImportFrom, current: str, *, is_package: bool) -> set[str]:
    if node.level:
        base = _resolve(current, is_package, node.level, node.module)
    elif node.module and (node.module == NAME or node.module.startswith(f"{NAME}.")):
        base = node.module[len(NAME) + 1 :]
    else:
        return set()
    found = set()
    for alias in node.names:
        candidate = f"{base}.{alias.name}" if base else alias.name
        found.add(candidate if _exists(candidate) else base or PACKAGE_ITSELF)
    return found


def _lazy_table(tree: ast.Module) -> set[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_LAZY" for t in node.targets):
            assert isinstance(node.value, ast.Dict)
            return {str(value.value) for value in node.value.values if isinstance(value, ast.Constant)}
    return set()


def _exists(dotted: str) -> bool:
    if not dotted.isidentifier() and not all(part.isidentifier() for part in dotted.split(".")):
        return False  # "..", ".x.", not a module name
    path = PACKAGE.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def graph() -> dict[str, set[str]]:
    """Rooms (top-level modules and subpackages) and the rooms each one reaches."""
    rooms: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        room = top(module_name(path))
        rooms.setdefault(room, set()).update(top(name) for name in imports_of(path))
    for room, targets in rooms.items():
        targets.discard(room)
    return rooms


def find_circle(edges: dict[str, set[str]]) -> list[str] | None:
    """Return one import circle as a list of rooms (first == last), or ``None``."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for following in sorted(edges.get(node, ())):
            if state.get(following) == 1:
                return [*stack[stack.index(following) :], following]
            if following not in state and (circle := visit(following)):
                return circle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (circle := visit(node)):
            return circle
    return None


def test_no_import_circle_lazy_imports_included() -> None:
    assert find_circle(graph()) is None, " -> ".join(find_circle(graph()) or [])


def test_a_circle_would_be_found() -> None:
    # The finder itself: a lazy import back up is a circle like any other.
    assert find_circle({"_api": {"_policy"}, "_policy": {"_report"}, "_report": {"_api"}}) == [
        "_api",
        "_policy",
        "_report",
        "_api",
    ]
    assert find_circle({"_cli": {"_api"}, "_api": {"_flag"}, "_flag": set()}) is None


def test_the_bottom_rooms_import_nothing_of_ours() -> None:
    rooms = graph()
    for bottom in ("_flag", "_layout", "_acl", "_win32"):
        assert rooms[bottom] == set(), (bottom, rooms[bottom])


def test_the_probe_interface_imports_no_backend() -> None:
    assert graph()["_probe"] <= {"_flag", "_layout"}


def test_the_report_types_sit_below_the_policy() -> None:
    rooms = graph()
    assert rooms["_report"] <= {"_flag"}
    assert "_report" in rooms["_policy"]


def test_the_core_never_reaches_an_extra() -> None:
    rooms = graph()
    for room, targets in rooms.items():
        if room not in EXTRAS:
            assert not targets & EXTRAS, (room, targets & EXTRAS)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_room_is_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines"


def test_the_hot_path_reads_no_private_cpython_attribute() -> None:
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "._data" not in source, path
        assert "encodekey" not in source, path
