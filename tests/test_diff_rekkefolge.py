"""`fravarsregler diff` with the two files the wrong way round says so (every change reads backwards)."""

from __future__ import annotations

from pathlib import Path

import pytest
from clihjelp import kjor

ROT = Path(__file__).resolve().parent.parent
GAMMEL = ROT / "rutiner" / "grunnskole.yaml"
NY = ROT / "docs" / "eksempel" / "grunnskole-revidert.yaml"


def test_riktig_rekkefolge_gir_ingen_merknad() -> None:
    kode, ut, feil = kjor("diff", str(GAMMEL), str(NY))
    assert kode == 1
    assert ut
    assert feil == ""


@pytest.mark.parametrize("fmt", ["tekst", "json"])
def test_byttet_rekkefolge_gir_en_merknad_og_diffen_likevel(fmt: str) -> None:
    kode, ut, feil = kjor("diff", str(NY), str(GAMMEL), "--format", fmt)
    assert kode == 1
    assert ut  # the differences are still written, as asked
    assert feil == (
        f"fravarsregler diff: merk: {NY} (versjon 2023.1, gyldig fra 2023-08-15) er nyere enn {GAMMEL} "
        "(versjon 2022.1, gyldig fra 2022-08-15). Er filene byttet om? Den gamle versjonen skal stå først.\n"
    )
