"""The fixed rule ids (FASTE_REGLER) must still cover every trinn of their routine after a revision.

The grunnskole tables each hold their own copy of a fixed rule: renaming it in one table only would
leave that table's trinn without it while the file still has the id elsewhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fravarsregler import validate
from fravarsregler._rutine import FASTE_REGLER

RUTINER = Path(__file__).resolve().parent.parent / "rutiner"


def _grunnskole_med(tmp_path: Path, gammel: str, ny: str, *, nr: int) -> tuple[Path, int]:
    """A copy of the shipped grunnskole routine with occurrence ``nr`` (0-based) of ``gammel``
    replaced by ``ny``; returns the file and the 1-based line of the change."""
    tekst = (RUTINER / "grunnskole.yaml").read_text(encoding="utf-8")
    start = -1
    for _ in range(nr + 1):
        start = tekst.index(gammel, start + 1)
    shutil.copy(RUTINER / "felles.yaml", tmp_path / "felles.yaml")
    fil = tmp_path / "grunnskole.yaml"
    fil.write_text(tekst[:start] + ny + tekst[start + len(gammel) :], encoding="utf-8")
    return fil, tekst.count("\n", 0, start) + 1


def test_de_leverte_rutinene_dekker_alle_trinn() -> None:
    for navn in FASTE_REGLER:
        assert validate(RUTINER / f"{navn}.yaml").problemer == ()


def test_omdopt_i_en_tabell_er_en_feil_ved_den_nye_id_en(tmp_path: Path) -> None:
    fil, linje = _grunnskole_med(tmp_path, "- id: etterlys-uvarslet-fravaer", "- id: etterlys-uvarslet-fravar", nr=0)
    (problem,) = validate(fil).problemer
    assert (problem.linje, problem.alvor, problem.kode) == (linje, "feil", "fast-regel")
    assert problem.melding.startswith(
        "Regelen «etterlys-uvarslet-fravaer» gjelder ikke lenger trinn 1, 2, 3, 4, men her står "
        "«etterlys-uvarslet-fravar»."
    )
    assert problem.forslag == ("etterlys-uvarslet-fravaer",)


@pytest.mark.parametrize(("nr", "trinn"), [(1, "5, 6, 7"), (2, "8, 9, 10")])
def test_en_annen_id_i_en_tabell_er_en_advarsel_ved_tabellen(tmp_path: Path, nr: int, trinn: str) -> None:
    fil, _ = _grunnskole_med(tmp_path, "- id: vegring-samme-dag", "- id: moete-ved-vegring", nr=nr)
    resultat = validate(fil)
    assert resultat.gyldig
    (problem,) = resultat.problemer
    assert (problem.alvor, problem.kode) == ("advarsel", "fast-regel")
    assert problem.melding.startswith(f"Regelen «vegring-samme-dag» gjelder ikke lenger trinn {trinn}:")
    # at the trinn list of the table that lost it
    linjer = fil.read_text(encoding="utf-8").splitlines()
    assert problem.linje is not None
    assert linjer[problem.linje - 1].lstrip().startswith("trinn:")
    assert trinn.replace(", ", '", "') in linjer[problem.linje - 1]


def test_valider_skriver_advarselen_og_teller_den_i_entall(tmp_path: Path) -> None:
    from clihjelp import kjor

    fil, _ = _grunnskole_med(tmp_path, "- id: vegring-samme-dag", "- id: moete-ved-vegring", nr=1)
    kode, ut, feil = kjor("valider", fil)
    assert (kode, feil) == (0, "")
    linjer = ut.splitlines()
    assert len(linjer) == 2
    assert ": advarsel: Regelen «vegring-samme-dag» gjelder ikke lenger trinn 5, 6, 7:" in linjer[0]
    assert linjer[1] == "Filen er gyldig (1 advarsel)."
