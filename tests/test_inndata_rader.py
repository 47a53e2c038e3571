"""Rows handed over as Python mappings (a database driver's dicts) are read as a file's rows are."""

from __future__ import annotations

import csv
import io
import math
import sys
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fravarsregler import (
    ArgumentFeil,
    Elev,
    Hendelse,
    InndataFeil,
    Innlesing,
    Regelsett,
    Skolerute,
    _inndata,
    evaluate,
    read_elever,
    read_fag,
    read_hendelser,
)

EKSEMPEL = Path(__file__).resolve().parent.parent / "eksempel"


def _uten_kilde(rader: tuple[Any, ...]) -> list[Any]:
    return [attrs.evolve(r, kilde=None) for r in rader]


def _csv_som_dicts(navn: str) -> list[dict[str, str]]:
    with (EKSEMPEL / navn).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


class TestSammeSomFilen:
    """The example files' rows, as dicts of text, give the rows the file gives."""

    @pytest.mark.parametrize(
        ("navn", "les"), [("elever.csv", read_elever), ("fag.csv", read_fag), ("hendelser.csv", read_hendelser)]
    )
    def test_eksempelfilene(self, navn: str, les: Any) -> None:
        fra_fil, fra_rader = les(EKSEMPEL / navn), les(_csv_som_dicts(navn))
        assert _uten_kilde(fra_rader.rader) == _uten_kilde(fra_fil.rader)
        assert (fra_rader.lest, len(fra_rader.avvist)) == (fra_fil.lest, len(fra_fil.avvist))
        # a row is named by its position (1 = the first row), the file's by its line (1 = header)
        assert [r.kilde.linje for r in fra_rader.rader][:3] == [1, 2, 3]
        assert {r.kilde.fil for r in fra_rader.rader} == {f"(rader: {navn.removesuffix('.csv')})"}

    def test_resultatet_er_det_samme(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        dato = date(2026, 11, 26)
        fil = evaluate(
            regelsett,
            read_elever(EKSEMPEL / "elever.csv"),
            read_hendelser(EKSEMPEL / "hendelser.csv"),
            skolerute,
            dato,
            fag=read_fag(EKSEMPEL / "fag.csv"),
        )
        rader = evaluate(
            regelsett,
            read_elever(_csv_som_dicts("elever.csv")),
            read_hendelser(iter(_csv_som_dicts("hendelser.csv"))),  # a generator: read once, row by row
            skolerute,
            dato,
            fag=read_fag(_csv_som_dicts("fag.csv")),
        )
        assert [t.as_dict() for t in rader.tiltak] == [t.as_dict() for t in fil.tiltak]
        assert rader.antall == fil.antall


class TestPythonsTyper:
    """Values as a driver gives them: int ids, Decimal, date, time, bool, None; and their limits."""

    def test_verdiene_blir_det_en_fil_ville_hatt(self) -> None:
        rad = {
            "HENDELSE_ID": 71011,  # keys as a CSV header: trimmed and case-folded
            "elev_id": 1001,
            "dato": date(2026, 9, 1),
            "type": "Fravaer ",
            "kode": "uf",
            "timer": Decimal("0.75"),
            "fra": time(8, 30),
            "til": time(9, 15),
            "fag": "matematikk ",
            "arsak": None,
            "notat": object(),  # an unknown column is not used, whatever it holds
        }
        (h,) = read_hendelser([rad]).rader
        assert h == Hendelse(
            elev_id="1001",
            dato=date(2026, 9, 1),
            type="fravaer",
            kode="UF",
            timer=0.75,
            fra=time(8, 30),
            til=time(9, 15),
            fag="matematikk",
            hendelse_id="71011",
            kilde=h.kilde,
        )
        (e,) = read_elever(
            [{"elev_id": 5, "trinn": "VG1", "fodselsdato": date(2009, 5, 1), "samtykke_foresatte": True}]
        ).rader
        assert (e.elev_id, e.trinn, e.samtykke_foresatte) == ("5", "vg1", True)
        (f,) = read_fag([{"elev_id": 5, "fag": "norsk", "arstimer": Decimal("112.50")}]).rader
        assert f.arstimer == 112.5

    def test_manglende_verdier(self) -> None:
        grunnrad = {"elev_id": "E1", "dato": date(2026, 9, 1), "type": "fravaer", "kode": "F", "dager": 1}
        for mangler in (None, "", "  ", math.nan, Decimal("NaN")):
            (h,) = read_hendelser([{**grunnrad, "fag": mangler, "hendelse_id": mangler}]).rader
            assert (h.fag, h.hendelse_id) == (None, None)

    @pytest.mark.parametrize(
        ("felt", "verdi", "melding"),
        [
            ("dato", datetime(2026, 9, 1, 8), "«dato» er et tidspunkt (datetime); gi datoen (tidspunkt.date())"),
            ("dato", datetime(2026, 9, 1, tzinfo=UTC), "«dato» er et tidspunkt med tidssone; gi datoen"),
            ("fra", timedelta(hours=25), "«fra» er en varighet som ikke er et klokkeslett"),
            ("dager", 10**5000, "«dager» har for mange sifre"),
            ("elev_id", True, "«elev_id» er true; her skal det stå tekst eller et tall"),
            ("fra", time(8, tzinfo=UTC), "«fra» er et klokkeslett med tidssone; gjør det om til Oslo-tid"),
            ("dager", Decimal("Infinity"), "«dager» er ikke et endelig tall"),
            ("dager", b"1", "«dager» har en verdi av typen bytes"),
            ("kode", ["F"], "«kode» har en verdi av typen list"),
        ],
        ids=lambda v: type(v).__name__ if isinstance(v, int) else None,  # (str() of a 5000-digit int fails)
    )
    def test_verdier_som_ikke_kan_brukes(self, felt: str, verdi: object, melding: str) -> None:
        rad = {"elev_id": "E1", "dato": date(2026, 9, 1), "type": "fravaer", "kode": "F", "dager": 1, "til": None}
        inn = read_hendelser([{"elev_id": "E0", "dato": date(2026, 9, 1), "type": "vegring"}, {**rad, felt: verdi}])
        assert (inn.lest, len(inn.rader), [a.linje for a in inn.avvist]) == (2, 1, [2])
        assert inn.avvist[0].melding.startswith(melding), inn.avvist[0].melding

    def test_rad_av_feil_slag_og_navn_paa_kilden(self) -> None:
        inn = read_hendelser(
            [["E1", "2026-09-01"], {"elev_id": "E1", "dato": "2026-09-01", "type": "vegring"}, "Kari Nordmann"],
            navn="db:fravaer",
        )
        assert inn.fil == "db:fravaer"
        assert [(a.fil, a.linje) for a in inn.avvist] == [("db:fravaer", 1), ("db:fravaer", 3)]
        assert "raden er list, ikke en mapping" in inn.avvist[0].melding
        assert "Kari" not in inn.avvist[1].melding  # a row of the wrong kind is never echoed
        assert [h.kilde.linje for h in inn.rader if h.kilde is not None] == [2]

    def test_navn_paa_en_fil(self) -> None:
        inn = read_elever(EKSEMPEL / "elever.csv", navn="elevliste fra Visma")
        assert inn.fil == "elevliste fra Visma"
        assert all(e.kilde is not None and e.kilde.fil == "elevliste fra Visma" for e in inn.rader)

    def test_en_tom_liste_er_ingen_rader(self) -> None:
        assert read_hendelser([]) == Innlesing(fil="(rader: hendelser)", rader=(), avvist=(), lest=0)


# Hypothesis: a row in native types is read as the same row written as text.
_DATOER = st.dates(date(2026, 8, 18), date(2027, 6, 18))
_ELEV_IDER = st.integers(0, 99999).map(lambda n: f"E{n}")  # (st.from_regex is slow on a fresh cache)
_TIDER = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@st.composite
def _hendelsesrad(draw: st.DrawFn) -> dict[str, object]:
    rad: dict[str, object] = {
        "elev_id": draw(st.one_of(st.integers(1, 10**6), _ELEV_IDER)),
        "dato": draw(_DATOER),
        "type": "fravaer",
        "kode": draw(st.sampled_from(["F", "S", "UF"])),
    }
    if draw(st.booleans()):
        rad["dager"] = draw(
            st.one_of(
                st.integers(1, 5), st.decimals("0.25", "5", places=2), st.floats(0.01, 5).map(lambda f: round(f, 2))
            )
        )
    else:
        fra, til = sorted(draw(st.lists(_TIDER, min_size=2, max_size=2, unique=True)))
        rad.update(fra=fra, til=til)
    if draw(st.booleans()):
        rad["hendelse_id"] = draw(st.integers(1, 10**9))
    return rad


def _som_tekst(rad: dict[str, object]) -> dict[str, str]:
    tekst: dict[str, str] = {}
    for k, v in rad.items():
        if isinstance(v, date):
            tekst[k] = v.isoformat()
        elif isinstance(v, time):
            tekst[k] = f"{v:%H:%M}"
        else:
            tekst[k] = str(v)
    return tekst


@given(st.lists(_hendelsesrad(), max_size=8))
def test_innfodte_typer_leses_som_teksten_deres(rader: list[dict[str, object]]) -> None:
    innfodt = read_hendelser(rader)
    som_tekst = read_hendelser([_som_tekst(r) for r in rader])
    assert innfodt.rader == som_tekst.rader
    assert [a.melding for a in innfodt.avvist] == [a.melding for a in som_tekst.avvist]
    assert innfodt.lest == len(innfodt.rader) + len(innfodt.avvist) == len(rader)


def test_elev_fra_databasen_med_tall_id_kan_brukes_av_motoren(regelsett: Regelsett, skolerute: Skolerute) -> None:
    elever = read_elever([{"elev_id": 42, "trinn": 6, "fodselsdato": date(2014, 3, 1)}])
    hendelser = read_hendelser([{"elev_id": 42, "dato": date(2026, 9, 14), "type": "vegring", "hendelse_id": 7}])
    res = evaluate(regelsett, elever, hendelser, skolerute, date(2026, 9, 14))
    assert [(t.regel, t.elev_id, t.hendelser) for t in res.tiltak if t.kategori == "hendelse"] == [
        ("vegring-samme-dag", "42", ("7",))
    ]
    assert isinstance(elever.rader[0], Elev)


class TestGjennomgangen:
    """What a review of the mapping reader found: exact numbers, sources of the wrong kind, names."""

    def test_store_heltall_og_desimaltall_leses_eksakt(self) -> None:
        # a 17-digit id from a NUMERIC column, a float written 1e-05, an integral float from a
        # pandas column with a NaN in it: as a file would hold them, never through a rounding float
        (e,) = read_elever(
            [{"elev_id": Decimal("12345678901234567"), "trinn": 6.0, "fodselsdato": date(2014, 3, 1)}]
        ).rader
        assert (e.elev_id, e.trinn) == ("12345678901234567", "6")
        (h,) = read_hendelser(
            [{"elev_id": 2**60 + 1, "dato": date(2026, 9, 1), "type": "fravaer", "kode": "F", "timer": 1e-05}]
        ).rader
        assert (h.elev_id, h.timer) == (str(2**60 + 1), 1e-05)

    def test_tall_og_sannhetsverdier_som_numpys(self) -> None:
        # NumPy is not a dependency: stand-ins with the protocols its scalars have (an integer
        # with __index__ and __float__; numpy.bool, which has item() and is no int subclass)
        class Int64:
            def __init__(self, v: int) -> None:
                self.v = v

            def __index__(self) -> int:
                return self.v

            def __float__(self) -> float:
                return float(self.v)

        class bool_:  # (NumPy's name)
            def __init__(self, v: bool) -> None:
                self.v = v

            def __bool__(self) -> bool:
                return self.v

            def item(self) -> bool:
                return self.v

        (e,) = read_elever(
            [
                {
                    "elev_id": Int64(2**53 + 1),
                    "trinn": Int64(6),
                    "fodselsdato": date(2014, 3, 1),
                    "samtykke_foresatte": bool_(True),
                }
            ]
        ).rader
        assert (e.elev_id, e.trinn, e.samtykke_foresatte) == (str(2**53 + 1), "6", True)

    def test_radtyper_og_verdityper_fra_drivere(self) -> None:
        import sqlite3

        db = sqlite3.connect(":memory:")
        db.row_factory = sqlite3.Row
        db.execute("create table h (elev_id integer, dato text, type text, kode text, dager real)")
        db.execute("insert into h values (7, '2026-09-01', 'fravaer', 'F', 1.0)")
        (h,) = read_hendelser(db.execute("select * from h")).rader
        assert (h.elev_id, h.dato, h.dager) == ("7", date(2026, 9, 1), 1.0)
        # MySQL's TIME is a timedelta; a DATE read by pandas is a naive datetime at midnight
        (h,) = read_hendelser(
            [
                {
                    "elev_id": "E1",
                    "dato": datetime(2026, 9, 1),
                    "type": "fravaer",
                    "kode": "UF",
                    "fra": timedelta(hours=8, minutes=30),
                    "til": timedelta(hours=9, minutes=15),
                }
            ]
        ).rader
        assert (h.dato, h.fra, h.til) == (date(2026, 9, 1), time(8, 30), time(9, 15))

    @pytest.mark.parametrize(
        ("kilde", "tekst"),
        [
            (b"elev_id;trinn;fodselsdato\n", "io.BytesIO(data)"),
            (None, "ikke NoneType"),
            (42, "ikke int"),
            ({"elev_id": "E1", "trinn": "6"}, "én rad; gi en liste av rader"),
        ],
    )
    def test_kilde_av_feil_slag(self, kilde: object, tekst: str) -> None:
        with pytest.raises(ArgumentFeil) as e:
            read_elever(kilde)  # type: ignore[arg-type]
        assert (e.value.argument, tekst in str(e.value)) == ("path", True), str(e.value)

    @pytest.mark.parametrize(
        "tekst",
        [
            "elev_id;trinn;fodselsdato\nE1;5;2015-03-01\nKari Nordmann;5;2015-03-01\n",
            "elev_id;trinn;fodselsdato;Kari Nordmann;150315",  # one line, no line break
        ],
    )
    def test_filinnhold_gitt_som_sti_vises_ikke(self, tekst: str) -> None:
        with pytest.raises(ArgumentFeil) as e:
            read_elever(tekst)
        assert "Kari" not in str(e.value)
        assert "2015" not in str(e.value)
        assert "io.StringIO(tekst)" in str(e.value)
        assert e.value.argument == "path"

    def test_nulltegn_i_filnavnet(self) -> None:
        with pytest.raises(InndataFeil) as e:
            read_elever("elever\x00.csv")
        assert (e.value.fil, "nulltegn" in e.value.melding) == ("elever⟨U+0000⟩.csv", True)

    def test_navn_som_sti_og_navn_som_ikke_er_tekst(self) -> None:
        inn = read_elever([{"elev_id": "E1", "trinn": "5"}], navn=Path("db") / "elever")
        assert inn.fil == str(Path("db") / "elever")
        assert read_elever([], navn="a\nb").fil == "a⟨U+000A⟩b"
        with pytest.raises(ArgumentFeil) as e:
            read_elever([], navn=42)  # type: ignore[arg-type]
        assert e.value.argument == "navn"

    def test_avvisningen_har_elev_id_ogsaa_for_en_verdi_av_feil_type(self) -> None:
        inn = read_hendelser([{"elev_id": 17, "dato": date(2026, 9, 1), "type": "fravaer", "kode": "F", "dager": b"1"}])
        assert [(a.linje, a.as_dict()["elev_id"]) for a in inn.avvist] == [(1, "17")]

    def test_hver_leser_har_sitt_eget_navn_paa_radene(self) -> None:
        assert [les([]).fil for les in (read_elever, read_fag, read_hendelser)] == [
            "(rader: elever)",
            "(rader: fag)",
            "(rader: hendelser)",
        ]

    def test_andre_runde(self) -> None:
        # a Postgres uuid, SQLite's 0/1 for a yes/no column, a clock time with seconds said plainly
        nr = uuid.UUID(int=5)
        (h,) = read_hendelser([{"elev_id": "E1", "dato": date(2026, 9, 1), "type": "vegring", "hendelse_id": nr}]).rader
        assert h.hendelse_id == str(nr)
        elever = read_elever(
            [
                {"elev_id": f"E{i}", "trinn": "vg3", "fodselsdato": date(2008, 1, 1), "samtykke_foresatte": i}
                for i in (0, 1)
            ]
        )
        assert [e.samtykke_foresatte for e in elever.rader] == [False, True]
        inn = read_hendelser(
            [
                {
                    "elev_id": "E1",
                    "dato": date(2026, 9, 1),
                    "type": "fravaer",
                    "kode": "UF",
                    "fra": time(8, 30, 0, 500),
                    "til": time(9),
                }
            ]
        )
        assert inn.avvist[0].melding == "«fra» har sekunder (08:30:00.000500); et klokkeslett skal være TT:MM"
        # the first bad value of a row is the one named
        inn = read_hendelser([{"elev_id": "E1", "dato": b"x", "type": "fravaer", "kode": "F", "timer": math.inf}])
        assert inn.avvist[0].melding.startswith("«dato»")

    def test_navnet_paa_en_opplastet_fil_vises_uten_kontrolltegn(self) -> None:
        fil = io.BytesIO(b"elev_id;trinn;fodselsdato\nE1;x;2015-03-01\n")
        fil.name = "opplast\n\x1b[31m.csv"  # type: ignore[attr-defined]  # (the client chose it)
        assert read_elever(fil).avvist[0].fil == "opplast⟨U+000A⟩⟨U+001B⟩[31m.csv"

    def test_tall_ogsaa_naar_pythons_siffergrense_er_slaatt_av(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # sys.set_int_max_str_digits(0) turns the limit off; it must not turn every number away
        gammel = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            monkeypatch.setattr(_inndata, "_SIFFERGRENSE", sys.get_int_max_str_digits() or 4300)
            (h,) = read_hendelser(
                [{"elev_id": 101.0, "dato": date(2026, 9, 1), "type": "fravaer", "kode": "F", "timer": 1.5}]
            ).rader
            assert (h.elev_id, h.timer) == ("101", 1.5)
            inn = read_hendelser(
                [{"elev_id": "E1", "dato": date(2026, 9, 1), "type": "vegring", "hendelse_id": 10**6000}]
            )
            assert inn.avvist[0].melding == "«hendelse_id» har for mange sifre (høyst 4300)"
        finally:
            sys.set_int_max_str_digits(gammel)
