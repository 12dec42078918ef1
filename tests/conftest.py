"""Every test runs offline against its own data directory: the user's ./data is never touched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from basics.settings import apply_offline_environment, get_settings

pytest_plugins = ["tests.support.fixtures"]


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    data_dir = tmp_path_factory.mktemp("overhoop-data")
    monkeypatch.setenv("OVERHOOP_DATA_DIR", str(data_dir))
    apply_offline_environment()
    get_settings.cache_clear()
    yield data_dir
    get_settings.cache_clear()
