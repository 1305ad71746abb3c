"""The probe interface: the off-Windows backend and the choice of the probe in use."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import pytest

from platformdirs_devdrive import _backends, _probe
from platformdirs_devdrive._probe import PosixProbe, Probe, VolumeInfo
from platformdirs_devdrive.testing import simulated_drives

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.skipif(sys.platform == "win32", reason="the off-Windows backend")
def test_posix_probe_never_sees_a_dev_drive(tmp_path: Path) -> None:
    probe = PosixProbe()
    assert not probe.supported
    assert probe.roots() == []
    assert probe.dev_drives() == []
    root = probe.volume_root(str(tmp_path / "not" / "there"))
    assert os.path.ismount(root)
    assert str(tmp_path).startswith(root)
    assert probe.volume(root) == VolumeInfo(root)
    probe.clear_cache()  # nothing cached; must not fail


@pytest.mark.skipif(sys.platform == "win32", reason="the off-Windows backend")
def test_default_probe_off_windows_is_posix() -> None:
    assert isinstance(_backends.current_probe(), PosixProbe)
    assert _backends.current_probe() is _backends.current_probe()  # built once


def test_pushed_probes_nest_and_pop_out_of_order() -> None:
    base = _backends.current_probe()
    with simulated_drives() as outer:
        assert _backends.current_probe() is outer
        with simulated_drives(windows=False) as inner:
            assert _backends.current_probe() is inner
            _probe.pop_probe(outer)  # leaving out of order must not drop the inner one
            assert _backends.current_probe() is inner
        _probe.pop_probe(outer)  # already gone: harmless
    assert _backends.current_probe() is base
    assert list(_backends.all_probes()) == [base]


def test_dev_drives_default_filters_roots() -> None:
    class Two(Probe):
        def volume_root(self, path: str) -> str:
            return path

        def volume(self, root: str) -> VolumeInfo:
            return VolumeInfo(root, is_dev_drive=root == "D:\\")

        def roots(self) -> list[str]:
            return ["C:\\", "D:\\"]

    assert Two().dev_drives() == ["D:\\"]
