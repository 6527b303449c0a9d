"""Shared fixtures: where the real corpus and the samples are."""

from pathlib import Path

import pytest
from smtp_helpers import start_server  # noqa: F401  (a real SMTP server fixture for any test)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = CORPUS / "articles" / "000-istanbul-talks.txt"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared gold corpus (../shared/corpus); tests that need it skip where it is absent."""
    if not (CORPUS / "articles").is_dir() or not (CORPUS / "gold").is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS} (CI has it beside the checkout)")
    return CORPUS


@pytest.fixture(scope="session")
def seed(corpus: Path) -> Path:
    if not SEED.is_file():
        pytest.skip(f"the seed article {SEED} is missing")
    return SEED
