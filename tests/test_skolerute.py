"""Tests for the school calendar (fravarsregler._skolerute)."""

from __future__ import annotations

import copy
import functools
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from fravarsregler import Elev, Regelsett, evaluate
from fravarsregler._cli import run
from fravarsregler._errors import FravarsreglerError, Problem, RutineFeil
from fravarsregler._skolerute import (
    VINDU_TYPER,
    Fridag,
    Semester,
    Skolerute,
    Vindu,
    load_skolerute,
    skolerute_from_data,
    skolerute_problemer,
)
from fravarsregler._yaml import load_yaml_file

ROT = Path(__file__).resolve().parent.parent
SKOLERUTE_FIL = ROT / "rutiner" / "skolerute-2026-27.yaml"
SKJEMA_FIL = ROT / "skjema" / "skolerute.schema.json"

D = date


@functools.cache
def _skolerute() -> Skolerute:
    """The shipped file, loaded once (Hypothesis tests cannot use function-scoped fixtures)."""
    return load_skolerute(SKOLERUTE_FIL)


@pytest.fixture
def sr() -> Skolerute:
    return _skolerute()


def _grunndata() -> dict[str, Any]:
    """A small valid skolerute as plain data, for tests that change one thing."""
    return {
        "type": "skolerute",
        "formatversjon": 1,
        "id": "test-2026-27",
        "kommune": "Testkommune",
        "skoleaar": "2026-27",
        "semestre": [
            {
                "id": "hoest-2026",
                "navn": "Høsten 2026",
                "forste_skoledag": "2026-08-19",
                "siste_skoledag": "2026-12-18",
            },
            {
                "id": "vaar-2027",
                "navn": "Våren 2027",
                "forste_skoledag": "2027-01-04",
                "siste_skoledag": "2027-06-18",
            },
        ],
        "fridager": [{"navn": "Høstferie", "fra": "2026-09-28", "til": "2026-10-02"}],
    }


def _problemer_fra_data(data: dict[str, Any]) -> tuple[Problem, ...]:
    with pytest.raises(RutineFeil) as info:
        skolerute_from_data(data, fil="test.yaml")
    return info.value.problemer


def _problemer_fra_fil(tmp_path: Path, tekst: str) -> tuple[Problem, ...]:
    fil = tmp_path / "skolerute.yaml"
    fil.write_text(tekst, encoding="utf-8")
    with pytest.raises(RutineFeil) as info:
        load_skolerute(fil)
    return info.value.problemer


def _linje_med(tekst: str, bit: str) -> int:
    """1-based number of the first line of ``tekst`` containing ``bit``."""
    for nr, linje in enumerate(tekst.splitlines(), start=1):
        if bit in linje:
            return nr
    raise AssertionError(f"{bit!r} not in text")


class TestDetLeverteFila:
    """The shipped 2026–27 file loads, is marked as made up, and has 190 school days."""

    def test_laster_med_yaml_lasteren(self) -> None:
        doc = load_yaml_file(SKOLERUTE_FIL)
        assert doc.data["type"] == "skolerute"
        assert doc.data["semestre"][0]["forste_skoledag"] == "2026-08-18"  # dates stay strings

    def test_forste_linje_peker_paa_skjemaet(self) -> None:
        forste = SKOLERUTE_FIL.read_text(encoding="utf-8").splitlines()[0]
        assert forste == "# yaml-language-server: $schema=../skjema/skolerute.schema.json"

    def test_sier_at_den_ikke_er_offisiell(self, sr: Skolerute) -> None:
        assert sr.merknad is not None
        assert "ikke offisiell" in sr.merknad
        assert "vedtatte skoleruta" in sr.merknad
        assert "IKKE Vestvågøy kommunes vedtatte" in SKOLERUTE_FIL.read_text(encoding="utf-8")

    def test_antall_skoledager_per_semester(self, sr: Skolerute) -> None:
        hoest, vaar = sr.semestre
        assert len(sr.skoledager_i_semester(hoest)) == 83
        assert len(sr.skoledager_i_semester(vaar)) == 107
        assert len(sr.skoledager) == 190

    def test_felter(self, sr: Skolerute) -> None:
        assert sr.id == "skolerute-2026-27"
        assert sr.kommune == "Vestvågøy kommune"
        assert sr.skoleaar == "2026-27"
        assert [s.id for s in sr.semestre] == ["hoest-2026", "vaar-2027"]
        assert sr.fil == str(SKOLERUTE_FIL)
        assert dict(sr.frister) == {}


