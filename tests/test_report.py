"""The report objects: frozen, comparable, printable, JSON-ready; every reason has a message."""

from __future__ import annotations

import json

import pytest

from platformdirs_devdrive import Reason, Resolution, Source, VolumeInfo
from platformdirs_devdrive._report import explain


def make(**changes: object) -> Resolution:
    fields: dict[str, object] = {
        "kind": "cache",
        "path": r"D:\.cache\pip\Cache",
        "standard_path": r"C:\Users\me\AppData\Local\pip\Cache",
        "on_dev_drive": True,
        "root": "D:\\",
        "source": Source.SOLE_DEV_DRIVE,
        "code": Reason.SOLE_DEV_DRIVE,
        "reason": "the only Dev Drive on this machine, D:\\",
        "dev_drives": ("D:\\",),
    }
    fields.update(changes)
    return Resolution(**fields)  # type: ignore[arg-type]


def test_resolution_is_frozen() -> None:
    report = make()
    with pytest.raises(AttributeError, match="frozen"):
        report.path = "elsewhere"
    with pytest.raises(AttributeError, match="frozen"):
        del report.root
    assert report.path == r"D:\.cache\pip\Cache"


def test_resolution_equality_and_hash_follow_every_field() -> None:
    assert make() == make()
    assert hash(make()) == hash(make())
    assert make() != make(reason="other")
    assert make() != make(dev_drives=())
    assert make() != "not a report"
    assert len({make(), make(), make(path="x")}) == 2


def test_resolution_repr_names_every_field() -> None:
    text = repr(make())
    for name in ("kind", "path", "standard_path", "on_dev_drive", "root", "source", "code", "reason", "dev_drives"):
        assert f"{name}=" in text


def test_as_dict_is_json_ready() -> None:
    data = make().as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["source"] == "sole-dev-drive"
    assert data["code"] == "sole-dev-drive"
    assert data["dev_drives"] == ["D:\\"]


def test_is_fallback() -> None:
    assert not make().is_fallback
    assert make(source=Source.FALLBACK).is_fallback


@pytest.mark.parametrize("code", list(Reason))
def test_every_reason_has_a_message_that_fills_in(code: Reason) -> None:
    text = explain(
        code,
        origin="ORIGIN",
        root="ROOT",
        path="PATH",
        error="ERROR",
        value="VALUE",
        drives="A, B",
        env="ENV",
        first="A",
        detail="",
        near="NEAR",
    )
    assert text
    assert "{" not in text
    assert "}" not in text


def test_missing_fields_are_blank_not_errors() -> None:
    assert explain(Reason.NO_DEV_DRIVE) == "standard location: no Dev Drive found"


def test_enums_print_as_their_values() -> None:
    assert str(Source.NEAR_TARGET) == "near-target"
    assert str(Reason.OFF_BY_DEFAULT) == "off-by-default"
    assert f"{Source.FALLBACK}" == "fallback"


def test_source_values_are_the_specs() -> None:
    assert {s.value for s in Source} == {
        "argument",
        "environment",
        "near-target",
        "sole-dev-drive",
        "standard-temp",
        "fallback",
    }


def test_volume_info() -> None:
    info = VolumeInfo("D:\\", is_dev_drive=True, trusted=False, filesystem="ReFS")
    assert info == VolumeInfo("D:\\", is_dev_drive=True, trusted=False, filesystem="ReFS")
    assert info != VolumeInfo("D:\\")
    assert info != "D:\\"
    assert hash(info) == hash(VolumeInfo("D:\\", is_dev_drive=True, trusted=False, filesystem="ReFS"))
    assert info.as_dict() == {
        "root": "D:\\",
        "is_dev_drive": True,
        "trusted": False,
        "filesystem": "ReFS",
        "error": None,
    }
    assert "is_dev_drive=True" in repr(info)
    with pytest.raises(AttributeError, match="frozen"):
        info.root = "E:\\"
