"""Shared fixtures: the repository, the `bitext` binary to compare with, ../shared."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
PAIR = ROOT / "data" / "cpc63-programme25"


@pytest.fixture(scope="session")
def cli() -> Path:
    """The command line built from the same checkout (BITEXT_BIN, or cargo build)."""
    given = os.environ.get("BITEXT_BIN")
    if given:
        return Path(given)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return ROOT / "target" / "release" / "bitext"


def run_cli(cli: Path, *args: str, env: dict = None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", **(env or {}))
    return subprocess.run([str(cli), *args], capture_output=True, text=True, env=full_env)


def cli_error(proc: subprocess.CompletedProcess) -> str:
    """The message of a failed run, without the `bitext: error: ` prefix."""
    assert proc.returncode == 2, proc.stderr
    line = proc.stderr.strip().splitlines()[-1]
    prefix = "bitext: error: "
    assert line.startswith(prefix), line
    return line[len(prefix):]


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found (../shared is not part of a clone)")
    return path
