"""Fixtures shared by the generator tests: the ProQual and City & Guilds builder runs once for both files."""

from pathlib import Path

import pytest

from tools.qualgen import proqual_cityguilds

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def built() -> dict[str, dict]:
    """File name -> document for both files the ProQual / City & Guilds builder makes."""
    if not SEEDS.is_dir():
        pytest.skip("the seeds folder ../shared/seeds is absent")
    return dict(proqual_cityguilds.build(SEEDS))