class TestErSkoledag:
    """Public holidays, weekends and the file's days off are not school days."""

    @pytest.mark.parametrize(
        ("dag", "hvorfor"),
        [
            # 17 May is also Whit Monday in 2027: both names, as written inside a sentence
            (D(2027, 5, 17), "helligdag: andre pinsedag og grunnlovsdagen"),
            (D(2027, 5, 6), "helligdag: Kristi himmelfartsdag"),  # a name keeps its capital
            (D(2027, 3, 29), "helligdag: andre påskedag"),
            (D(2027, 3, 25), "helligdag: skjærtorsdag"),
            # 2027-01-01 lies in the Christmas break, outside both semesters.
            (D(2027, 1, 1), "utenfor semestrene"),
        ],
    )
    def test_helligdager_er_ikke_skoledager(self, sr: Skolerute, dag: date, hvorfor: str) -> None:
        assert not sr.er_skoledag(dag)
        assert sr.fri_grunn(dag) == hvorfor

    def test_alle_de_faste_helligdagene_beregnes(self, sr: Skolerute) -> None:
        # 1 May 2027 is a Saturday, so no school day shows it; the computed holidays have it
        assert [sr.helligdag(D(2027, 5, 1)), sr.helligdag(D(2026, 12, 25)), sr.helligdag(D(2026, 12, 26))] == [
            "arbeidernes dag",
            "første juledag",
            "andre juledag",
        ]
        assert sr.helligdag(D(2027, 1, 1)) == "første nyttårsdag"
        assert sr.helligdag(D(2027, 5, 3)) is None

    def test_hoestferie_uke_40(self, sr: Skolerute) -> None:
        uke_40 = [D(2026, 9, 28) + timedelta(days=i) for i in range(5)]
        assert all(d.isocalendar().week == 40 for d in uke_40)
        assert not any(sr.er_skoledag(d) for d in uke_40)
        assert sr.fri_grunn(D(2026, 9, 30)) == "fridag «Høstferie»"
        assert sr.er_skoledag(D(2026, 9, 25))
        assert sr.er_skoledag(D(2026, 10, 5))

    def test_vinterferie_og_paaske(self, sr: Skolerute) -> None:
        assert not any(sr.er_skoledag(D(2027, 3, d)) for d in range(1, 6))  # uke 9
        assert not any(sr.er_skoledag(D(2027, 3, d)) for d in range(22, 30))
        assert sr.er_skoledag(D(2027, 3, 30))

    def test_planleggingsdag_i_november(self, sr: Skolerute) -> None:
        assert not sr.er_skoledag(D(2026, 11, 13))
        assert sr.er_skoledag(D(2026, 11, 12))

    def test_helg_og_utenfor_semester(self, sr: Skolerute) -> None:
        assert not sr.er_skoledag(D(2026, 8, 22))
        assert sr.fri_grunn(D(2026, 8, 22)) == "lørdag"
        assert not sr.er_skoledag(D(2026, 8, 17))
        assert sr.fri_grunn(D(2026, 8, 17)) == "utenfor semestrene"
        assert sr.fri_grunn(D(2026, 8, 18)) is None

    def test_ekstra_skoledag_overstyrer_helg(self) -> None:
        data = _grunndata()
        data["ekstra_skoledager"] = ["2026-09-05"]  # a Saturday
        sr = skolerute_from_data(data, fil="test.yaml")
        assert sr.er_skoledag(D(2026, 9, 5))
        assert sr.ekstra_skoledager == (D(2026, 9, 5),)

    def test_ekstra_skoledag_utenfor_semester_avvises(self) -> None:
        data = _grunndata()
        data["ekstra_skoledager"] = ["2026-12-28"]
        (problem,) = _problemer_fra_data(data)
        assert problem.kode == "ekstra-skoledag-utenfor-semester"
        assert problem.json_path == "$.ekstra_skoledager[0]"
        assert problem.linje is None


