"""The rollout flag and the choice of drive (SPEC "Choosing the drive"), with Windows semantics on any OS."""

from __future__ import annotations

import ntpath
import os
import tempfile
import warnings
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, strategies as st

import platformdirs_devdrive as pdd
from platformdirs_devdrive import DevDriveWarning, Reason, Source
from platformdirs_devdrive._flag import OFF_WORDS, ON_WORDS, flag_state

from .conftest import WindowsDevDriveDirs

if TYPE_CHECKING:
    from pathlib import Path

    from pytest_mock import MockerFixture

    from platformdirs_devdrive.testing import SimulatedProbe

PIP_ON_D = r"D:\.cache\pip\Cache"


def cache(devdrive: object = None, **kwargs: object) -> pdd.Resolution:
    """Resolve pip's cache (appauthor=False, as pip asks) with the Windows class."""
    kwargs.setdefault("appauthor", False)
    return WindowsDevDriveDirs("pip", devdrive=devdrive, **kwargs).resolve_cache()  # type: ignore[arg-type]


def temp(devdrive: object = None, near: object = None, **kwargs: object) -> pdd.Resolution:
    return WindowsDevDriveDirs("pip", devdrive=devdrive, near=near, **kwargs).resolve_temp()  # type: ignore[arg-type]


# --- the flag -----------------------------------------------------------------------------------------------------


def _variants(word: str) -> st.SearchStrategy[str]:
    cased = st.sampled_from([word, word.upper(), word.title()])
    space = st.sampled_from(["", " ", "\t", "  \n"])
    return st.tuples(space, cased, space).map("".join)


@given(st.sampled_from(sorted(ON_WORDS)).flatmap(_variants))
def test_on_keywords_in_any_case_and_spacing(value: str) -> None:
    assert flag_state(value)[0] == "on"


@given(st.sampled_from(sorted(OFF_WORDS)).flatmap(_variants))
def test_off_keywords_in_any_case_and_spacing(value: str) -> None:
    assert flag_state(value)[0] == "off"


@given(st.text())
@example("")
@example("   ")
@example("D:\\")
@example("autox")
def test_every_other_value_is_a_path(value: str) -> None:
    state, cleaned = flag_state(value)
    assert cleaned == value.strip()
    if not cleaned or cleaned.lower() in OFF_WORDS:
        assert state == "off"
    elif cleaned.lower() in ON_WORDS:
        assert state == "on"
    else:
        assert state == "path"


def test_the_exact_keyword_sets() -> None:
    assert {"1", "true", "yes", "on", "auto"} == ON_WORDS
    assert {"0", "false", "no", "off"} == OFF_WORDS


# --- off ------------------------------------------------------------------------------------------------------------


def test_unset_flag_is_off_and_asks_no_drive_question(devdrive_world: SimulatedProbe, win_local: str) -> None:
    devdrive_world.add_drive("D:\\")
    report = cache()
    assert report.path == report.standard_path == os.path.join(win_local, "pip", "Cache")
    assert (report.source, report.code, report.on_dev_drive, report.root) == (
        Source.FALLBACK,
        Reason.OFF_BY_DEFAULT,
        False,
        None,
    )
    assert "PLATFORMDIRS_DEVDRIVE=auto" in report.reason
    assert devdrive_world.calls == {"volume_root": 0, "volume": 0, "roots": 0}


