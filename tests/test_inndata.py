"""Tests for the input readers (fravarsregler._inndata) and for row rejection in the engine."""

from __future__ import annotations

import io
import json
import re
from datetime import date, time
from pathlib import Path

import pytest

from fravarsregler import (
    Avvist,
    Elev,
    Hendelse,
    InndataFeil,
    Regelsett,
    Skolerute,
    evaluate,
    read_elever,
    read_fag,
    read_hendelser,
)

D = date
ELEVHODE = "elev_id;trinn;fodselsdato;klasse;skole;samtykke_foresatte\n"


def skriv(sti: Path, tekst: str, koding: str = "utf-8") -> Path:
    sti.write_bytes(tekst.encode(koding))
    return sti


class TestCsvVarianter:
    """Real exports: `;` or `,`, decimal comma, UTF-8 BOM, Latin-1, quoted fields."""

    def test_semikolon_desimalkomma_og_bom(self, tmp_path: Path) -> None:
        fil = tmp_path / "hendelser.csv"
        fil.write_bytes(
            b"\xef\xbb\xbf" + b"Hendelse_ID;elev_id;dato;type;kode;timer;fag;dokumentasjon\n"
            b"H1;V1;2026-09-10;fravaer;uf;0,75;matematikk;helse_dokumentert\n"
        )
        inn = read_hendelser(fil)
        assert inn.avvist == ()
        assert inn.lest == 1
        (h,) = inn.rader
        assert h == Hendelse(
            elev_id="V1",
            dato=D(2026, 9, 10),
            type="fravaer",
            kode="UF",
            timer=0.75,
            fag="matematikk",
            dokumentasjon="helse_dokumentert",
            hendelse_id="H1",
        )
        assert h.id == "H1"
        assert h.lengde_timer == 0.75
        assert h.kilde is not None
        assert (h.kilde.fil, h.kilde.linje) == (str(fil), 2)

    def test_latin1_med_o_med_strek(self, tmp_path: Path) -> None:
        fil = skriv(tmp_path / "elever.csv", ELEVHODE + "E1;7;2013-05-05;7B;Østre Ørsvåg skole;nei\n", "latin-1")
        inn = read_elever(fil)
        assert inn.avvist == ()
        assert inn.rader[0].skole == "Østre Ørsvåg skole"
        assert inn.rader[0].klasse == "7B"

    def test_komma_som_skilletegn_med_sitat(self, tmp_path: Path) -> None:
        fil = skriv(
            tmp_path / "elever.csv",
            'elev_id,trinn,fodselsdato,skole,samtykke_foresatte\nE1,VG2,2009-01-01,"Nordvik vgs, avd. Leknes",ja\n',
        )
        (e,) = read_elever(fil).rader
        assert (e.trinn, e.skole, e.samtykke_foresatte) == ("vg2", "Nordvik vgs, avd. Leknes", True)

    def test_fag_med_desimalkomma(self, tmp_path: Path) -> None:
        fil = skriv(tmp_path / "fag.csv", "elev_id;fag;arstimer\nV1;norsk;112,5\nV1;kroppsøving;0\n")
        inn = read_fag(fil)
        assert [(f.fag, f.arstimer) for f in inn.rader] == [("norsk", 112.5)]
        assert inn.avvist == (Avvist(str(fil), 3, "«arstimer» må være større enn 0"),)

    def test_tomme_linjer_hoppes_over(self, tmp_path: Path) -> None:
        fil = skriv(tmp_path / "elever.csv", ELEVHODE + "E1;1;2020-01-01;;;\n\n;;;;;\nE2;2;2019-01-01;;;\n")
        inn = read_elever(fil)
        assert [e.elev_id for e in inn.rader] == ["E1", "E2"]
        assert inn.lest == 2
        assert [e.kilde.linje for e in inn.rader if e.kilde] == [2, 5]

    def test_klokkeslett_gir_timelengde(self, tmp_path: Path) -> None:
        tekst = "elev_id;dato;type;kode;fra;til;fag\nV1;2026-09-10;fravaer;F;8.30;10:00;norsk\n"
        fil = skriv(tmp_path / "h.csv", tekst)
        (h,) = read_hendelser(fil).rader
        assert (h.fra, h.til, h.lengde_timer) == (time(8, 30), time(10, 0), 1.5)