class TestSemesterOgTelling:
    """Semester lookup and the school days held so far (the 10 % rule's denominator)."""

    def test_semester_for(self, sr: Skolerute) -> None:
        hoest, vaar = sr.semestre
        assert sr.semester_for(D(2026, 8, 18)) == hoest
        assert sr.semester_for(D(2026, 12, 18)) == hoest
        assert sr.semester_for(D(2026, 12, 19)) is None
        assert sr.semester_for(D(2027, 1, 4)) == vaar
        assert sr.semester_for(D(2027, 7, 1)) is None

    def test_forste_skoledag_gir_1(self, sr: Skolerute) -> None:
        assert sr.skoledager_hittil(D(2026, 8, 18)) == 1
        assert sr.skoledager_hittil(D(2027, 1, 4)) == 1

    def test_teller_frem_til_en_fridag(self, sr: Skolerute) -> None:
        # Tue 18 - Fri 21 August are four school days; Saturday adds none.
        assert sr.skoledager_hittil(D(2026, 8, 21)) == 4
        assert sr.skoledager_hittil(D(2026, 8, 22)) == 4
        assert sr.skoledager_hittil(D(2026, 8, 24)) == 5

    def test_utenfor_semester_gir_0(self, sr: Skolerute) -> None:
        assert sr.skoledager_hittil(D(2026, 8, 17)) == 0
        assert sr.skoledager_hittil(D(2026, 12, 27)) == 0

    def test_siste_dag_gir_hele_semesteret(self, sr: Skolerute) -> None:
        assert sr.skoledager_hittil(D(2026, 12, 18)) == 83
        assert sr.skoledager_hittil(D(2027, 6, 18)) == 107

    def test_fremmed_semester(self, sr: Skolerute) -> None:
        fremmed = Semester("hoest-2030", "Høsten 2030", D(2030, 8, 19), D(2030, 12, 20))
        with pytest.raises(ValueError, match="finnes ikke"):
            sr.skoledager_i_semester(fremmed)

    def test_semestre_sorteres(self) -> None:
        data = _grunndata()
        data["semestre"].reverse()
        sr = skolerute_from_data(data, fil="test.yaml")
        assert [s.id for s in sr.semestre] == ["hoest-2026", "vaar-2027"]


class TestNavigering:
    """Next school day, last school day of a month and consecutive school days."""

    def test_neste_over_hoestferien(self, sr: Skolerute) -> None:
        assert sr.neste_skoledag_etter(D(2026, 9, 25), 1) == D(2026, 10, 5)
        assert sr.neste_skoledag_etter(D(2026, 9, 25), 2) == D(2026, 10, 6)

    def test_n_lik_0(self, sr: Skolerute) -> None:
        assert sr.neste_skoledag_etter(D(2026, 9, 25), 0) == D(2026, 9, 25)
        assert sr.neste_skoledag_etter(D(2026, 9, 26), 0) == D(2026, 10, 5)

    def test_over_juleferien_og_forbi_kalenderen(self, sr: Skolerute) -> None:
        assert sr.neste_skoledag_etter(D(2026, 12, 18)) == D(2027, 1, 4)
        assert sr.neste_skoledag_etter(D(2027, 6, 17), 1) == D(2027, 6, 18)
        assert sr.neste_skoledag_etter(D(2027, 6, 17), 2) is None
        assert sr.neste_skoledag_etter(D(2027, 6, 18), 0) == D(2027, 6, 18)
        assert sr.neste_skoledag_etter(D(2027, 6, 19), 0) is None

    def test_negativ_n(self, sr: Skolerute) -> None:
        with pytest.raises(ValueError, match="0 eller større"):
            sr.neste_skoledag_etter(D(2026, 9, 25), -1)

    def test_siste_skoledag_i_maaned(self, sr: Skolerute) -> None:
        assert sr.siste_skoledag_i_maaned(2026, 11) == D(2026, 11, 30)
        assert sr.siste_skoledag_i_maaned(2026, 12) == D(2026, 12, 18)
        assert sr.siste_skoledag_i_maaned(2027, 2) == D(2027, 2, 26)
        assert sr.siste_skoledag_i_maaned(2027, 7) is None
        assert sr.siste_skoledag_i_maaned(2026, 7) is None

    def test_sammenhengende(self, sr: Skolerute) -> None:
        assert sr.sammenhengende(D(2026, 9, 24), D(2026, 9, 25))
        assert sr.sammenhengende(D(2026, 9, 25), D(2026, 10, 5))  # over the autumn break
        assert sr.sammenhengende(D(2026, 12, 18), D(2027, 1, 4))  # over Christmas
        assert not sr.sammenhengende(D(2026, 9, 24), D(2026, 10, 5))
        assert not sr.sammenhengende(D(2026, 9, 25), D(2026, 9, 25))
        assert not sr.sammenhengende(D(2026, 10, 5), D(2026, 9, 25))
        assert not sr.sammenhengende(D(2026, 9, 25), D(2026, 9, 26))  # a Saturday


