"""Shared fixtures: the shipped routines and school calendar, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from fravarsregler import Regelsett, Rutine, Skolerute, load_felles, load_routine, load_skolerute

ROT = Path(__file__).resolve().parent.parent

# Hypothesis's settings said out loud, the same on every machine: no deadline (a loaded 2-vCPU CI
# machine makes a 200 ms deadline a flake, not a finding). In CI (CI set, as Hypothesis itself
# detects it) the examples are derandomized and nothing is stored, so a red build can be re-run
# to the same result; elsewhere each run explores new examples and keeps the failing ones.
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
RUTINEMAPPE = ROT / "rutiner"
SKOLERUTE_FIL = RUTINEMAPPE / "skolerute-2026-27.yaml"
FELLES_FIL = RUTINEMAPPE / "felles.yaml"


@pytest.fixture(autouse=True)
def i_repoet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in the repository's root, as in CI, wherever pytest was started: file
    names below the working directory are shown relative to it (a test expecting a temporary
    file's absolute name, or a shipped routine as ``rutiner/…``), and without ./rutiner the
    commands use the shipped routines with a note on standard error. A test that needs another
    folder changes to it."""
    monkeypatch.chdir(ROT)


@pytest.fixture(scope="session")
def rutiner() -> tuple[Rutine, ...]:
    """The three shipped routines (barnehage, grunnskole, vgs)."""
    return tuple(load_routine(RUTINEMAPPE / n) for n in ("barnehage.yaml", "grunnskole.yaml", "vgs.yaml"))


@pytest.fixture(scope="session")
def regelsett(rutiner: tuple[Rutine, ...]) -> Regelsett:
    """The shipped routines compiled once."""
    return Regelsett(rutiner)


@pytest.fixture(scope="session")
def skolerute() -> Skolerute:
    """The shipped school calendar 2026-27 (autumn 2026-08-18 .. 2026-12-18, 83 school days)."""
    return load_skolerute(SKOLERUTE_FIL)


@pytest.fixture(scope="session")
def kjente_roller() -> frozenset[str]:
    """Every role id in the catalogue of rutiner/felles.yaml."""
    return frozenset(load_felles(FELLES_FIL).roller)


def _to_versjoner(mappe: Path, fil: str) -> tuple[Rutine, Rutine]:
    """The shipped routine (2022.1) and a copy 2026.1 in force from 2026-10-01 with a lower threshold:
    bekymring_terskel 8 % (grunnskole) or fagfravaer_varsel_terskel 5 % (vgs)."""
    tekst = (RUTINEMAPPE / fil).read_text(encoding="utf-8")
    tekst = tekst.replace("felles: felles.yaml", f"felles: {FELLES_FIL.as_posix()!r}")
    gammel = mappe / f"{fil[:-5]}-2022.1.yaml"
    gammel.write_text(tekst, encoding="utf-8")
    navn, gammel_verdi, ny_verdi = {
        "grunnskole.yaml": ("bekymring_terskel", "0.10", "0.08"),
        "vgs.yaml": ("fagfravaer_varsel_terskel", "0.06", "0.05"),
    }[fil]
    erstatninger = {
        'versjon: "2022.1"': 'versjon: "2026.1"',
        'gyldig_fra: "2022-08-15"': 'gyldig_fra: "2026-10-01"',
        'neste_revisjon: "2023-06-30"': 'neste_revisjon: "2027-06-30"',
        f"  {navn}:\n    verdi: {gammel_verdi}\n": f"  {navn}:\n    verdi: {ny_verdi}\n",
    }
    for fra, til in erstatninger.items():
        assert tekst.count(fra) == 1, fra
        tekst = tekst.replace(fra, til)
    ny = mappe / f"{fil[:-5]}-2026.1.yaml"
    ny.write_text(tekst, encoding="utf-8")
    return load_routine(gammel), load_routine(ny)


@pytest.fixture(scope="session")
def to_versjoner(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rutine, Rutine]:
    """grunnskole 2022.1 and 2026.1 (from 2026-10-01, threshold 8 %), loaded once."""
    return _to_versjoner(tmp_path_factory.mktemp("grunnskole"), "grunnskole.yaml")


@pytest.fixture(scope="session")
def to_vgs_versjoner(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rutine, Rutine]:
    """vgs 2022.1 and 2026.1 (from 2026-10-01, subject warning at 5 %), loaded once."""
    return _to_versjoner(tmp_path_factory.mktemp("vgs"), "vgs.yaml")
