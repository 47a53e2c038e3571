"""`fravarsregler valider` reports likely paste mistakes from Word as warnings at the text: the
file stays valid (exit 0), the staff see what to look at."""

from __future__ import annotations

import shutil
from pathlib import Path

from clihjelp import kjor

from fravarsregler import validate

RUTINER = Path(__file__).resolve().parent.parent / "rutiner"


def test_typografiske_anforselstegn_og_usynlig_tegn_gir_advarsler(tmp_path: Path) -> None:
    tekst = (RUTINER / "barnehage.yaml").read_text(encoding="utf-8")
    shutil.copy(RUTINER / "felles.yaml", tmp_path / "felles.yaml")
    naar = '        naar: "Samme dag"\n'
    assert naar in tekst
    linje = tekst[: tekst.index(naar)].count("\n") + 1
    tekst = tekst.replace(naar, "        naar: “Samme dag”\n", 1)
    innhold = "Registreres"
    i = tekst.index(innhold)
    tekst = tekst[:i] + "Regist\u00adreres" + tekst[i + len(innhold) :]
    linje2 = tekst[:i].count("\n") + 1
    fil = tmp_path / "barnehage.yaml"
    fil.write_text(tekst, encoding="utf-8")
    kode, ut, feil = kjor("valider", fil)
    assert (kode, feil) == (0, "")
    linjer = ut.splitlines()
    assert linjer[-1] == "Filen er gyldig (2 advarsler)."
    assert [rad.split(": ")[0].rsplit(":", 2)[1] for rad in linjer[:-1]] == [
        str(min(linje, linje2)),
        str(max(linje, linje2)),
    ]
    assert all(": advarsel: " in rad for rad in linjer[:-1])
    assert any("U+00AD" in rad for rad in linjer[:-1])
    assert any("“" in rad for rad in linjer[:-1])


def _barnehage_med(tmp_path: Path, gammel: str, ny: str) -> Path:
    tekst = (RUTINER / "barnehage.yaml").read_text(encoding="utf-8")
    shutil.copy(RUTINER / "felles.yaml", tmp_path / "felles.yaml")
    assert gammel in tekst
    fil = tmp_path / "barnehage.yaml"
    fil.write_text(tekst.replace(gammel, ny, 1), encoding="utf-8")
    return fil


def test_anforselstegn_inne_i_teksten_er_ikke_rundt_den(tmp_path: Path) -> None:
    fil = _barnehage_med(tmp_path, '        naar: "Samme dag"\n', "        naar: “Samme dag” og “neste dag”\n")
    assert validate(fil).problemer == ()
    fil = _barnehage_med(tmp_path, '        naar: "Samme dag"\n', "        naar: „Samme dag”\n")
    (problem,) = validate(fil).problemer
    assert (problem.alvor, problem.kode) == ("advarsel", "typografiske-anforselstegn")


def test_en_tekst_via_et_alias_meldes_en_gang(tmp_path: Path) -> None:
    # «innhold: *t» is the anchored text: its unknown placeholder is one problem, at the brace
    tekst = (RUTINER / "barnehage.yaml").read_text(encoding="utf-8")
    shutil.copy(RUTINER / "felles.yaml", tmp_path / "felles.yaml")
    naar = '        naar: "Samme dag"\n'
    i = tekst.index(naar)
    j = tekst.index("        innhold:", i)
    k = tekst.index("\n", j)
    ny = (
        tekst[:i]
        + '        naar: &t "Helst før {ukjent}"\n'
        + tekst[i + len(naar) : j]
        + "        innhold: *t"
        + tekst[k:]
    )
    fil = tmp_path / "barnehage.yaml"
    fil.write_text(ny, encoding="utf-8")
    (problem,) = validate(fil).problemer
    assert problem.kode == "referanse"
    assert problem.linje == tekst[:i].count("\n") + 1
    assert problem.kolonne == len('        naar: &t "Helst før ') + 1