class TestVinduer:
    """Calendar windows are picked by due date and named in Norwegian."""

    def test_maanedlig_mellom_to_datoer(self, sr: Skolerute) -> None:
        vinduer = sr.vinduer("maanedlig", D(2026, 10, 15), D(2026, 12, 31))
        assert [(v.navn, v.frist) for v in vinduer] == [
            ("oktober 2026", D(2026, 10, 30)),
            ("november 2026", D(2026, 11, 30)),
            ("desember 2026", D(2026, 12, 18)),
        ]
        november = vinduer[1]
        assert (november.start, november.slutt) == (D(2026, 11, 1), D(2026, 11, 30))
        assert november.vindu == "maanedlig"

    def test_grensene_er_inklusive(self, sr: Skolerute) -> None:
        assert len(sr.vinduer("maanedlig", D(2026, 11, 30), D(2026, 11, 30))) == 1
        assert sr.vinduer("maanedlig", D(2026, 12, 19), D(2026, 12, 31)) == []

    def test_alle_maaneder_i_skoleaaret(self, sr: Skolerute) -> None:
        vinduer = sr.vinduer("maanedlig", D(2026, 1, 1), D(2027, 12, 31))
        assert len(vinduer) == 11  # August to June
        assert vinduer[0].navn == "august 2026"
        assert vinduer[-1].navn == "juni 2027"

    def test_semestervinduer(self, sr: Skolerute) -> None:
        hele = (D(2026, 1, 1), D(2027, 12, 31))
        assert [(v.navn, v.frist) for v in sr.vinduer("semester", *hele)] == [
            ("høsten 2026", D(2026, 12, 18)),
            ("våren 2027", D(2027, 6, 18)),
        ]
        assert [v.navn for v in sr.vinduer("hoest", *hele)] == ["høsten 2026"]
        assert [v.navn for v in sr.vinduer("vaar", *hele)] == ["våren 2027"]

    def test_vinter_jan_feb_mai_jun(self, sr: Skolerute) -> None:
        hele = (D(2026, 1, 1), D(2027, 12, 31))
        (vinter,) = sr.vinduer("vinter", *hele)
        assert (vinter.navn, vinter.start, vinter.slutt, vinter.frist) == (
            "vinteren 2026/27",
            D(2026, 12, 1),
            D(2027, 1, 31),
            D(2027, 1, 29),
        )
        (jan_feb,) = sr.vinduer("jan_feb", *hele)
        assert (jan_feb.navn, jan_feb.frist) == ("januar/februar 2027", D(2027, 2, 26))
        (mai_jun,) = sr.vinduer("mai_jun", *hele)
        assert (mai_jun.navn, mai_jun.start, mai_jun.slutt, mai_jun.frist) == (
            "mai/juni 2027",
            D(2027, 5, 1),
            D(2027, 6, 30),
            D(2027, 6, 18),
        )

    def test_forste_skoledag(self, sr: Skolerute) -> None:
        (vindu,) = sr.vinduer("foerste_skoledag", D(2026, 8, 1), D(2026, 8, 31))
        assert vindu.start == vindu.slutt == vindu.frist == D(2026, 8, 18)
        assert vindu.navn == "første skoledag høsten 2026"
        # the school year's first day only: the spring semester's first day starts no new year (VG1)
        assert [v.start for v in sr.vinduer("foerste_skoledag", *sr.skoleaaret)] == [D(2026, 8, 18)]

    def test_hver_type_har_vinduer(self, sr: Skolerute) -> None:
        for art in VINDU_TYPER:
            vinduer = sr.vinduer(art, D(2026, 1, 1), D(2027, 12, 31))
            assert vinduer, art
            for v in vinduer:
                assert v.start <= v.frist <= v.slutt
                assert sr.er_skoledag(v.frist)

    def test_ukjent_vindu(self, sr: Skolerute) -> None:
        with pytest.raises(ValueError, match="ukjent kalendervindu «ukentlig»"):
            sr.vinduer("ukentlig", D(2026, 1, 1), D(2027, 12, 31))


