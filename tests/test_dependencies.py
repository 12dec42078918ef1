"""pyproject.toml and requirements.lock agree: `make install` installs exactly what the project pins."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", requirement.split("==")[0]).strip().lower()


def test_every_pinned_dependency_is_in_the_lock_at_its_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    lock = {_name(line): line.split("==")[1].strip() for line in lines if "==" in line}
    assert pins
    for pin in pins:
        assert "==" in pin, f"{pin}: pyproject pins exact versions"
        assert lock.get(_name(pin)) == pin.split("==")[1], f"{pin} is not in requirements.lock"