class TestJsonLines:
    """JSON Lines input gives the same rows as CSV, with per-line errors."""

    def test_jsonl(self, tmp_path: Path) -> None:
        linjer = [
            {
                "hendelse_id": "H1",
                "elev_id": "E1",
                "dato": "2026-09-10",
                "type": "fravaer",
                "kode": "UF",
                "timer": 0.75,
            },
            {"hendelse_id": "H2", "elev_id": "E1", "dato": "2026-09-11", "type": "vegring", "kode": None},
            "ikke et objekt",
        ]
        tekst = "\n".join(json.dumps(x, ensure_ascii=False) for x in linjer) + "\n{ødelagt\n"
        fil = skriv(tmp_path / "hendelser.jsonl", tekst)
        inn = read_hendelser(fil)
        assert [(h.id, h.type, h.kode, h.timer) for h in inn.rader] == [
            ("H1", "fravaer", "UF", 0.75),
            ("H2", "vegring", None, None),
        ]
        assert [(a.linje, a.melding) for a in inn.avvist] == [
            (3, "hver linje må være et JSON-objekt"),
            (4, "ugyldig JSON i tegn 2: sjekk anførselstegn, komma og krøllparenteser"),
        ]
        assert inn.lest == len(inn.rader) + len(inn.avvist) == 4

    def test_jsonl_elever_med_sannhetsverdi(self, tmp_path: Path) -> None:
        rad = {"elev_id": "V1", "trinn": "vg3", "fodselsdato": "2008-10-15", "samtykke_foresatte": True}
        fil = skriv(tmp_path / "elever.jsonl", json.dumps(rad) + "\n")
        (e,) = read_elever(fil).rader
        assert e.samtykke_foresatte is True
        assert e.alder(D(2026, 10, 14)) == 17
        assert e.alder(D(2026, 10, 15)) == 18


class TestAvvisteRader:
    """Each bad row becomes a Norwegian message with file and line; nothing is dropped silently."""

    @pytest.mark.parametrize(
        ("rad", "melding"),
        [
            ("E1;2026-09-10;fravaer;X;1;", "ukjent kode «X» (tillatt: F, S, UF)"),
            ("E1;2026-02-30;fravaer;F;1;", "«dato» er ikke en gyldig dato (ÅÅÅÅ-MM-DD): «2026-02-30»"),
            ("E1;2026-09-10;fravaer;F;;-0,75", "«timer» må være større enn 0 og høyst 24, ikke -0,75"),
            ("E1;2026-09-10;fravaer;F;0;", "«dager» må være større enn 0 og høyst 100, ikke 0"),
            ("E1;2026-09-10;fravaer;F;1,5,;", "«dager» må være et tall (for eksempel 0,75), ikke «1,5,»"),
            ("E1;2026-09-10;fravær;F;1;", "ukjent type «fravær» (mente du «fravaer»?) (tillatt: fravaer, vegring)"),
            ("E1;2026-09-10;fravaer;;1;", "mangler «kode»"),
            ("E1;2026-09-10;fravaer;F;;", "fravær må ha «dager», «timer» eller «fra» og «til»"),
            ("E1;2026-09-10;fravaer;F;1", "raden har 5 felt, men overskriften har 6 (skilletegn «;»)"),
        ],
    )
    def test_hendelsesrad(self, tmp_path: Path, rad: str, melding: str) -> None:
        fil = skriv(tmp_path / "h.csv", "elev_id;dato;type;kode;dager;timer\nE1;2026-09-10;fravaer;F;1;\n" + rad + "\n")
        inn = read_hendelser(fil)
        assert len(inn.rader) == 1
        assert inn.avvist == (Avvist(str(fil), 3, melding),)
        assert inn.lest == 2

    def test_arsak_heter_aarsak_i_meldingen(self, tmp_path: Path) -> None:
        # the column is "arsak"; in a Norwegian sentence the word is "årsak"
        fil = skriv(tmp_path / "h.csv", "elev_id;dato;type;kode;dager;arsak\nE1;2026-09-10;fravaer;F;1;sykdomm\n")
        assert [a.melding for a in read_hendelser(fil).avvist] == [
            "ukjent årsak «sykdomm» (mente du «sykdom»?) (tillatt: sykdom, permisjon, sykehus, annet)"
        ]

    @pytest.mark.parametrize(
        ("rad", "melding"),
        [
            (
                "E2;11;2010-01-01;;;nei",
                "ukjent trinn «11» (tillatt: bhg, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, vg1, vg2, vg3)",
            ),
            ("E2;3;2018-13-01;;;nei", "«fodselsdato» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)"),
            ("E2;3;2018-01-01;;;kanskje", "«samtykke_foresatte» må være ja eller nei"),
            (";3;2018-01-01;;;nei", "mangler «elev_id»"),
        ],
    )
    def test_elevrad(self, tmp_path: Path, rad: str, melding: str) -> None:
        fil = skriv(tmp_path / "e.csv", ELEVHODE + "E1;3;2018-01-01;;;\n" + rad + "\n")
        inn = read_elever(fil)
        assert [e.elev_id for e in inn.rader] == ["E1"]
        assert inn.avvist == (Avvist(str(fil), 3, melding),)

    def test_fodselsdato_vises_ikke_i_meldingen(self, tmp_path: Path) -> None:
        fil = skriv(tmp_path / "e.csv", ELEVHODE + "E1;3;2018-02-30;;;\n")
        (a,) = read_elever(fil).avvist
        assert "2018" not in a.melding


