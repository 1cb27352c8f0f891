"""Files derived from installed models are remade only when their source or maker changes."""

from __future__ import annotations

from pathlib import Path

from audiofeature.cachefiles import derived


def test_a_derived_file_is_made_once_and_remade_when_its_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    maker = tmp_path / "maker.py"
    maker.write_text("v1")
    made: list[bytes] = []

    def make(source: bytes) -> bytes:
        made.append(source)
        return source[::-1]

    assert derived("thing", b"abc", [maker], make) == b"cba"
    assert derived("thing", b"abc", [maker], make) == b"cba"
    assert made == [b"abc"]
    assert derived("thing", b"abd", [maker], make) == b"dba"
    maker.write_text("v2")
    assert derived("thing", b"abd", [maker], make) == b"dba"
    assert made == [b"abc", b"abd", b"abd"]
    kept = list(Path(tmp_path / "cache").rglob("thing-*"))
    assert len(kept) == 1  # older versions are removed


def test_an_unwritable_cache_still_makes_the_file(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where a folder must go
    assert derived("thing", b"abc", [], lambda s: s.upper()) == b"ABC"


def test_a_file_derived_from_a_file_is_remade_when_the_file_is_replaced(tmp_path, monkeypatch):
    import os

    from audiofeature.cachefiles import derived_from_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = tmp_path / "model.bin"
    source.write_bytes(b"abc")
    made: list[bytes] = []

    def make(data: bytes) -> bytes:
        made.append(data)
        return data.upper()

    assert derived_from_file("thing", source, [], make) == b"ABC"
    assert derived_from_file("thing", source, [], make) == b"ABC"
    assert made == [b"abc"]
    source.write_bytes(b"abd")  # a new install: another size or modification time
    os.utime(source, ns=(1, 1))
    assert derived_from_file("thing", source, [], make) == b"ABD"
    assert made == [b"abc", b"abd"]


def test_an_installed_package_is_known_by_its_top_module(tmp_path, monkeypatch):
    import os

    from audiofeature.cachefiles import installed_stamp

    package = tmp_path / "madeup_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("VERSION = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    first = installed_stamp("madeup_pkg")
    assert first == installed_stamp("madeup_pkg") and "madeup_pkg" in first
    (package / "__init__.py").write_text("VERSION = 22\n")  # an upgrade rewrites it
    os.utime(package / "__init__.py", ns=(1, 1))
    assert installed_stamp("madeup_pkg") != first
    assert installed_stamp("no_such_package_here") == "no_such_package_here=absent"
