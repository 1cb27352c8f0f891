from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_5d21dd49e8bda41c.txt"
SAMPLE = ROOT / "samples" / "sample.md"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not beside this checkout")
    return SEED


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites it (review the diff!)."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file (UPDATE_GOLDEN=1 to accept)"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """No test reaches the internet: edge-tts' network layer fails as it does offline."""
    try:
        import aiohttp
        import edge_tts
    except ImportError:
        return

    def offline(*args, **kwargs):
        raise aiohttp.ClientConnectorError(
            aiohttp.client_reqrep.ConnectionKey("offline", 443, True, True, None, None, None),
            OSError(-2, "tests run offline"),
        )

    async def offline_stream(self):
        offline()
        yield {}

    async def offline_list(*args, **kwargs):
        offline()

    monkeypatch.setattr(edge_tts.Communicate, "stream", offline_stream)
    monkeypatch.setattr(edge_tts, "list_voices", offline_list)