class TestFastFrist:
    """A date pinned under `frister` moves only the window that contains it."""

    @pytest.fixture
    def sr_med_frist(self) -> Skolerute:
        data = _grunndata()
        data["frister"] = {"rapport-til-rektor": "2026-11-27"}
        return skolerute_from_data(data, fil="test.yaml")

    def test_innenfor_vinduet(self, sr_med_frist: Skolerute) -> None:
        (november,) = sr_med_frist.vinduer("maanedlig", D(2026, 11, 1), D(2026, 11, 30))
        assert november.frist == D(2026, 11, 30)
        assert sr_med_frist.frist_for("rapport-til-rektor", november) == D(2026, 11, 27)

    def test_utenfor_vinduet(self, sr_med_frist: Skolerute) -> None:
        (oktober,) = sr_med_frist.vinduer("maanedlig", D(2026, 10, 1), D(2026, 10, 31))
        assert sr_med_frist.frist_for("rapport-til-rektor", oktober) == oktober.frist

    def test_annen_regel(self, sr_med_frist: Skolerute) -> None:
        (november,) = sr_med_frist.vinduer("maanedlig", D(2026, 11, 1), D(2026, 11, 30))
        assert sr_med_frist.frist_for("bekymringsbrev", november) == november.frist

    def test_festet_dato_etter_vinduets_egen_frist(self, regelsett: Regelsett) -> None:
        # pinned to Saturday 31 October, after the window's own due date (Friday the 30th): with
        # fra on the 31st the row used to be lost, since windows were picked by their own date
        data = _grunndata()
        data["frister"] = {"rapport-til-rektor": "2026-10-31"}
        sr = skolerute_from_data(data, fil="test.yaml")
        elev = Elev("E1", "6", D(2015, 3, 1), skole="Nordvik skole")
        for fra in (D(2026, 10, 30), D(2026, 10, 31)):
            res = evaluate(regelsett, [elev], [], sr, D(2026, 10, 31), fra=fra)
            rapport = [(t.frist, t.utlost) for t in res.tiltak if t.regel == "rapport-til-rektor"]
            assert rapport == [(D(2026, 10, 31), fra)], fra

    def test_frister_er_skrivebeskyttet(self, sr_med_frist: Skolerute) -> None:
        with pytest.raises(TypeError):
            sr_med_frist.frister["x"] = D(2026, 1, 1)  # type: ignore[index]


