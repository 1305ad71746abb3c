"""The flag and the other variables, read with plain os.environ.get (the bottom room, ``_flag``)."""

from __future__ import annotations

import os

import pytest

from platformdirs_devdrive import _flag
from platformdirs_devdrive._flag import flag_is_off, off_now, read_flag


@pytest.mark.parametrize("value", [None, "", "auto", " D:\\dév ", "0"])
def test_read_flag_is_os_environ_get(value: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if value is None:
        monkeypatch.delenv("PLATFORMDIRS_DEVDRIVE", raising=False)
    else:
        monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", value)
    assert read_flag() == os.environ.get("PLATFORMDIRS_DEVDRIVE") == value


def test_read_flag_with_a_replaced_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "environ", {"PLATFORMDIRS_DEVDRIVE": "auto"})
    assert read_flag() == "auto"
    assert off_now() is False  # whatever mapping os.environ is, it is asked: nothing private is read


@pytest.mark.parametrize(
    ("value", "off"),
    [(None, True), ("", True), ("0", True), (" OFF ", True), ("No", True), ("auto", False), ("D:\\", False)],
)
def test_off_now_follows_the_variable_as_set_now(value: str | None, off: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if value is None:
        monkeypatch.delenv("PLATFORMDIRS_DEVDRIVE", raising=False)
    else:
        monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", value)
    assert off_now() is off is flag_is_off(value)


def test_off_now_remembers_a_bounded_number_of_values(monkeypatch: pytest.MonkeyPatch) -> None:
    for index in range(_flag._MEMO_LIMIT + 5):
        monkeypatch.setenv("PLATFORMDIRS_DEVDRIVE", f"/root{index}")
        assert off_now() is False
    assert 0 < len(_flag._OFF) <= _flag._MEMO_LIMIT