class TestHeleFilenFeiler:
    """A file that cannot be used at all raises InndataFeil naming file and line 1."""

    def test_manglende_kolonne(self, tmp_path: Path) -> None:
        fil = skriv(tmp_path / "h.csv", "elev_id;type;kode;dager\nE1;fravaer;F;1\n")
        with pytest.raises(InndataFeil) as e:
            read_hendelser(fil)
        assert (e.value.fil, e.value.linje) == (str(fil), 1)
        assert str(e.value) == (
            f"{fil}:1: Overskriftslinjen mangler kolonnen «dato» (fant: elev_id, type, kode, dager)."
        )

    def test_tom_fil(self, tmp_path: Path) -> None:
        fil = skriv(tmp_path / "e.csv", "")
        with pytest.raises(InndataFeil, match="Filen er tom eller mangler overskriftslinje"):
            read_elever(fil)

    def test_dobbel_kolonne(self, tmp_path: Path) -> None:
        fil = skriv(tmp_path / "f.csv", "elev_id;fag;arstimer;fag\nV1;norsk;112,5;norsk\n")
        with pytest.raises(InndataFeil, match="Kolonnen «fag» står to ganger"):
            read_fag(fil)

    def test_finnes_ikke(self, tmp_path: Path) -> None:
        with pytest.raises(InndataFeil) as e:
            read_elever(tmp_path / "borte.csv")
        assert str(e.value) == f"{tmp_path / 'borte.csv'}: Finner ikke filen. Sjekk navnet og mappen."