class TestFeilIFila:
    """Bad files give one located Norwegian problem per issue, all at once."""

    def test_umulig_dato(self, tmp_path: Path) -> None:
        tekst = SKOLERUTE_FIL.read_text(encoding="utf-8").replace(
            "siste_skoledag: 2026-12-18", "siste_skoledag: 2026-02-30"
        )
        (problem,) = _problemer_fra_fil(tmp_path, tekst)
        assert problem.json_path == "$.semestre[0].siste_skoledag"
        assert problem.kode == "ugyldig-dato"
        assert problem.linje == _linje_med(tekst, "2026-02-30")
        assert problem.kolonne == tekst.splitlines()[problem.linje - 1].index("2026") + 1
        assert "2026-02-30" in problem.melding
        assert "finnes ikke i kalenderen" in problem.melding
        assert problem.fil == str(tmp_path / "skolerute.yaml")

    def test_dato_i_feil_form_gir_ett_problem(self, tmp_path: Path) -> None:
        tekst = SKOLERUTE_FIL.read_text(encoding="utf-8").replace("fra: 2026-11-13", 'fra: "13.11.2026"')
        problemer = _problemer_fra_fil(tmp_path, tekst)
        assert [p.json_path for p in problemer] == ["$.fridager[2].fra"]
        assert "ÅÅÅÅ-MM-DD" in problemer[0].melding

    def test_semester_slutter_foer_det_begynner(self, tmp_path: Path) -> None:
        tekst = SKOLERUTE_FIL.read_text(encoding="utf-8").replace(
            "siste_skoledag: 2027-06-18", "siste_skoledag: 2026-12-30"
        )
        (problem,) = _problemer_fra_fil(tmp_path, tekst)
        assert problem.kode == "semester-slutt-foer-start"
        assert problem.json_path == "$.semestre[1].siste_skoledag"
        assert problem.linje == _linje_med(tekst, "2026-12-30")
        assert "før første skoledag" in problem.melding

    def test_manglende_nokkel(self, tmp_path: Path) -> None:
        tekst = SKOLERUTE_FIL.read_text(encoding="utf-8").replace("    siste_skoledag: 2026-12-18\n", "")
        (problem,) = _problemer_fra_fil(tmp_path, tekst)
        assert problem.kode == "mangler-felt"
        assert problem.json_path == "$.semestre[0]"  # the mapping that lacks the key
        assert problem.linje == _linje_med(tekst, "id: hoest-2026")
        assert problem.melding.startswith("Feltet «siste_skoledag» mangler. Legg det til")

    def test_ukjent_nokkel(self, tmp_path: Path) -> None:
        tekst = SKOLERUTE_FIL.read_text(encoding="utf-8").replace(
            "forste_skoledag: 2027-01-04", "forste_skoledg: 2027-01-04"
        )
        problemer = _problemer_fra_fil(tmp_path, tekst)
        ukjent = next(p for p in problemer if p.kode == "ukjent-felt")
        assert ukjent.json_path == "$.semestre[1].forste_skoledg"
        assert ukjent.linje == _linje_med(tekst, "forste_skoledg:")
        assert ukjent.kolonne == 5  # the key, not the value
        assert "Ukjent felt «forste_skoledg». Mente du «forste_skoledag»" in ukjent.melding
        assert ukjent.forslag[0] == "forste_skoledag"
        # ... and the real key being missing is the same mistake: not reported twice.
        assert {p.kode for p in problemer} == {"ukjent-felt"}

    def test_alle_problemer_paa_en_gang(self, tmp_path: Path) -> None:
        tekst = (
            SKOLERUTE_FIL.read_text(encoding="utf-8")
            .replace("siste_skoledag: 2026-12-18", "siste_skoledag: 2026-02-30")
            .replace("fra: 2026-09-28, til: 2026-10-02", "fra: 2026-10-02, til: 2026-09-28")
            .replace("frister: {}", "frister: {}\nferie: []")
            .replace("formatversjon: 1", "formatversjon: 2")
        )
        problemer = _problemer_fra_fil(tmp_path, tekst)
        assert [p.json_path for p in problemer] == [
            "$.formatversjon",
            "$.semestre[0].siste_skoledag",
            "$.fridager[1].til",
            "$.ferie",
        ]
        assert all(p.linje is not None and p.kolonne is not None for p in problemer)
        assert [p.linje for p in problemer] == sorted(p.linje or 0 for p in problemer)

    def test_overlappende_semestre(self) -> None:
        data = _grunndata()
        data["semestre"][1]["forste_skoledag"] = "2026-12-14"
        (problem,) = _problemer_fra_data(data)
        assert problem.kode == "semestre-overlapper"
        assert problem.json_path == "$.semestre[1].forste_skoledag"
        assert "semestre[" not in problem.melding  # no technical path in what staff read
        assert problem.melding.startswith("Semesteret «Våren 2027» begynner 2026-12-14, før semesteret «Høsten 2026»")

    def test_fridag_utenfor_skoleaaret(self) -> None:
        data = _grunndata()
        data["fridager"].append({"navn": "Feil år", "fra": "2025-10-01", "til": "2025-10-01"})
        problemer = _problemer_fra_data(data)
        assert [p.json_path for p in problemer] == ["$.fridager[1].fra", "$.fridager[1].til"]
        assert all(p.kode == "utenfor-skoleaaret" for p in problemer)
        assert [p.melding.split(" ligger")[0] for p in problemer] == [
            "Første dag av «Feil år» 2025-10-01",
            "Siste dag av «Feil år» 2025-10-01",
        ]

    def test_forste_skoledag_maa_vaere_skoledag(self) -> None:
        data = _grunndata()
        data["semestre"][0]["forste_skoledag"] = "2026-08-16"  # a Sunday
        (problem,) = _problemer_fra_data(data)
        assert problem.kode == "ikke-skoledag"
        assert "søndag" in problem.melding

    def test_ugyldig_skoleaar_og_regel_id(self) -> None:
        data = _grunndata()
        data["skoleaar"] = "2026-28"
        data["frister"] = {"Rapport": "2026-11-27"}
        problemer = _problemer_fra_data(data)
        assert {p.kode for p in problemer} == {"skoleaar", "feil-form"}
        assert "«Rapport» er ikke en gyldig id" in next(p for p in problemer if p.kode == "feil-form").melding
        assert "2026-27" in next(p for p in problemer if p.kode == "skoleaar").melding

    def test_tom_fil(self, tmp_path: Path) -> None:
        (problem,) = _problemer_fra_fil(tmp_path, "# bare en kommentar\n")
        assert problem.kode == "feil-type"
        assert problem.json_path == "$"

    def test_problemliste_uten_unntak(self, tmp_path: Path) -> None:
        fil = tmp_path / "skolerute.yaml"
        tekst = SKOLERUTE_FIL.read_text(encoding="utf-8")
        fil.write_text(tekst.replace("id: vaar-2027", "id: hoest-2026"), encoding="utf-8")
        assert skolerute_problemer(load_yaml_file(SKOLERUTE_FIL)) == []
        (problem,) = skolerute_problemer(load_yaml_file(fil))
        assert problem.kode == "duplikat-id"
        assert problem.json_path == "$.semestre[1].id"
        assert problem.melding == (
            "Semester-id-en «hoest-2026» er brukt før, av semesteret «høsten 2026». Gi hvert semester sin egen id."
        )
        assert problem.linje == _linje_med(tekst, "id: vaar-2027")

    def test_grunndata_er_gyldig(self) -> None:
        sr = skolerute_from_data(copy.deepcopy(_grunndata()), fil="test.yaml")
        assert len(sr.semestre) == 2

    def test_rutinefeil_er_en_fravarsreglererror(self) -> None:
        assert issubclass(RutineFeil, FravarsreglerError)


