"""Calls an integration makes in Python: dates checked as the command line checks them, rows built
in Python checked as the file reader checks rows, and rejected Python rows named by their ids."""

from __future__ import annotations

import io
import math
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from motorhjelp import elev, fravaer

from fravarsregler import (
    ArgumentFeil,
    Elev,
    Fag,
    FravarsreglerError,
    Hendelse,
    InndataFeil,
    Regelsett,
    RutineFeil,
    Skolerute,
    YamlFeil,
    load_routine,
    load_routines,
    load_skolerute,
    read_elever,
    read_hendelser,
    render_markdown,
    validate_files,
)
from fravarsregler import evaluate as evaluer

RUTINER = Path(__file__).resolve().parent.parent / "rutiner"

D = date


class TestDatoene:
    """``evaluate`` refuses a date its calendar cannot judge, with the command line's reasons."""

    def test_dato_i_et_annet_skoleaar(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # an integration that forgot to load next year's calendar got last year's spring actions
        with pytest.raises(ArgumentFeil, match="dato 2027-11-26 er utenfor skoleåret 2026-27") as e:
            evaluer(regelsett, [], [], skolerute, D(2027, 11, 26))
        assert e.value.argument == "dato"

    def test_fra_etter_dato(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        with pytest.raises(ArgumentFeil, match="kan ikke være etter") as e:
            evaluer(regelsett, [], [], skolerute, D(2026, 11, 26), fra=D(2026, 12, 10))
        assert e.value.argument == "fra"

    @pytest.mark.parametrize("navn", ["dato", "fra"])
    def test_datetime_er_ikke_en_dato(self, regelsett: Regelsett, skolerute: Skolerute, navn: str) -> None:
        # datetime.now() passes the type checker (a datetime is a date) and crashed deep inside
        kw: dict[str, Any] = {"dato": D(2026, 11, 26), "fra": None, navn: datetime(2026, 11, 26, 3, 0)}
        with pytest.raises(ArgumentFeil, match=f"«{navn}» må være en dato") as e:
            evaluer(regelsett, [], [], skolerute, kw["dato"], fra=kw["fra"])
        assert isinstance(e.value, FravarsreglerError)
        assert isinstance(e.value, ValueError)

    def test_filstier_i_stedet_for_lastede_filer(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        with pytest.raises(ArgumentFeil, match="«skolerute» må være en Skolerute") as e:
            evaluer(regelsett, [], [], "rutiner/skolerute-2026-27.yaml", D(2026, 9, 14))  # type: ignore[arg-type]
        assert e.value.argument == "skolerute"
        with pytest.raises(ArgumentFeil, match="«rutiner» må være et Regelsett") as e:
            evaluer("rutiner", [], [], skolerute, D(2026, 9, 14))  # type: ignore[arg-type]
        assert e.value.argument == "rutiner"

    def test_rader_av_feil_slag(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # a dict from a database, a file path, or a list of two readings: a Norwegian ArgumentFeil
        # naming the argument, not an AttributeError from deep inside
        elev = Elev(elev_id="E1", trinn="6", fodselsdato=D(2014, 3, 1))
        h = Hendelse(elev_id="E1", dato=D(2026, 9, 14), type="vegring")
        tilfeller: list[tuple[dict[str, Any], str, str]] = [
            ({"elever": [elev, {"elev_id": "E2"}]}, "elever", "rad 2 er dict; lag Elev-objekter"),
            ({"hendelser": "eksempel/hendelser.csv"}, "hendelser", "ikke en filsti: les filen med read_hendelser"),
            ({"hendelser": [read_hendelser(io.BytesIO(b"elev_id;dato;type\n"))]}, "hendelser", "gi én Innlesing"),
            ({"fag": [elev]}, "fag", "«fag» må bestå av Fag-objekter, men rad 1 er Elev"),
            (
                {"hendelser": None},
                "hendelser",
                "må være en liste av Hendelse-objekter eller en Innlesing, ikke NoneType",
            ),
            ({"hendelser": h}, "hendelser", "ikke Hendelse"),
        ]
        for endring, navn, tekst in tilfeller:
            kw: dict[str, Any] = {"elever": [elev], "hendelser": [h], "fag": (), **endring}
            with pytest.raises(ArgumentFeil) as e:
                evaluer(regelsett, kw["elever"], kw["hendelser"], skolerute, D(2026, 9, 14), fag=kw["fag"])
            assert (e.value.argument, tekst in str(e.value)) == (navn, True), str(e.value)

    def test_dato_mangler(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        with pytest.raises(ArgumentFeil, match="«dato» må være en dato"):
            evaluer(regelsett, [], [], skolerute, None)  # type: ignore[arg-type]

    def test_barnehagen_i_august_foer_skolestart(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # before the first semester, fra used to be dato itself: a refusal on 3 August vanished
        # from the next night's run
        hs = [Hendelse(elev_id="B1", dato=D(2026, 8, 3), type="vegring", hendelse_id="V1")]
        res = evaluer(regelsett, [elev("B1", "bhg", D(2022, 5, 1))], hs, skolerute, D(2026, 8, 4))
        assert res.fra == D(2026, 8, 1)
        assert [(t.regel, t.utlost) for t in res.tiltak] == [("vegring-samme-dag", D(2026, 8, 3))]


class TestRaderLagetIPython:
    """Rows built in Python get the reader's checks when they are made, not a crash later."""

    @pytest.mark.parametrize(
        ("felt", "melding"),
        [
            ({"kode": "uf"}, "«kode» må være F, S eller UF, ikke «uf» (mente du «UF»?)"),
            ({"kode": None}, "fravær må ha «kode»"),
            (
                {"type": "foo"},
                "«type» må være fravaer eller vegring (verdien vises ikke, fordi den ikke ligner en av dem)",
            ),
            ({"arsak": "ferie"}, "«arsak» må være sykdom eller permisjon eller sykehus eller annet"),
            ({"dokumentasjon": "lege"}, "«dokumentasjon» må være ingen eller"),
            ({"dager": math.inf}, "«dager» må være et tall større enn 0 og høyst 100, ikke inf"),
            ({"dager": math.nan}, "fravær må ha «dager», «timer»"),  # NaN: a missing value (pandas)
            ({"dager": None, "timer": -50.0}, "«timer» må være et tall større enn 0 og høyst 24, ikke -50.0"),
            ({"dager": None, "fra": time(9)}, "oppgi både «fra» og «til», eller «timer»"),
            ({"dager": None, "fra": time(10), "til": time(9)}, "«til» må være etter «fra»"),
            # a clock time with a zone would lose it (a deadline hours off), and a zoned and a
            # plain time cannot be compared: both are refused, in Norwegian, not a TypeError
            ({"fra": time(7, tzinfo=UTC), "til": time(7, 45, tzinfo=UTC)}, "«fra» må være et klokkeslett i Oslo-tid"),
            ({"fra": time(8), "til": time(8, 45, tzinfo=UTC)}, "«til» må være et klokkeslett i Oslo-tid uten tidssone"),
            ({"dager": None}, "fravær må ha «dager», «timer» eller «fra» og «til»"),
            ({"dato": datetime(2026, 9, 10, 8)}, "«dato» må være en dato (datetime.date), ikke datetime"),
            ({"elev_id": ""}, "«elev_id» må være en tekst som ikke er tom"),
        ],
    )
    def test_hendelse(self, felt: dict[str, Any], melding: str) -> None:
        verdier: dict[str, Any] = {"elev_id": "E1", "dato": D(2026, 9, 10), "type": "fravaer", "kode": "F"}
        verdier["dager"] = 1.0
        verdier.update(felt)
        with pytest.raises(InndataFeil) as e:
            Hendelse(hendelse_id="H7", **verdier)
        assert melding in e.value.melding
        assert e.value.melding.startswith("hendelse «H7»")
        assert (e.value.fil, e.value.linje) == ("<inndata>", None)

    @pytest.mark.parametrize("arstimer", [0, -1.0, math.inf, math.nan, "100"])
    def test_fag(self, arstimer: Any) -> None:
        with pytest.raises(InndataFeil, match="«arstimer» må være et tall større enn 0"):
            Fag(elev_id="V1", fag="norsk", arstimer=arstimer)

    def test_elev_viser_ikke_personopplysninger(self) -> None:
        with pytest.raises(InndataFeil, match="«fodselsdato» må være en dato") as e:
            Elev("E1", "5", datetime(2015, 3, 4, 0, 0))
        assert "2015" not in str(e.value)
        with pytest.raises(InndataFeil, match="ukjent trinn \\(tillatt") as e:
            Elev("E1", "Kari Nordmann", D(2015, 3, 4))
        assert "Kari" not in str(e.value)
        with pytest.raises(InndataFeil, match="ukjent trinn «11»"):
            Elev("E1", "11", D(2015, 3, 4))

    def test_tom_tekst_er_som_manglende_verdi(self) -> None:
        # as an empty cell in a file: kode "" on a refusal, hendelse_id "" (hash the content)
        h = Hendelse("E1", D(2026, 9, 1), "vegring", kode="", hendelse_id="", fag="")
        assert (h.kode, h.hendelse_id, h.fag) == (None, None, None)
        assert h.id.startswith("h-")

    def test_nan_fra_pandas_er_manglende_verdi(self) -> None:
        h = Hendelse("E1", D(2026, 9, 1), "vegring", kode=math.nan, fag=math.nan, arsak=math.nan)  # type: ignore[arg-type]
        assert (h.kode, h.fag, h.arsak) == (None, None, "annet")

    def test_na_fra_pandas(self) -> None:
        class NAType:  # pandas.NA's behaviour: == gives NA, which has no truth value
            def __eq__(self, _: object) -> NAType:  # type: ignore[override]
                return self

            def __bool__(self) -> bool:
                raise TypeError("boolean value of NA is ambiguous")

            __hash__ = object.__hash__

        na = NAType()
        h = Hendelse("E1", D(2026, 9, 1), "vegring", kode=na, fag=na, fra=math.nan, arsak=na)  # type: ignore[arg-type]
        assert (h.kode, h.fag, h.fra, h.arsak) == (None, None, None, "annet")

    def test_tom_aarsak_og_dokumentasjon_er_standardverdien(self) -> None:
        h = Hendelse("E1", D(2026, 9, 1), "fravaer", "F", dager=1.0, arsak="", dokumentasjon="")
        assert (h.arsak, h.dokumentasjon) == ("annet", "ingen")

    def test_andre_talltyper_blir_float(self) -> None:
        f = Fag(elev_id="V1", fag="norsk", arstimer=Decimal("56.25"))  # type: ignore[arg-type]
        h = Hendelse("E1", D(2026, 9, 1), "fravaer", "F", dager=Decimal("0.5"), hendelse_id="H1")  # type: ignore[arg-type]
        assert (type(f.arstimer), type(h.dager)) == (float, float)
        assert (f.arstimer, h.dager) == (56.25, 0.5)

    def test_tekststroem_med_feil_tegnkoding(self, tmp_path: Path) -> None:
        fil = tmp_path / "e.csv"
        fil.write_bytes("elev_id;trinn;fodselsdato;skole\nE1;5;2015-01-01;Bø\n".encode("cp1252"))
        with fil.open(encoding="utf-8") as strom, pytest.raises(InndataFeil, match="Åpne filen i binærmodus"):
            read_elever(strom)

    def test_gyldige_rader_lages_som_foer(self) -> None:
        h = Hendelse("E1", D(2026, 9, 10), "fravaer", "F", fra=time(8, 15), til=time(9), hendelse_id="H1")
        assert h.lengde_timer == 0.75
        assert Hendelse("E1", D(2026, 9, 10), "vegring").id.startswith("h-")


class TestAvvisteRaderFraPython:
    """A rejected row built in Python is named by its ids, since it has no file line."""

    def test_navnet_i_meldingen(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = evaluer(regelsett, [elev("E1", "6")], [fravaer("H9", "X1", D(2026, 9, 10))], skolerute, D(2026, 9, 14))
        assert [(a.fil, a.linje, a.melding) for a in res.avvist] == [
            ("<inndata>", None, "hendelse «H9» (elev «X1»): ukjent elev «X1»")
        ]

    def test_duplikater_uten_linje_0(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [
            fravaer("H1", "E1", D(2026, 9, 10)),
            fravaer("H1", "E1", D(2026, 9, 10)),
            fravaer("H2", "E1", D(2026, 9, 11)),
            fravaer("H2", "E1", D(2026, 9, 14)),
        ]
        res = evaluer(regelsett, [elev("E1", "6")], hs, skolerute, D(2026, 9, 14))
        meldinger = [a.melding for a in res.avvist]
        assert meldinger == [
            "hendelse «H1» (elev «E1»): duplikat: samme hendelse_id og innhold som en annen rad",
            "hendelse «H2» (elev «E1»): hendelse_id «H2» står på flere rader med ulikt innhold (2 rader)",
            "hendelse «H2» (elev «E1»): hendelse_id «H2» står på flere rader med ulikt innhold (2 rader)",
        ]
        assert "linje 0" not in " ".join(meldinger)


class TestSmaattIApiet:
    """Small things an integration trips on."""

    def test_load_routines_med_en_sti(self) -> None:
        # a str is an iterable of characters: "rutiner" used to give a problem per letter
        with pytest.raises(ArgumentFeil, match="er en mappe; oppgi rutinefilene") as e:
            load_routines(RUTINER)
        assert e.value.argument == "filer"
        rutiner, problemer = load_routines(str(RUTINER / "vgs.yaml"))
        assert ([r.id for r in rutiner], problemer) == (["vgs"], [])

    def test_validate_files_med_en_mappe(self) -> None:
        navn = sorted(Path(r.fil).name for r in validate_files(RUTINER))
        assert navn == sorted(p.name for p in RUTINER.glob("*.yaml"))

    def test_samme_fil_to_ganger(self) -> None:
        # two overlapping globs: the same version twice is one version, not a clash
        g = load_routine(RUTINER / "grunnskole.yaml")
        assert repr(Regelsett([g, load_routine(RUTINER / "grunnskole.yaml")])) == "<Regelsett grunnskole (2022.1)>"

    def test_feilene_har_melding_og_problemer(self, tmp_path: Path) -> None:
        fil = tmp_path / "r.yaml"
        fil.write_text("type: rutine\nid: [\n", encoding="utf-8")
        with pytest.raises(RutineFeil) as rf:
            load_routine(fil)
        assert rf.value.melding == rf.value.problemer[0].melding
        with pytest.raises(YamlFeil) as yf:
            load_skolerute(fil)
        assert yf.value.problemer == (yf.value.problem,)

    def test_kort_repr(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        inn = read_elever(io.StringIO("elev_id;trinn;fodselsdato\nE1;5;2015-01-01\nE2;x;2015-01-01\n"))
        assert repr(inn) == "<Innlesing (datastrøm): 1 rader, 1 avvist, lest 2>"
        res = evaluer(regelsett, inn, [], skolerute, D(2026, 9, 14))
        assert repr(res).startswith("<Resultat dato=2026-09-14 fra=2026-08-18: ")
        assert "2015" not in repr(inn) + repr(res)

    def test_lukket_fil(self) -> None:
        f = io.BytesIO(b"elev_id;trinn;fodselsdato\n")
        f.close()
        with pytest.raises(InndataFeil, match="Filen er lukket"):
            read_elever(f)

    def test_dokument_fra_generator(self) -> None:
        rutiner = (load_routine(RUTINER / f"{n}.yaml") for n in ("barnehage", "grunnskole"))
        assert render_markdown(rutiner).startswith("# ")


class TestRaskVeiForVanligeHendelser:
    """The quick test of the common event takes nothing the full check would refuse or change."""

    # valid events, as the reader makes them, and each field's odd or wrong values
    GYLDIGE: ClassVar[tuple[dict[str, Any], ...]] = (
        {"elev_id": "E1", "dato": D(2026, 9, 1), "type": "fravaer", "kode": "F", "dager": 1.0},
        {"elev_id": "E2", "dato": D(2026, 9, 1), "type": "fravaer", "kode": "UF", "timer": 0.75, "fag": "norsk"},
        {"elev_id": "E3", "dato": D(2026, 9, 1), "type": "fravaer", "kode": "S", "fra": time(8), "til": time(9)},
        {"elev_id": "E4", "dato": D(2026, 9, 1), "type": "vegring", "hendelse_id": "H4", "arsak": "sykdom"},
        {"elev_id": "E5", "dato": D(2026, 9, 1), "type": "fravaer", "kode": "F", "dager": 2.0, "fra": time(8)},
    )
    ANDRE: ClassVar[dict[str, tuple[Any, ...]]] = {
        "elev_id": ("", " ", "Ø2"),
        "dato": (datetime(2026, 9, 1, 8),),
        "type": ("ferie", "", "FRAVAER"),
        "kode": (None, "uf", "", math.nan, "UF"),
        "dager": (None, 4, 0.0, -1.0, 100.0, 101.0, math.nan, math.inf, Decimal("1")),
        "timer": (None, 24.0, 25.0, 0, math.nan),
        "fra": (None, time(10), math.nan, time(8, tzinfo=UTC)),
        "til": (None, time(8), time(9), "", time(9, tzinfo=UTC)),
        "fag": (None, "", math.nan),
        "arsak": ("", "ferie", None, "permisjon"),
        "dokumentasjon": ("", "lege", "annen_gyldig"),
        "hendelse_id": (None, "", " ", "H9"),
    }

    @settings(max_examples=300, deadline=None)
    @given(data=st.data())
    def test_samme_svar_som_den_fulle_sjekken(self, data: st.DataObject) -> None:
        felt = dict(data.draw(st.sampled_from(self.GYLDIGE)))
        for navn in data.draw(st.lists(st.sampled_from(sorted(self.ANDRE)), max_size=2, unique=True)):
            felt[navn] = data.draw(st.sampled_from(self.ANDRE[navn]))

        def lag() -> tuple[str, ...] | str:
            try:
                h = Hendelse(**felt)
            except InndataFeil as e:
                return e.melding
            return tuple(repr(getattr(h, k)) for k in (*felt, "id"))

        med_rask_vei = lag()
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Hendelse, "_vanlig", lambda self: False)
            assert lag() == med_rask_vei