class TestAvvistIMotoren:
    """Rows the readers accept but the engine cannot use are rejected with file and line, and counted."""

    def test_kryssjekk_og_telling(self, tmp_path: Path, regelsett: Regelsett, skolerute: Skolerute) -> None:
        elever = skriv(tmp_path / "elever.csv", ELEVHODE + "E1;6;2014-01-01;;;\nE2;6;2014-01-01;;;\n")
        hendelser = skriv(
            tmp_path / "hendelser.csv",
            "hendelse_id;elev_id;dato;type;kode;dager;timer\n"
            "H1;E1;2026-09-10;fravaer;UF;1;\n"  # 2 ok
            "H2;E9;2026-09-10;fravaer;UF;1;\n"  # 3 unknown pupil
            "H3;E1;2026-09-10;fravaer;X;1;\n"  # 4 unknown code
            "H4;E1;2026-02-30;fravaer;F;1;\n"  # 5 impossible date
            "H5;E1;2027-08-02;fravaer;F;1;\n"  # 6 outside the skolerute
            "H6;E1;2026-09-10;fravaer;F;;-1\n"  # 7 negative hours
            "H7;E1;2026-09-11;fravaer;F;1;\n"  # 8 duplicate id, different content
            "H7;E1;2026-09-14;fravaer;F;1;\n"  # 9
            "H8;E2;2026-09-12;fravaer;F;1;\n"  # 10 a Saturday
            "H9;E2;2026-09-14;fravaer;F;1;\n"  # 11 ok
            "H9;E2;2026-09-14;fravaer;F;1;\n",  # 12 identical duplicate: one kept
        )
        res = evaluate(regelsett, read_elever(elever), read_hendelser(hendelser), skolerute, D(2026, 9, 14))
        h = str(hendelser)
        assert [(a.fil, a.linje, a.melding) for a in res.avvist] == [
            (h, 3, "ukjent elev «E9»"),
            (h, 4, "ukjent kode «X» (tillatt: F, S, UF)"),
            (h, 5, "«dato» er ikke en gyldig dato (ÅÅÅÅ-MM-DD): «2026-02-30»"),
            (h, 6, "datoen 2027-08-02 er utenfor skoleåret 2026-27 i skoleruta «skolerute-2026-27»"),
            (h, 7, "«timer» må være større enn 0 og høyst 24, ikke -1"),
            (h, 8, "hendelse_id «H7» står på flere rader med ulikt innhold (linje 8, 9)"),
            (h, 9, "hendelse_id «H7» står på flere rader med ulikt innhold (linje 8, 9)"),
            (h, 10, "datoen 2026-09-12 er ikke en skoledag (lørdag)"),
            (h, 12, "duplikat: samme hendelse_id og innhold som linje 11"),
        ]
        a = res.antall
        assert (a.lest, a.brukt, a.avvist) == (13, 4, 9)
        assert a.lest == a.brukt + a.avvist
        assert [t.hendelser for t in res.tiltak if t.regel == "etterlys-uvarslet-fravaer"] == [("H1",)]

    def test_duplikater_fra_to_filer(self, tmp_path: Path, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # Python API, rows of two files in either list order: the same row is kept (the first by
        # file and line) and the message names the other file (a determinism review: it named a
        # bare line of another file, and the kept row followed the list order)
        hode = "hendelse_id;elev_id;dato;type\n"
        a = read_hendelser(skriv(tmp_path / "a.csv", hode + "H1;E1;2026-09-01;vegring\nH2;E1;2026-09-02;vegring\n"))
        b = read_hendelser(
            skriv(
                tmp_path / "b.csv",
                hode + "H1;E1;2026-09-01;vegring\nH3;E1;2026-09-03;vegring\nH2;E1;2026-09-02;vegring\n",
            )
        )
        elever = [Elev("E1", "5", D(2015, 3, 4))]
        ut = set()
        for rader in ([*a.rader, *b.rader], [*b.rader, *a.rader]):
            res = evaluate(regelsett, elever, rader, skolerute, D(2026, 11, 26))
            ut.add(tuple((Path(x.fil).name, x.linje, x.melding) for x in res.avvist))
        assert ut == {
            (
                ("b.csv", 2, f"duplikat: samme hendelse_id og innhold som {tmp_path / 'a.csv'}:2"),
                ("b.csv", 4, f"duplikat: samme hendelse_id og innhold som {tmp_path / 'a.csv'}:3"),
            )
        }

    def test_elev_med_en_avvist_og_en_god_rad(self, tmp_path: Path, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # the rejected row may be the right one with a typo: both are rejected, as rows that differ
        elever = skriv(tmp_path / "e.csv", ELEVHODE + "E1;4;2017-02-30;;;\nE1;4;2017-02-03;;;\n")
        hendelser = skriv(tmp_path / "h.csv", "elev_id;dato;type\nE1;2026-09-10;vegring\n")
        res = evaluate(regelsett, read_elever(elever), read_hendelser(hendelser), skolerute, D(2026, 9, 14))
        assert [(Path(a.fil).name, a.linje, a.melding) for a in res.avvist] == [
            ("e.csv", 2, "«fodselsdato» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)"),
            (
                "e.csv",
                3,
                "elev_id «E1» står også på en rad som er avvist (linje 2); rett eller fjern den raden",
            ),
            ("h.csv", 2, "eleven «E1» er avvist i elevfilen (se meldingen for eleven der)"),
        ]
        assert res.tiltak == () or all(t.elev_id != "E1" for t in res.tiltak)

    def test_dupliserte_elever(self, tmp_path: Path, regelsett: Regelsett, skolerute: Skolerute) -> None:
        elever = skriv(tmp_path / "e.csv", ELEVHODE + "E1;6;2014-01-01;;;\nE1;7;2013-01-01;;;\n")
        hendelser = skriv(tmp_path / "h.csv", "elev_id;dato;type;kode;dager\nE1;2026-09-10;fravaer;UF;1\n")
        res = evaluate(regelsett, read_elever(elever), read_hendelser(hendelser), skolerute, D(2026, 9, 14))
        assert [(a.linje, a.melding) for a in res.avvist] == [
            (2, "elev_id «E1» står på flere rader med ulikt innhold (linje 2, 3)"),
            (3, "elev_id «E1» står på flere rader med ulikt innhold (linje 2, 3)"),
            (2, "eleven «E1» er avvist i elevfilen (se meldingen for eleven der)"),
        ]
        assert (res.antall.lest, res.antall.brukt, res.antall.avvist) == (3, 0, 3)
        assert res.tiltak == ()

    def test_vgs_time_uten_fag(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        e = Elev("V1", "vg1", D(2010, 1, 1))
        hs = [
            Hendelse("V1", D(2026, 9, 10), "fravaer", "F", timer=0.75, hendelse_id="H1"),
            Hendelse("V1", D(2026, 9, 10), "fravaer", "F", timer=0.75, fag="tysk", hendelse_id="H2"),
        ]
        res = evaluate(regelsett, [e], hs, skolerute, D(2026, 9, 14))
        assert [a.melding for a in res.avvist] == [
            "hendelse «H1» (elev «V1»): timefravær i videregående må ha «fag»",
            "hendelse «H2» (elev «V1»): eleven «V1» har ikke faget «tysk» i fagfilen",
        ]
        assert [(a.fil, a.linje) for a in res.avvist] == [("<inndata>", None), ("<inndata>", None)]
        assert (res.antall.lest, res.antall.brukt, res.antall.avvist) == (3, 1, 2)


class TestVanskeligeFiler:
    """Exports that trip naive readers: each row is counted and reported at its own line."""

    def test_ulukket_anforselstegn(self, tmp_path: Path) -> None:
        fil = skriv(
            tmp_path / "h.csv",
            "hendelse_id;elev_id;dato;type;kode;dager\n"
            "H1;E1;2026-09-10;fravaer;F;1\n"
            'H2;E1;"2026-09-11;fravaer;F;1\n'
            "H3;E1;2026-09-14;fravaer;F;1\n",
        )
        inn = read_hendelser(fil)
        assert [h.hendelse_id for h in inn.rader] == ["H1"]
        assert [(a.linje, a.melding.split(" (")[0]) for a in inn.avvist] == [(3, "anførselstegn som ikke er lukket")]
        assert inn.lest == len(inn.rader) + len(inn.avvist)

    def test_tomme_kolonner_til_slutt_fra_excel(self, tmp_path: Path) -> None:
        fil = skriv(tmp_path / "e.csv", "elev_id;trinn;fodselsdato;;\nE1;6;2015-03-01;;\n")
        inn = read_elever(fil)
        assert [e.elev_id for e in inn.rader] == ["E1"]
        assert inn.avvist == ()

    def test_jsonl_deles_bare_paa_linjeskift(self, tmp_path: Path) -> None:
        fil = tmp_path / "h.jsonl"
        fil.write_text(
            '{"hendelse_id":"H1","elev_id":"E1","dato":"2026-09-10","type":"vegring","merknad":"a\u2028b"}\n'
            '{"hendelse_id":"H2","elev_id":"E1","elev_id":"E2","dato":"2026-09-10","type":"vegring"}\n'
            '{"hendelse_id":" H3 ","elev_id":" E1 ","dato":"2026-09-11","type":"vegring"}\n',
            encoding="utf-8",
        )
        inn = read_hendelser(fil)
        assert [(h.hendelse_id, h.elev_id) for h in inn.rader] == [("H1", "E1"), ("H3", "E1")]
        assert [(a.linje, a.melding) for a in inn.avvist] == [(2, "feltet «elev_id» står to ganger i samme objekt")]

    def test_utf16_fra_excel(self, tmp_path: Path) -> None:
        fil = tmp_path / "e.csv"
        fil.write_bytes("elev_id\ttrinn\tfodselsdato\tskole\nE1\t6\t2015-03-01\tSørvik skole\n".encode("utf-16"))
        inn = read_elever(fil)
        assert [(e.elev_id, e.skole) for e in inn.rader] == [("E1", "Sørvik skole")]


class TestDelteVerdier:
    """Values many rows repeat are one shared object, so memory per event row stays small."""

    def test_gjentatte_verdier_deles(self, tmp_path: Path) -> None:
        rader = "".join(
            f"h{i};e1;2026-09-0{1 + i % 2};fravaer;F;;0,75;08:30;09:15;Norsk;sykdom;ingen\n" for i in range(4)
        )
        fil = skriv(
            tmp_path / "h.csv",
            "hendelse_id;elev_id;dato;type;kode;dager;timer;fra;til;fag;arsak;dokumentasjon\n" + rader,
        )
        a, b, c, _ = read_hendelser(fil).rader
        assert (a.dato, b.dato, c.dato) == (date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 1))
        assert a.dato is c.dato
        for felt in ("elev_id", "fag", "kode", "arsak", "fra", "timer"):
            assert getattr(a, felt) is getattr(b, felt), felt
        assert a.timer == 0.75
        assert [h.id for h in (a, b, c)] == ["h0", "h1", "h2"]


class TestApneFiler:
    """The readers also take a file open in binary mode (standard input, an upload)."""

    def test_strom_og_fil(self, tmp_path: Path) -> None:
        tekst = "\ufeffelev_id;trinn;fodselsdato\ne1;6;2014-03-01\ne2;x;2014-03-01\n"
        fil = skriv(tmp_path / "elever.csv", tekst)
        fra_sti = read_elever(fil)
        fra_strom = read_elever(io.BytesIO(tekst.encode("utf-8")))
        with fil.open("rb") as f:
            fra_apen = read_elever(f)
        assert fra_strom.rader == fra_sti.rader == fra_apen.rader
        # a stream without a name is not called standard input (an upload, a BytesIO) ...
        assert [a.fil for a in fra_strom.avvist] == ["(datastrøm)"]
        assert [a.fil for a in fra_apen.avvist] == [str(fil)]
        # ... and standard input (sys.stdin.buffer is named "<stdin>") is
        stdin = io.BytesIO(tekst.encode("utf-8"))
        stdin.name = "<stdin>"  # type: ignore[attr-defined]
        assert [a.fil for a in read_elever(stdin).avvist] == ["(standard inn)"]
        assert (fra_strom.lest, fra_strom.avvist[0].linje) == (2, 3)

    def test_manglende_kolonne_i_strom(self) -> None:
        with pytest.raises(InndataFeil, match="Overskriftslinjen mangler kolonnen «type»") as e:
            read_hendelser(io.BytesIO(b"elev_id;dato\ne1;2026-09-01\n"))
        assert (e.value.fil, e.value.linje) == ("(datastrøm)", 1)


class TestPersonvernIMeldinger:
    """docs/utveksling.md §11: a pupil row's message never shows a birth date or a name, also when
    the columns have slipped; a value is shown only when it looks like what the column holds."""

    @pytest.mark.parametrize(
        ("rad", "vist", "skjult"),
        [
            ("E1;2015-03-14;5;5A;Fjordvik skole;nei", None, "2015-03-14"),  # trinn and date swapped
            ("E2;Kari Nordmann;2015-03-14;5A;Fjordvik skole;nei", None, "Kari"),  # a name in «trinn»
            ("E3;5;2015-03-14;5A;Fjordvik skole;2015-03-14", None, "2015-03-14"),  # date in «samtykke»
            ("E4;5;2015-03-14;5A;Fjordvik skole;Kari", None, "Kari"),
            ("E5;vg4;2015-03-14;5A;Fjordvik skole;nei", "«vg4»", None),  # a typo is still shown
            ("E6;5;2015-03-14;5A;Fjordvik skole;yes", "«yes»", None),
        ],
    )
    def test_verdier_vises_bare_naar_de_ligner(
        self, tmp_path: Path, rad: str, vist: str | None, skjult: str | None
    ) -> None:
        fil = skriv(tmp_path / "elever.csv", "elev_id;trinn;fodselsdato;klasse;skole;samtykke_foresatte\n" + rad + "\n")
        (avvist,) = read_elever(fil).avvist
        if vist is not None:
            assert vist in avvist.melding
        if skjult is not None:
            assert skjult not in avvist.melding
            assert "«" not in avvist.melding.split("(tillatt")[0].replace("«samtykke_foresatte»", "")
        assert avvist.elev_id == rad.split(";", maxsplit=1)[0]


class TestFeilSlagsFil:
    """A spreadsheet, a binary file, an empty file or a misspelt column: the whole file stops at
    once with what to do, never a page of junk or silently lost data."""

    @pytest.mark.parametrize(
        ("innhold", "tekst"),
        [
            (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40 + b"xl/workbook.xml", "Excel-fil (.xlsx)"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "eldre Excel-fil (.xls)"),
            (b"elev_id\x00trinn\x00\x01\x02", "binær"),
        ],
    )
    def test_ikke_tekst(self, tmp_path: Path, innhold: bytes, tekst: str) -> None:
        fil = tmp_path / "elever.csv"
        fil.write_bytes(innhold)
        with pytest.raises(InndataFeil, match=re.escape(tekst)) as e:
            read_elever(fil)
        assert "xl/workbook" not in str(e.value)
        if "Excel" in tekst:
            assert "Lagre den som CSV" in str(e.value)

    def test_tom_fil_sier_hva_som_skal_staa(self, tmp_path: Path) -> None:
        with pytest.raises(InndataFeil, match="for eksempel «elev_id;dato;type»") as e:
            read_hendelser(skriv(tmp_path / "h.csv", "\n"))
        assert e.value.linje == 1

    @pytest.mark.parametrize(
        ("hode", "feil", "riktig"),
        [
            ("elev_id;dato;typ;kode;dager", "typ", "type"),  # a required column
            ("elev_id;dato;type;kode;dager;dokumentasjn", "dokumentasjn", "dokumentasjon"),  # an optional one
            ("elev_id;dato;type;kode;dager;hendelses_id", "hendelses_id", "hendelse_id"),
        ],
    )
    def test_feilstavet_kolonne(self, tmp_path: Path, hode: str, feil: str, riktig: str) -> None:
        fil = skriv(tmp_path / "h.csv", hode + "\ne1;2026-09-01;fravaer;F;1;helse_dokumentert\n")
        with pytest.raises(InndataFeil, match=f"Kolonnen «{feil}» .* er ukjent. Mente du «{riktig}»") as e:
            read_hendelser(fil)
        assert e.value.linje == 1

    def test_ukjente_kolonner_som_ikke_ligner_ignoreres(self, tmp_path: Path) -> None:
        fil = skriv(tmp_path / "h.csv", "elev_id;dato;type;kode;dager;registrert_av\ne1;2026-09-01;fravaer;F;1;x\n")
        assert len(read_hendelser(fil).rader) == 1