class TestFeilFiltype:
    """A routine or the shared file given as the skolerute: one plain problem at «type:»."""

    @pytest.mark.parametrize(
        ("navn", "typ", "start"),
        [
            ("barnehage.yaml", "rutine", "Dette er en rutinefil (type: rutine), ikke en skolerute."),
            ("felles.yaml", "felles", "Dette er fellesfilen (type: felles), ikke en skolerute."),
        ],
    )
    def test_annen_filtype(self, navn: str, typ: str, start: str) -> None:
        fil = ROT / "rutiner" / navn
        with pytest.raises(RutineFeil) as info:
            load_skolerute(fil)
        (problem,) = info.value.problemer
        assert problem.melding == f"{start} Oppgi skolerutefilen, for eksempel rutiner/skolerute-2026-27.yaml."
        assert problem.kode == "feil-filtype"
        assert problem.json_path == "$.type"
        tekst = fil.read_text(encoding="utf-8")
        assert (problem.linje, problem.kolonne) == (tekst.splitlines().index(f"type: {typ}") + 1, len("type: ") + 1)

    def test_fra_data(self) -> None:
        data = _grunndata()
        data["type"] = "rutine"
        (problem,) = _problemer_fra_data(data)
        assert problem.kode == "feil-filtype"
        assert problem.melding.startswith("Dette er en rutinefil (type: rutine), ikke en skolerute.")

    def test_evaluer_sier_det_paa_en_linje(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(ROT)
        ut, feil = io.StringIO(), io.StringIO()
        argv = ["evaluer", "--skolerute", "rutiner/barnehage.yaml", "--elever", "eksempel/elever.csv"]
        argv += ["--hendelser", "eksempel/hendelser.csv", "--dato", "2026-10-01"]
        assert run(argv, ut, feil) == 1
        assert feil.getvalue() == (
            "fravarsregler: rutiner/barnehage.yaml:10:7: Dette er en rutinefil (type: rutine), ikke en "
            "skolerute. Oppgi skolerutefilen, for eksempel rutiner/skolerute-2026-27.yaml.\n"
        )

    def test_ukjent_type_gaar_til_skjemaet(self) -> None:
        data = _grunndata()
        data["type"] = "skolerut"
        (problem,) = _problemer_fra_data(data)
        assert problem.kode != "feil-filtype"


class TestSkjema:
    """The JSON Schema is valid 2020-12 and documents every property in Norwegian."""

    def test_gyldig_skjema(self) -> None:
        skjema = json.loads(SKJEMA_FIL.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(skjema)
        assert skjema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert skjema["$id"].endswith("skolerute.schema.json")
        assert skjema["additionalProperties"] is False

    def test_beskrivelse_paa_hver_egenskap(self) -> None:
        skjema = json.loads(SKJEMA_FIL.read_text(encoding="utf-8"))

        def sjekk(node: Any, sti: str) -> None:
            if isinstance(node, dict):
                for navn, under in node.get("properties", {}).items():
                    assert under.get("description"), f"{sti}.{navn}"
                for nokkel, under in node.items():
                    sjekk(under, f"{sti}/{nokkel}")

        sjekk(skjema, "#")

    def test_finn_datafil(self) -> None:
        from fravarsregler._paths import finn_datafil

        # the checkout's file, or its copy in an installed wheel's _data: the same bytes either way
        funnet = finn_datafil("skjema", "skolerute.schema.json")
        assert funnet.read_bytes() == SKJEMA_FIL.read_bytes()
        assert not finn_datafil("skjema", "finnes-ikke.json").exists()

    def test_finn_datafil_installert_ser_ikke_i_site_packages(self, tmp_path: Path) -> None:
        # installed, the folder above the package is site-packages: another distribution's
        # rutiner/ there is not ours (a checkout is known by its pyproject.toml)
        import importlib.util

        pakke = tmp_path / "site-packages" / "fravarsregler"
        pakke.mkdir(parents=True)
        (pakke / "_paths.py").write_bytes((Path(__file__).parent.parent / "fravarsregler" / "_paths.py").read_bytes())
        (pakke / "_data" / "rutiner").mkdir(parents=True)
        (pakke / "_data" / "rutiner" / "vgs.yaml").write_text("type: rutine\n", encoding="utf-8")
        fremmed = tmp_path / "site-packages" / "rutiner"
        fremmed.mkdir()
        (fremmed / "annen.yaml").write_text("x: 1\n", encoding="utf-8")
        spec = importlib.util.spec_from_file_location("installert_paths", pakke / "_paths.py")
        assert spec is not None
        assert spec.loader is not None
        modul = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(modul)
        assert modul.finn_datafil("rutiner", "vgs.yaml") == pakke / "_data" / "rutiner" / "vgs.yaml"
        assert modul.finn_datafil("rutiner", "annen.yaml") == pakke / "_data" / "rutiner" / "annen.yaml"
        assert not modul.finn_datafil("rutiner", "annen.yaml").exists()
        (tmp_path / "site-packages" / "pyproject.toml").write_text("", encoding="utf-8")  # now a checkout
        spec.loader.exec_module(modul)
        assert modul.finn_datafil("rutiner", "annen.yaml") == fremmed / "annen.yaml"


# ---------------------------------------------------------------------------------------------
# Properties

DATOER = st.dates(min_value=D(2026, 7, 1), max_value=D(2027, 8, 31))


@st.composite
def skoleruter(draw: st.DrawFn) -> Skolerute:
    """Random calendars: the shipped semesters with random days off and extra school days."""
    fridager = []
    for _ in range(draw(st.integers(0, 6))):
        fra = draw(DATOER)
        fridager.append(Fridag("Fri", fra, fra + timedelta(days=draw(st.integers(0, 10)))))
    return Skolerute(
        id="tilfeldig",
        kommune="Testkommune",
        skoleaar="2026-27",
        semestre=[
            Semester("hoest-2026", "Høsten 2026", D(2026, 8, 18), D(2026, 12, 18)),
            Semester("vaar-2027", "Våren 2027", D(2027, 1, 4), D(2027, 6, 18)),
        ],
        fridager=fridager,
        ekstra_skoledager=draw(st.lists(DATOER, max_size=3)),
    )


KALENDERE = st.one_of(st.just(_skolerute()), skoleruter())


class TestEgenskaper:
    """Properties that hold for every date and every calendar."""

    @settings(max_examples=60, deadline=None)
    @given(sr=KALENDERE)
    def test_hittil_oker_med_en_per_skoledag(self, sr: Skolerute) -> None:
        for sem in sr.semestre:
            forrige = 0
            for d in (sem.forste_skoledag + timedelta(days=i) for i in range(200)):
                if d > sem.siste_skoledag:
                    break
                naa = sr.skoledager_hittil(d)
                assert naa == forrige + (1 if sr.er_skoledag(d) else 0)
                forrige = naa
            assert forrige == len(sr.skoledager_i_semester(sem))

    @settings(max_examples=200, deadline=None)
    @given(sr=KALENDERE, d=DATOER)
    def test_skoledag_ligger_i_et_semester(self, sr: Skolerute, d: date) -> None:
        if sr.er_skoledag(d):
            sem = sr.semester_for(d)
            assert sem is not None
            assert sr.skoledager_hittil(d) >= 1
            assert sr.fri_grunn(d) is None
        else:
            assert sr.fri_grunn(d) is not None

    @settings(max_examples=200, deadline=None)
    @given(sr=KALENDERE, d=DATOER, n=st.integers(1, 40))
    def test_neste_skoledag_er_skoledag_etter_d(self, sr: Skolerute, d: date, n: int) -> None:
        neste = sr.neste_skoledag_etter(d, n)
        if neste is None:
            assert len([x for x in sr.skoledager if x > d]) < n
            return
        assert neste > d
        assert sr.er_skoledag(neste)
        assert len([x for x in sr.skoledager if d < x <= neste]) == n
        forste = sr.neste_skoledag_etter(d, 1)
        assert forste is not None
        assert sr.sammenhengende(d, forste)

    @settings(max_examples=100, deadline=None)
    @given(sr=KALENDERE, fra=DATOER, til=DATOER, art=st.sampled_from(VINDU_TYPER))
    def test_vinduer_har_frist_innenfor(self, sr: Skolerute, fra: date, til: date, art: str) -> None:
        vinduer = sr.vinduer(art, fra, til)
        assert all(isinstance(v, Vindu) for v in vinduer)
        assert [v.frist for v in vinduer] == sorted(v.frist for v in vinduer)
        for v in vinduer:
            assert fra <= v.frist <= til
            assert v.start <= v.frist <= v.slutt
            assert sr.er_skoledag(v.frist)
