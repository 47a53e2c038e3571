"""Independent review of the engine against the specification (issue 3, ../shared/DOMENE.md, the
source document, docs/motor.md and docs/utveksling.md).

Tests marked ``xfail(strict=True)`` assert what the specification demands and fail on the current
code: each ``reason`` names the discrepancy. The other tests cover edge cases the example tests do
not, and pass.

School days of autumn 2026 (rutiner/skolerute-2026-27.yaml): day 1 is Tue 2026-08-18, day 8 Thu
Aug 27, day 9 Fri Aug 28, day 10 (the floor day) Mon Aug 31. Spring 2027 starts Mon 2027-01-04
(day 10 is Fri Jan 15).
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from motorhjelp import finn, fravaer, grunner, kjor

from fravarsregler import (
    Elev,
    Fag,
    Hendelse,
    Regelsett,
    Resultat,
    Rutine,
    Skolerute,
    evaluate,
    load_routine,
    read_elever,
    read_fag,
    read_hendelser,
)
from fravarsregler._cli import run
from fravarsregler._inndata import Kilde
from fravarsregler._kommandoer import skriv_resultat

D = date
OSLO = ZoneInfo("Europe/Oslo")
ROT = Path(__file__).resolve().parent.parent
EKSEMPEL = ROT / "eksempel"
RUTINEMAPPE = ROT / "rutiner"
SKOLERUTE_FIL = RUTINEMAPPE / "skolerute-2026-27.yaml"
FELLES_FIL = RUTINEMAPPE / "felles.yaml"
TERSKEL = ("bekymringsfullt-fravaer", "bekymringsbrev")
FODT = D(2014, 3, 1)


# --------------------------------------------------------------------------- helpers


def elev(elev_id: str, trinn: str, fodt: date = FODT, **kw: Any) -> Elev:
    return Elev(elev_id=elev_id, trinn=trinn, fodselsdato=fodt, **kw)


def dagslinje(res: Resultat, elev_id: str) -> tuple[float, float]:
    linjer = [o for o in res.oversikt if o.elev_id == elev_id and o.maal == "skoledager"]
    assert len(linjer) == 1, linjer
    return linjer[0].teller, linjer[0].nevner


def skriv(sti: Path, tekst: str) -> Path:
    sti.write_text(tekst, encoding="utf-8")
    return sti


def cli(*argv: str) -> tuple[int, str, str]:
    ut, feil = io.StringIO(), io.StringIO()
    kode = run(list(argv), ut, feil)
    return kode, ut.getvalue(), feil.getvalue()


@pytest.fixture(scope="module")
def versjon_midt_i_oktober(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rutine, Rutine]:
    """grunnskole 2022.1 and an otherwise identical 2026.2 in force from Thu 2026-10-15."""
    mappe = tmp_path_factory.mktemp("midt-i-oktober")
    tekst = (RUTINEMAPPE / "grunnskole.yaml").read_text(encoding="utf-8")
    tekst = tekst.replace("felles: felles.yaml", f"felles: {FELLES_FIL.as_posix()!r}")
    gammel = skriv(mappe / "grunnskole-2022.1.yaml", tekst)
    for fra, til in {
        'versjon: "2022.1"': 'versjon: "2026.2"',
        'gyldig_fra: "2022-08-15"': 'gyldig_fra: "2026-10-15"',
        'neste_revisjon: "2023-06-30"': 'neste_revisjon: "2027-06-30"',
    }.items():
        assert tekst.count(fra) == 1, fra
        tekst = tekst.replace(fra, til)
    ny = skriv(mappe / "grunnskole-2026.2.yaml", tekst)
    return load_routine(gammel), load_routine(ny)


# =========================================================================== discrepancies


class TestKryssingVurderesPerDag:
    """DOMENE 1-3: the share is "absence days / school days" and the rule fires "on the first school
    day the share is over the threshold": with several registrations on the crossing day the rules
    are checked on the day's total, never half-way through the day."""

    def test_to_halve_dager_paa_kryssingsdagen(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [
            fravaer("H0", "E1", D(2026, 8, 18)),
            fravaer("A", "E1", D(2026, 8, 31), dager=0.5),  # morning
            fravaer("B", "E1", D(2026, 8, 31), dager=0.5),  # afternoon
        ]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E1", "6")], hs)
        assert dagslinje(res, "E1") == (2, 10)
        for regel in TERSKEL:
            (t,) = finn(res, regel, "E1")
            assert t.utlost == D(2026, 8, 31)
            assert t.grunnlag is not None
            # "oversikt agrees with every threshold action" (issue 3, property tests)
            assert (t.grunnlag.teller, t.grunnlag.nevner) == (2, 10)
            assert t.hendelser == ("A", "B", "H0")
            assert t.begrunnelse.startswith("2 fraværsdager av 10 skoledager = 20 % > 10 %")

    def test_ingen_tilbakeholdt_og_aktivt_brev_samme_dag(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [
            fravaer("H0", "E1", D(2026, 8, 18)),
            fravaer("A", "E1", D(2026, 8, 31), dager=0.5, arsak="sykehus"),
            fravaer("B", "E1", D(2026, 8, 31), dager=0.5),
        ]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E1", "6")], hs)
        # on Aug 31: 2 of 10 days, 1,5 of them without the hospital half day = 15 % > 10 %
        assert [(t.status, t.utlost) for t in finn(res, "bekymringsbrev", "E1")] == [("aktiv", D(2026, 8, 31))]

    def test_unntak_avhenger_ikke_av_hendelses_id(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        utfall = []
        for syk, annen in (("S1", "A1"), ("A1", "S1")):
            hs = [
                fravaer(syk, "E1", D(2026, 8, 27), dager=2.5, arsak="sykdom"),  # Aug 27, 28, half of 31
                fravaer(annen, "E1", D(2026, 8, 31), dager=0.5),  # the other half of Aug 31
            ]
            res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E1", "6")], hs)
            assert dagslinje(res, "E1") == (3, 10)
            (brev,) = finn(res, "bekymringsbrev", "E1")
            assert brev.grunnlag is not None
            utfall.append((brev.status, brev.grunnlag.teller))
        # 3 of 10 days; without the 2,5 days of the 3-day illness: 0,5 of 10 = 5 %, not over 10 %
        assert utfall == [("holdt_tilbake", 3), ("holdt_tilbake", 3)]


def test_sykdomsrekke_over_juleferien_er_langvarig(regelsett: Regelsett, skolerute: Skolerute) -> None:
    hs = [
        fravaer("S1", "E1", D(2026, 12, 17), dager=3.0, arsak="sykdom"),  # Dec 17, Dec 18, Jan 4
        fravaer("X1", "E1", D(2027, 1, 11)),
    ]
    res = kjor(regelsett, skolerute, D(2027, 1, 15), [elev("E1", "6")], hs)
    (kontakt,) = finn(res, "bekymringsfullt-fravaer", "E1")
    assert (kontakt.utlost, kontakt.status) == (D(2027, 1, 15), "aktiv")  # 2 of 10 = 20 %
    (brev,) = finn(res, "bekymringsbrev", "E1")
    # without the illness day of Jan 4 (the third day of the run): 1 of 10 = 10 %, not over 10 %
    assert brev.status == "holdt_tilbake"
    assert "langvarig sykdom: 1 dag" in brev.begrunnelse


def test_fastsatt_frist_bruker_versjonen_i_kraft_paa_fristen(versjon_midt_i_oktober: tuple[Rutine, Rutine]) -> None:
    from fravarsregler._skolerute import skolerute_from_data
    from fravarsregler._yaml import load_yaml_file

    data = dict(load_yaml_file(SKOLERUTE_FIL).data)
    data["frister"] = {"rapport-til-rektor": "2026-10-09"}
    sr = skolerute_from_data(data, fil="skolerute-med-frist.yaml")
    res = kjor(Regelsett(versjon_midt_i_oktober), sr, D(2026, 11, 2), [elev("E1", "6", skole="S")], [])
    oktober = [t for t in finn(res, "rapport-til-rektor") if t.utlost == D(2026, 10, 1)]
    assert [(t.frist, t.versjon) for t in oktober] == [(D(2026, 10, 9), "2022.1")]


def test_vgs_timer_uten_gyldig_fag_forsvinner_ikke_stille(regelsett: Regelsett, skolerute: Skolerute) -> None:
    hs = [
        Hendelse("V1", D(2026, 9, 10), "fravaer", "F", dager=1.0, timer=6.0, fag="fysikk", hendelse_id="A"),
        Hendelse("V1", D(2026, 9, 11), "fravaer", "F", dager=1.0, timer=6.0, hendelse_id="B"),
    ]
    res = kjor(
        regelsett,
        skolerute,
        D(2026, 9, 14),
        [elev("V1", "vg1", D(2010, 1, 1))],
        hs,
        fag=[Fag("V1", "matematikk", 75.0)],
    )
    # without dager the same rows are rejected with these messages
    assert sorted(grunner(res)) == [
        "eleven «V1» har ikke faget «fysikk» i fagfilen",
        "timefravær i videregående må ha «fag»",
    ]


@pytest.mark.parametrize(
    "linje",
    [
        {"hendelse_id": "H1", "elev_id": " E1", "dato": "2026-09-10", "type": "vegring"},
        {"hendelse_id": "H1", "Elev_ID": "E1", "dato": "2026-09-10", "type": "vegring"},
        {
            "hendelse_id": "H1",
            "elev_id": "E1",
            "dato": "2026-09-10",
            "type": "fravaer",
            "kode": "F",
            "dager": 1,
            "arsak": "",
        },
    ],
)
def test_jsonl_som_dokumentert(
    tmp_path: Path, regelsett: Regelsett, skolerute: Skolerute, linje: dict[str, object]
) -> None:
    """docs/utveksling.md, JSON Lines: keys and strings are read as CSV headers and cells are
    (trimmed, keys lower-cased, an empty string is a missing value)."""
    elever = skriv(tmp_path / "e.csv", "elev_id;trinn;fodselsdato\nE1;6;2014-01-01\n")
    hendelser = skriv(tmp_path / "h.jsonl", json.dumps(linje, ensure_ascii=False) + "\n")
    innlest = read_hendelser(hendelser)
    res = evaluate(regelsett, read_elever(elever), innlest, skolerute, D(2026, 9, 10))
    assert res.avvist == ()
    (h,) = innlest.rader
    assert (h.elev_id, h.arsak) == ("E1", "annet")


# =========================================================================== edge cases that hold


class TestSommertid:
    """DOMENE 6: deadlines in Europe/Oslo with the offset of their own day, across both DST changes."""

    def test_frister_rundt_omleggingene(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [
            # Fri before and Mon after the change to winter time (Sun 2026-10-25)
            Hendelse("E1", D(2026, 10, 23), "fravaer", "UF", fra=time(9, 0), til=time(9, 45), hendelse_id="U1"),
            Hendelse("E1", D(2026, 10, 26), "fravaer", "UF", fra=time(9, 0), til=time(9, 45), hendelse_id="U2"),
            # kindergarten open in the Easter break; summer time from Sun 2027-03-28
            Hendelse("B1", D(2027, 3, 24), "vegring", hendelse_id="V1"),
            Hendelse("B1", D(2027, 3, 30), "vegring", hendelse_id="V2"),
        ]
        elever = [elev("E1", "6"), elev("B1", "bhg", D(2022, 1, 1))]
        res = kjor(regelsett, skolerute, D(2027, 3, 30), elever, hs, fra=D(2026, 8, 18))
        assert res.avvist == ()
        frister = {t.hendelser[0]: t.as_dict()["frist"] for t in res.tiltak if t.kategori == "hendelse"}
        assert frister == {
            "U1": "2026-10-23T09:45:00+02:00",
            "U2": "2026-10-26T09:45:00+01:00",
            "V1": "2027-03-24T16:30:00+01:00",
            "V2": "2027-03-30T16:30:00+02:00",
        }
        for t in res.tiltak:
            if isinstance(t.frist, datetime):
                assert t.frist.utcoffset() == OSLO.utcoffset(t.frist.replace(tzinfo=None))


class TestFlerdagershendelser:
    """docs/utveksling.md: an event of n days covers n consecutive school days."""

    def test_over_en_helligdag(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # 2 days from Wed 2027-05-05 skip Ascension Day (Thu 2027-05-06): May 5 and Fri May 7
        hs = [fravaer("H1", "E1", D(2027, 5, 5), dager=2.0)]
        assert dagslinje(kjor(regelsett, skolerute, D(2027, 5, 6), [elev("E1", "6")], hs), "E1") == (1, 77)
        assert dagslinje(kjor(regelsett, skolerute, D(2027, 5, 7), [elev("E1", "6")], hs), "E1") == (2, 78)

    def test_over_semestergrensen(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # 3 days from Thu 2026-12-17: Dec 17 and 18 count in autumn (83 days), Jan 4 in spring
        hs = [fravaer("H1", "E1", D(2026, 12, 17), dager=3.0)]
        assert dagslinje(kjor(regelsett, skolerute, D(2026, 12, 18), [elev("E1", "6")], hs), "E1") == (2, 83)
        res = kjor(regelsett, skolerute, D(2027, 1, 4), [elev("E1", "6")], hs)
        assert dagslinje(res, "E1") == (1, 1)
        assert [t for t in res.tiltak if t.kategori == "terskel"] == []  # the floor holds it back

    def test_bare_dagene_til_og_med_dato_teller(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [fravaer("H1", "E1", D(2026, 9, 10), "UF", dager=3.0)]  # Sep 10, 11, 14
        res = kjor(regelsett, skolerute, D(2026, 9, 11), [elev("E1", "6")], hs)
        assert dagslinje(res, "E1") == (2, 19)
        assert res.antall.etter_dato == 0
        assert len(finn(res, "etterlys-uvarslet-fravaer")) == 1


class TestMaalHoldesAtskilt:
    """DOMENE 7: hours are never rolled up into days."""

    def test_timer_teller_ikke_som_dager(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [Hendelse("E1", D(2026, 8, 18 + i), "fravaer", "F", timer=6.0, hendelse_id=f"T{i}") for i in range(4)] + [
            Hendelse("E1", D(2026, 8, 24), "fravaer", "UF", fra=time(8, 30), til=time(14, 0), hendelse_id="U")
        ]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E1", "6")], hs)
        assert dagslinje(res, "E1") == (0, 10)
        assert [t for t in res.tiltak if t.kategori == "terskel"] == []
        assert [t.hendelser for t in finn(res, "etterlys-uvarslet-fravaer")] == [("U",)]


class TestElever:
    """Pupils with no events and pupils whose trinn no loaded routine covers."""

    def test_uten_hendelser(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        elever = [elev("B1", "bhg", D(2022, 1, 1)), elev("E1", "6"), elev("V1", "vg1", D(2010, 1, 1))]
        fag = [Fag("V1", "norsk", 112.5), Fag("V1", "matematikk", 75.0)]
        res = kjor(regelsett, skolerute, D(2026, 9, 10), elever, [], fag=fag)
        assert [(o.elev_id, o.maal, o.fag, o.teller, o.nevner) for o in res.oversikt] == [
            ("E1", "skoledager", None, 0, 18),
            ("V1", "fagtimer", "matematikk", 0, 75.0),
            ("V1", "fagtimer", "norsk", 0, 112.5),
        ]
        assert [t for t in res.tiltak if t.kategori != "kalender"] == []

    def test_trinn_uten_lastet_rutine(self, rutiner: tuple[Rutine, ...], skolerute: Skolerute, tmp_path: Path) -> None:
        rs = Regelsett([r for r in rutiner if r.id == "grunnskole"])
        elever = skriv(tmp_path / "e.csv", "elev_id;trinn;fodselsdato\nE1;6;2014-01-01\nV1;vg1;2010-01-01\n")
        hendelser = skriv(
            tmp_path / "h.csv",
            "hendelse_id;elev_id;dato;type;kode;dager\nH1;E1;2026-09-10;fravaer;UF;1\nH2;V1;2026-09-10;fravaer;F;1\n",
        )
        res = evaluate(rs, read_elever(elever), read_hendelser(hendelser), skolerute, D(2026, 9, 10))
        assert [(Path(a.fil).name, a.linje, a.melding) for a in res.avvist] == [
            ("e.csv", 3, "ingen lastet rutine gjelder trinn «vg1»"),
            ("h.csv", 3, "eleven «V1» er avvist i elevfilen (se meldingen for eleven der)"),
        ]
        assert (res.antall.lest, res.antall.brukt, res.antall.avvist) == (4, 2, 2)
        assert [t.elev_id for t in finn(res, "etterlys-uvarslet-fravaer")] == ["E1"]


class TestVindu:
    """The --fra/--dato window: actions before --fra are not listed, but their absence still counts."""

    def test_kryssing_foer_fra_listes_ikke_og_gjentas_ikke(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [
            fravaer("H1", "E1", D(2026, 8, 18), "UF"),
            fravaer("H2", "E1", D(2026, 8, 19)),  # 2/10 on the floor day Aug 31
            fravaer("H3", "E1", D(2026, 9, 14), "UF"),  # 3/20: over again, but once per semester
            fravaer("H4", "E1", D(2026, 9, 16), "UF"),  # after --dato
        ]
        res = kjor(regelsett, skolerute, D(2026, 9, 15), [elev("E1", "6")], hs, fra=D(2026, 9, 1))
        assert [t for t in res.tiltak if t.kategori == "terskel"] == []
        assert [t.hendelser for t in finn(res, "etterlys-uvarslet-fravaer")] == [("H3",)]
        assert dagslinje(res, "E1") == (3, 21)
        assert res.antall.etter_dato == 1
        tekst = io.StringIO()
        skriv_resultat(res, "tekst", tekst)
        assert tekst.getvalue().endswith(" (1 hendelse etter datoen).\n")  # singular
        to_etter = kjor(regelsett, skolerute, D(2026, 9, 11), [elev("E1", "6")], hs, fra=D(2026, 9, 1))
        tekst = io.StringIO()
        skriv_resultat(to_etter, "tekst", tekst)
        assert tekst.getvalue().endswith(" (2 hendelser etter datoen).\n")
        alle = kjor(regelsett, skolerute, D(2026, 9, 15), [elev("E1", "6")], hs, fra=D(2026, 8, 18))
        assert [(t.regel, t.utlost) for t in alle.tiltak if t.kategori == "terskel"] == [
            ("bekymringsbrev", D(2026, 8, 31)),
            ("bekymringsfullt-fravaer", D(2026, 8, 31)),
        ]


def test_cli_radrekkefolge_uten_ider(tmp_path: Path) -> None:
    """Issue 3 item 6 through the CLI: reversed rows (with content ids and an identical duplicate)
    give the same actions and overview."""
    elever_hode = "elev_id;trinn;fodselsdato;skole\n"
    elever = ["E1;6;2014-01-01;S", "E2;9;2011-05-05;S"]
    rader = [
        "E1;2026-08-18;fravaer;UF;1;;;",
        "E1;2026-08-19;fravaer;F;0,5;;;",
        "E1;2026-08-19;fravaer;F;0,5;;;",  # identical: one event
        "E1;2026-08-20;fravaer;UF;;0,75;10:15;11:00",
        "E2;2026-08-31;vegring;;;;;",
        "E2;2026-08-24;fravaer;F;3;;;",
    ]
    hode = "elev_id;dato;type;kode;dager;timer;fra;til\n"
    utdata = []
    for i, rekke in enumerate((rader, rader[::-1])):
        e = skriv(tmp_path / f"e{i}.csv", elever_hode + "\n".join(elever if i == 0 else elever[::-1]) + "\n")
        h = skriv(tmp_path / f"h{i}.csv", hode + "\n".join(rekke) + "\n")
        kode, ut, _ = cli(
            "evaluer", "--elever", str(e), "--hendelser", str(h), "--skolerute", str(SKOLERUTE_FIL),
            "--dato", "2026-09-04", "--format", "json",
        )  # fmt: skip
        assert kode == 1  # the duplicate row
        data = json.loads(ut)
        assert [a["melding"].split(" som linje")[0] for a in data["avvist"]] == ["duplikat: samme innhold"]
        assert data["antall"] == {"lest": 8, "brukt": 7, "avvist": 1, "etter_dato": 0}
        utdata.append((data["tiltak"], data["oversikt"]))
    assert utdata[0] == utdata[1]
    tiltak, oversikt = utdata[0]
    assert {(o["elev_id"], o["teller"], o["nevner"]) for o in oversikt} == {("E1", 1.5, 14), ("E2", 3, 14)}
    assert {t["regel"] for t in tiltak if t["elev_id"] == "E1"} >= {"etterlys-uvarslet-fravaer", *TERSKEL}


# --------------------------------------------------------------------------- duplicate ids across pupils


@given(rekkefolge=st.permutations(range(8)))
@settings(max_examples=25, deadline=None)
def test_doble_ider_avgjores_likt_i_enhver_rekkefolge_ogsaa_mellom_elever(
    rekkefolge: list[int], regelsett: Regelsett, skolerute: Skolerute
) -> None:
    # The engine finds duplicate ids by sorting the ids and looks only at the rows whose id
    # occurs twice. An id shared by two pupils rejects every row carrying it (also the pupil's
    # identical pair); an identical pair within a pupil keeps the row with the lowest line.
    d = date(2026, 9, 14)
    rader = [
        fravaer("H1", "E1", d, kode="UF", kilde=Kilde("h.csv", 2)),
        fravaer("H1", "E1", d, kode="UF", kilde=Kilde("h.csv", 3)),
        fravaer("H1", "E2", d, kode="UF", kilde=Kilde("h.csv", 4)),
        fravaer("H2", "E2", d, kode="UF", kilde=Kilde("h.csv", 5)),
        fravaer("H2", "E2", d, kode="UF", kilde=Kilde("h.csv", 6)),
        fravaer("H3", "E1", d, kode="UF", kilde=Kilde("h.csv", 7)),
        fravaer(None, "E2", d + timedelta(days=1), kode="UF", kilde=Kilde("h.csv", 8)),  # content id
        fravaer(None, "E2", d + timedelta(days=1), kode="UF", kilde=Kilde("h.csv", 9)),  # same content
    ]
    res = kjor(
        regelsett, skolerute, date(2026, 9, 30), [elev("E1", "6"), elev("E2", "7")], [rader[i] for i in rekkefolge]
    )
    assert {(a.linje, a.melding) for a in res.avvist} == {
        (2, "hendelse_id «H1» står på flere rader med ulikt innhold (linje 2, 3, 4)"),
        (3, "hendelse_id «H1» står på flere rader med ulikt innhold (linje 2, 3, 4)"),
        (4, "hendelse_id «H1» står på flere rader med ulikt innhold (linje 2, 3, 4)"),
        (6, "duplikat: samme hendelse_id og innhold som linje 5"),
        (9, "duplikat: samme innhold som linje 8"),
    }
    assert (res.antall.lest, res.antall.brukt, res.antall.avvist) == (10, 5, 5)  # 2 pupils and 8 events
    brukt = sorted(t.hendelser for t in res.tiltak if t.regel == "etterlys-uvarslet-fravaer")
    assert brukt[:2] == [("H2",), ("H3",)]
    assert len(brukt) == 3
    assert brukt[2][0].startswith("h-")


def test_samme_hendelse_gitt_to_ganger_telles_en_gang(regelsett: Regelsett, skolerute: Skolerute) -> None:
    # A caller that concatenates two reads passes the same objects twice: one of each is used, the
    # other rejected as a duplicate (the hours used to be counted twice, silently).
    elever = read_elever(EKSEMPEL / "elever.csv").rader
    fag = read_fag(EKSEMPEL / "fag.csv").rader
    hendelser = list(read_hendelser(EKSEMPEL / "hendelser.csv").rader)
    dato = date(2027, 3, 1)
    en_gang = evaluate(regelsett, elever, hendelser, skolerute, dato, fag=fag)
    to_ganger = evaluate(regelsett, elever, hendelser + hendelser, skolerute, dato, fag=fag)
    assert to_ganger.oversikt == en_gang.oversikt
    assert to_ganger.tiltak == en_gang.tiltak
    assert to_ganger.antall.avvist == en_gang.antall.avvist + len(hendelser)
    assert to_ganger.antall.lest == to_ganger.antall.brukt + to_ganger.antall.avvist
    assert {a.melding.split(" som linje ")[0] for a in to_ganger.avvist} >= {"duplikat: samme hendelse_id og innhold"}