@pytest.mark.parametrize("value", ["0", "off", " FALSE ", "No"])
def test_user_veto_beats_the_tools_yes(
    value: str, devdrive_world: SimulatedProbe, win_folders: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    devdrive_world.add_drive("D:\\")
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", value)
    for devdrive in (None, True):
        report = cache(devdrive)
        assert (report.source, report.code) == (Source.FALLBACK, Reason.OFF_BY_USER)
        assert value.strip() in report.reason


def test_false_is_standard_even_with_the_flag_naming_a_drive(
    devdrive_world: SimulatedProbe, win_folders: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    devdrive_world.add_drive("D:\\")
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", str(tmp_path))
    report = cache(devdrive=False)
    assert (report.source, report.code) == (Source.FALLBACK, Reason.OFF_BY_ARGUMENT)
    assert report.path == report.standard_path


# --- automatic choice -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("devdrive", "flag"), [(True, None), (None, "auto"), (None, "1"), (True, "yes")])
def test_sole_dev_drive_is_used(
    devdrive: bool | None,
    flag: str | None,
    devdrive_world: SimulatedProbe,
    win_folders: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False, filesystem="NTFS")
    devdrive_world.add_drive("D:\\")
    if flag is not None:
        monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", flag)
    report = cache(devdrive)
    assert report.path == PIP_ON_D
    assert (report.source, report.code, report.root, report.on_dev_drive) == (
        Source.SOLE_DEV_DRIVE,
        Reason.SOLE_DEV_DRIVE,
        "D:\\",
        True,
    )
    assert report.dev_drives == ("D:\\",)
    assert report.standard_path != report.path


def test_several_dev_drives_are_never_guessed(devdrive_world: SimulatedProbe, win_folders: object) -> None:
    devdrive_world.add_drive("D:\\")
    devdrive_world.add_drive("E:\\")
    report = cache(True)
    assert (report.source, report.code, report.path) == (
        Source.FALLBACK,
        Reason.SEVERAL_DEV_DRIVES,
        report.standard_path,
    )
    assert "D:\\, E:\\" in report.reason
    assert "PLATFORMDIRS_DEVDRIVE=D:\\" in report.reason
    assert report.dev_drives == ("D:\\", "E:\\")


def test_several_dev_drives_then_the_user_picks_one(
    devdrive_world: SimulatedProbe, win_folders: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    picked = devdrive_world.add_drive(tmp_path)
    devdrive_world.add_drive("E:\\")
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", picked)
    report = cache(True)
    assert (report.source, report.code, report.root, report.on_dev_drive) == (
        Source.ENVIRONMENT,
        Reason.CHOSEN_DEV_DRIVE,
        picked,
        True,
    )


def test_no_dev_drive(devdrive_world: SimulatedProbe, win_folders: object) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    devdrive_world.add_drive("V:\\", dev_drive=False, filesystem="ReFS")  # ReFS alone is not a Dev Drive
    report = cache(True)
    assert (report.source, report.code) == (Source.FALLBACK, Reason.NO_DEV_DRIVE)
    assert report.reason == "standard location: no Dev Drive found"


def test_dev_drive_env_var_is_a_hint_not_proof(
    devdrive_world: SimulatedProbe, win_folders: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    devdrive_world.add_drive("E:\\", dev_drive=False, filesystem="ReFS")
    monkeypatch.setenv("DEV_DRIVE", "E:")
    report = cache(True)
    assert report.code is Reason.NO_DEV_DRIVE
    assert "DEV_DRIVE=E: is set but is not a Dev Drive" in report.reason
    assert "PLATFORMDIRS_DEVDRIVE=E:" in report.reason


def test_enumeration_failure_falls_back(devdrive_world: SimulatedProbe, win_folders: object) -> None:
    devdrive_world.add_drive("D:\\")
    devdrive_world.fail_enumeration(PermissionError(5, "Access is denied"))
    report = cache(True)
    assert (report.source, report.code) == (Source.FALLBACK, Reason.DETECTION_FAILED)
    assert "Access is denied" in report.reason


def test_win_pd_override_keeps_the_cache_where_the_user_put_it(
    devdrive_world: SimulatedProbe, win_folders: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    devdrive_world.add_drive("D:\\")
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"X:\mine")
    report = cache(True)
    assert (report.source, report.code) == (Source.FALLBACK, Reason.OVERRIDDEN)
    assert report.path.startswith(r"X:\mine")
    assert "overridden by WIN_PD_OVERRIDE_LOCAL_APPDATA" in report.reason
    # only an explicit path beats it
    explicit = cache(str(tmp_path))
    assert (explicit.source, explicit.root) == (Source.ARGUMENT, str(tmp_path))


def test_not_windows(win_folders: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs_devdrive.testing import simulated_drives

    with simulated_drives(windows=False) as world:
        world.set_flag("auto")
        world.add_drive("/dev-drive-never")
        for report in (cache(), cache(True), temp(True)):
            assert (report.source, report.code) == (Source.FALLBACK, Reason.NOT_WINDOWS)
            assert "not Windows" in report.reason
        assert world.calls["roots"] == 0


# --- temp and near --------------------------------------------------------------------------------------------------


def test_temp_follows_near_onto_its_dev_drive(devdrive_world: SimulatedProbe, win_folders: object) -> None:
    devdrive_world.add_drive("D:\\")
    devdrive_world.add_drive("E:\\")  # two drives: only near can decide
    report = temp(True, near=r"E:\venv\Lib\site-packages\not\yet\there")
    assert report.path == r"E:\.cache\Temp\pip"
    assert (report.source, report.code, report.root, report.on_dev_drive) == (
        Source.NEAR_TARGET,
        Reason.NEAR_TARGET,
        "E:\\",
        True,
    )
    assert r"E:\venv" in report.reason


def test_temp_follows_near_onto_a_folder_mounted_dev_drive(devdrive_world: SimulatedProbe, win_folders: object) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    root = devdrive_world.add_drive("C:\\dev\\")
    report = temp(True, near=r"c:\DEV\project\.venv")
    assert (report.root, report.path) == (root, r"C:\dev\.cache\Temp\pip")


def test_cache_never_follows_near(devdrive_world: SimulatedProbe, win_folders: object) -> None:
    devdrive_world.add_drive("D:\\")
    devdrive_world.add_drive("E:\\")
    dirs = WindowsDevDriveDirs("pip", appauthor=False, devdrive=True, near="E:\\target")
    assert dirs.resolve_temp().root == "E:\\"
    report = dirs.resolve_cache()
    assert (report.code, report.path) == (Reason.SEVERAL_DEV_DRIVES, report.standard_path)


def test_near_not_on_a_dev_drive_falls_through_to_the_sole_one(
    devdrive_world: SimulatedProbe, win_folders: object
) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    devdrive_world.add_drive("D:\\")
    report = temp(True, near=r"C:\target")
    assert (report.source, report.path) == (Source.SOLE_DEV_DRIVE, r"D:\.cache\Temp\pip")


def test_near_detection_error_is_a_note_not_a_failure(devdrive_world: SimulatedProbe, win_folders: object) -> None:
    devdrive_world.add_drive("N:\\", error=OSError(21, "The device is not ready"))
    report = temp(True, near=r"N:\target")
    assert report.code is Reason.NO_DEV_DRIVE
    assert "could not check N:\\target" in report.reason
    assert "not ready" in report.reason


def test_standard_temp_already_on_a_dev_drive_is_kept(
    devdrive_world: SimulatedProbe, win_folders: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", r"D:\tmp")
    devdrive_world.add_drive("D:\\")
    devdrive_world.add_drive("E:\\")
    report = temp(True)
    assert report.path == report.standard_path == os.path.join(r"D:\tmp", "pip")
    assert (report.source, report.code, report.root, report.on_dev_drive) == (
        Source.STANDARD_TEMP,
        Reason.STANDARD_TEMP,
        "D:\\",
        True,
    )


def test_temp_off_is_gettempdir_app(win_folders: object) -> None:
    report = temp()
    assert report.path == report.standard_path == os.path.join(tempfile.gettempdir(), "pip")
    assert report.code is Reason.OFF_BY_DEFAULT


# --- explicit paths -------------------------------------------------------------------------------------------------


def test_explicit_path_that_is_not_a_dev_drive_is_honoured_and_reported(
    devdrive_world: SimulatedProbe, win_folders: object, tmp_path: Path
) -> None:
    devdrive_world.add_drive("D:\\")  # a Dev Drive exists, but the user's choice wins
    report = cache(str(tmp_path))
    assert report.path == ntpath.join(str(tmp_path), ".cache", "pip", "Cache")
    assert (report.source, report.code, report.root, report.on_dev_drive) == (
        Source.ARGUMENT,
        Reason.CHOSEN_NOT_DEV_DRIVE,
        str(tmp_path),
        False,
    )
    assert "not a Dev Drive" in report.reason


def test_explicit_path_on_a_dev_drive(devdrive_world: SimulatedProbe, win_folders: object, tmp_path: Path) -> None:
    devdrive_world.add_drive(tmp_path, trusted=False)
    (tmp_path / "sub").mkdir()
    report = cache(tmp_path / "sub")  # a PathLike inside the volume
    assert (report.code, report.on_dev_drive, report.root) == (Reason.CHOSEN_DEV_DRIVE, True, str(tmp_path / "sub"))


def test_explicit_path_whose_detection_fails_is_still_honoured(
    devdrive_world: SimulatedProbe, win_folders: object, tmp_path: Path
) -> None:
    devdrive_world.add_drive(tmp_path, error=OSError(1, "Incorrect function"))
    report = cache(str(tmp_path))
    assert (report.source, report.on_dev_drive, report.code) == (Source.ARGUMENT, False, Reason.CHOSEN_NOT_DEV_DRIVE)
    assert "detection failed" in report.reason


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: str(p / "missing"), Reason.ROOT_MISSING),
        (lambda p: (p / "file").write_text("x", encoding="utf-8") and str(p / "file"), Reason.ROOT_NOT_DIRECTORY),
        (lambda p: str(p) + "\0x", Reason.ROOT_INVALID),
        (lambda p: "", Reason.ROOT_INVALID),
    ],
    ids=["missing", "file", "nul", "empty"],
)
def test_unusable_argument_path_falls_back_without_warning(
    make: object, code: Reason, win_folders: object, tmp_path: Path
) -> None:
    root = make(tmp_path)  # type: ignore[operator]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = cache(root)
    assert (report.source, report.code, report.path) == (Source.FALLBACK, code, report.standard_path)
    assert "the devdrive argument" in report.reason


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: str(p / "missing"), Reason.ROOT_MISSING),
        (lambda p: (p / "file").write_text("x", encoding="utf-8") and str(p / "file"), Reason.ROOT_NOT_DIRECTORY),
        (lambda p: "banana", Reason.ROOT_RELATIVE),
        (lambda p: "autoo", Reason.ROOT_RELATIVE),
    ],
    ids=["missing", "file", "unknown-word", "typo"],
)
def test_unusable_flag_path_is_off_with_a_warning_naming_the_variable(
    make: object, code: Reason, win_folders: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", make(tmp_path))  # type: ignore[operator]
    for devdrive in (None, True):
        with pytest.warns(DevDriveWarning, match="PLATFORMDIRS_DEVDRIVE") as caught:
            report = cache(devdrive)
        assert len(caught) == 1
        assert issubclass(caught[0].category, UserWarning)
        assert caught[0].filename == __file__  # points at the caller, not into the package
        assert (report.source, report.code, report.path) == (Source.FALLBACK, code, report.standard_path)


def test_flag_path_is_stripped(
    win_folders: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, devdrive_world: SimulatedProbe
) -> None:
    monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", f"  {tmp_path}\t")
    assert cache().root == str(tmp_path)


def test_drive_letter_alone_means_the_drive_root(win_folders: object, devdrive_world: SimulatedProbe) -> None:
    report = cache("Q:")
    # Q: does not exist here; the reason shows the root that was looked for: the drive's root, not its cwd
    assert report.code is Reason.ROOT_MISSING
    assert "Q:\\," in report.reason


def test_relative_argument_is_made_absolute(
    win_folders: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, devdrive_world: SimulatedProbe
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fast").mkdir()
    report = cache("fast")
    assert report.root == os.path.abspath("fast")
    assert report.source is Source.ARGUMENT


# --- argument types -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("devdrive", [1, 0, 1.5, b"D:\\", ["D:\\"]])
def test_wrong_devdrive_type_is_a_type_error(devdrive: object) -> None:
    with pytest.raises(TypeError, match="devdrive must be"):
        WindowsDevDriveDirs("pip", devdrive=devdrive)  # type: ignore[arg-type]


def test_bytes_pathlike_is_a_type_error(win_folders: object) -> None:
    class BytesPath:
        def __fspath__(self) -> bytes:
            return b"/x"

    with pytest.raises(TypeError, match="str path"):
        cache(BytesPath())


@pytest.mark.parametrize("near", [1, b"D:\\"])
def test_wrong_near_type_is_a_type_error(near: object) -> None:
    with pytest.raises(TypeError, match="near must be"):
        pdd.user_temp_dir("pip", near=near)  # type: ignore[arg-type]


# --- trust ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("trusted", "warned"), [(False, True), (True, False), (None, False)])
def test_an_untrusted_dev_drive_is_used_and_the_reason_says_how_to_trust_it(
    trusted: bool | None, warned: bool, devdrive_world: SimulatedProbe, win_folders: object
) -> None:
    devdrive_world.add_drive("D:\\", trusted=trusted)
    reports = [cache(True), temp(True, near=r"D:\target")]
    for report in reports:
        assert report.on_dev_drive
        assert ("fsutil devdrv trust D:" in report.reason) is warned
        assert ("not trusted" in report.reason) is warned


def test_untrusted_note_for_an_explicit_dev_drive_and_standard_temp(
    devdrive_world: SimulatedProbe, win_folders: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    devdrive_world.add_drive(tmp_path, trusted=False)
    assert "not trusted" in cache(str(tmp_path)).reason
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    report = temp(True)
    assert report.source is Source.STANDARD_TEMP
    assert "not trusted" in report.reason


def test_a_volume_that_could_not_be_asked_is_named_when_none_is_found(
    devdrive_world: SimulatedProbe, win_folders: object
) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    devdrive_world.add_drive("E:\\", error=PermissionError(5, "Access is denied"))
    report = cache(True)
    assert report.code is Reason.NO_DEV_DRIVE
    assert "could not check E:\\" in report.reason
    assert "Access is denied" in report.reason


def test_each_volume_is_asked_once_per_resolution(devdrive_world: SimulatedProbe, win_folders: object) -> None:
    devdrive_world.add_drive("C:\\", dev_drive=False)
    devdrive_world.add_drive("D:\\", trusted=False)
    report = cache(True)
    assert report.code is Reason.SOLE_DEV_DRIVE
    assert devdrive_world.calls["volume"] == 2  # C:\ and D:\, once each; the trust note reuses D:\'s answer


def test_an_override_platformdirs_ignores_is_no_override(
    devdrive_world: SimulatedProbe, monkeypatch: pytest.MonkeyPatch, mocker: MockerFixture
) -> None:
    devdrive_world.add_drive("D:\\")
    # platformdirs 4.14+ ignores a value that is not a fully qualified path; the standard cache stays put
    mocker.patch("platformdirs.windows.get_win_folder", return_value=r"C:\Users\dev\AppData\Local")
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", "Local")
    report = cache(True)
    assert (report.source, report.path) == (Source.SOLE_DEV_DRIVE, PIP_ON_D)


@pytest.mark.parametrize("through", ["..", "x/..", "x\\.."])
def test_a_root_through_dotdot_is_refused(
    through: str, tmp_path: Path, devdrive_world: SimulatedProbe, win_folders: object
) -> None:
    (tmp_path / "sub").mkdir()
    # A link before ".." makes the kernel and a textual check disagree on the folder: name it directly instead.
    report = cache(f"{tmp_path}/sub/{through}")
    assert (report.source, report.code) == (Source.FALLBACK, Reason.ROOT_INVALID)
    assert "goes through '..'" in report.reason


@pytest.mark.parametrize("field", ["appname", "version"])
def test_a_lone_surrogate_in_a_name_falls_back(field: str, tmp_path: Path, devdrive_world: SimulatedProbe) -> None:
    names = {"appname": "pip", "version": "1"}
    names[field] += "\ud800"  # no encoding takes it (POSIX's surrogateescape only maps \udc80-\udcff to bytes)
    report = pdd.resolve_cache_dir(names["appname"], version=names["version"], devdrive=tmp_path)
    assert (report.source, report.code) == (Source.FALLBACK, Reason.INVALID_NAME)
    assert "lone surrogate" in report.reason
