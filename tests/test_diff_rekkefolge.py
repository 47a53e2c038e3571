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


def test_skoleruter_i_byttet_rekkefolge(tmp_path: Path) -> None:
    fjor = ROT / "rutiner" / "skolerute-2026-27.yaml"
    tekst = fjor.read_text(encoding="utf-8")
    # next year's calendar: the same days a year later (2027-28), enough for this check
    neste = tmp_path / "skolerute-2027-28.yaml"
    bytt = {
        "id: skolerute-2026-27": "id: skolerute-2027-28",
        'skoleaar: "2026-27"': 'skoleaar: "2027-28"',
        "forste_skoledag: 2026-08-18": "forste_skoledag: 2027-08-17",
        "siste_skoledag: 2026-12-18": "siste_skoledag: 2027-12-17",
        "forste_skoledag: 2027-01-04": "forste_skoledag: 2028-01-04",
        "siste_skoledag: 2027-06-18": "siste_skoledag: 2028-06-16",
    }
    for gammel, ny in bytt.items():
        tekst = tekst.replace(gammel, ny)
    tekst = tekst[: tekst.index("fridager:")] + "fridager: []\nekstra_skoledager: []\nfrister: {}\n"
    neste.write_text(tekst, encoding="utf-8")
    kode, ut, feil = kjor("diff", neste, fjor)
    assert kode == 1
    assert ut
    assert feil == (
        f"fravarsregler diff: merk: {neste} (skoleåret 2027-28) er nyere enn {fjor} (skoleåret 2026-27). "
        "Er filene byttet om? Den gamle skal stå først.\n"
    )
    assert kjor("diff", fjor, neste)[2] == ""
