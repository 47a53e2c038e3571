"""Example tests for the engine (fravarsregler._motor), one per case of the source document.

Every expected figure is computed by hand from rutiner/skolerute-2026-27.yaml. Autumn 2026 starts
Tuesday 2026-08-18; school days are numbered from 1:

    1-4   Aug 18-21        20-24  Sep 14-18       30-34  Oct 5-9 (after the autumn break)
    5-9   Aug 24-28        25-29  Sep 21-25       50-54  Nov 2-6
    10    Mon Aug 31       (Sep 28 - Oct 2: høstferie)     55-58  Nov 9-12 (Nov 13 planleggingsdag)
    11-14 Sep 1-4
    15-19 Sep 7-11

Spring 2027 starts Monday 2027-01-04 (days 1-5 Jan 4-8, 6-10 Jan 11-15).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from motorhjelp import elev, en, finn, fravaer, grunner, kjor, oversikt

from fravarsregler import (
    ArgumentFeil,
    Fag,
    Grunnlag,
    Hendelse,
    Regelsett,
    Resultat,
    Rutine,
    Skolerute,
    load_routine,
    load_skolerute,
)
from fravarsregler._skolerute import skolerute_from_data
from fravarsregler._yaml import load_yaml_file

D = date
ROT = Path(__file__).resolve().parent.parent
RUTINEMAPPE = ROT / "rutiner"
FELLES_FIL = RUTINEMAPPE / "felles.yaml"
SKOLERUTE_FIL = RUTINEMAPPE / "skolerute-2026-27.yaml"
OSLO = ZoneInfo("Europe/Oslo")
SJEKKLISTER = ("skolesituasjonen", "informasjon-fra-eleven", "informasjon-fra-foresatte")


# --------------------------------------------------------------------------- helpers


def grunnskole_endret(tmp_path: Path, *endringer: tuple[str, str, int]) -> Regelsett:
    """The shipped grunnskole routine with text edits (old, new, how often old stands), loaded."""
    tekst = (RUTINEMAPPE / "grunnskole.yaml").read_text(encoding="utf-8")
    for gammel, ny, antall in endringer:
        assert tekst.count(gammel) == antall, gammel
        tekst = tekst.replace(gammel, ny)
    tekst = tekst.replace("felles: felles.yaml", f"felles: {FELLES_FIL.as_posix()!r}")
    fil = tmp_path / "grunnskole-endret.yaml"
    fil.write_text(tekst, encoding="utf-8")
    return Regelsett([load_routine(fil)])


def time_i_fag(hid: str, elev_id: str, dato: date, fag: str, *, dok: str = "ingen", kode: str = "F") -> Hendelse:
    """One 45-minute lesson (08:30-09:15 = 0.75 clock hours) missed in ``fag``."""
    return Hendelse(
        elev_id=elev_id,
        dato=dato,
        type="fravaer",
        kode=kode,
        fra=time(8, 30),
        til=time(9, 15),
        fag=fag,
        dokumentasjon=dok,
        hendelse_id=hid,
    )


def dagsserie(start: date, antall: int, sr: Skolerute) -> list[date]:
    """``antall`` consecutive school days from ``start`` (a school day), by plain weekday arithmetic
    checked against the hand table above (only used inside weeks without days off)."""
    ut, d = [], start
    while len(ut) < antall:
        if d.weekday() < 5:
            ut.append(d)
        d += timedelta(days=1)
    assert all(sr.er_skoledag(x) for x in ut), ut
    return ut


# --------------------------------------------------------------------------- event rules


class TestEtterlysUvarsletFravaer:
    """Unannounced absence (UF) is chased within the lesson; the deadline is the lesson's end."""

    def test_regel_uten_koder_gjelder_alle_kodene(self, tmp_path: Path, skolerute: Skolerute) -> None:
        # "Uten koder utløser alle kodene regelen" (the schema): a revision that drops koder: [UF]
        rs = grunnskole_endret(
            tmp_path,
            (
                "utloser: {type: hendelse, hendelse: fravaer, koder: [UF]}",
                "utloser: {type: hendelse, hendelse: fravaer}",
                3,
            ),
        )
        hs = [fravaer(f"H{k}", "E1", D(2026, 9, 10), k, dager=None, timer=0.75) for k in ("F", "S", "UF")]
        res = kjor(rs, skolerute, D(2026, 9, 10), [elev("E1", "6")], hs)
        assert sorted(t.hendelser for t in finn(res, "etterlys-uvarslet-fravaer")) == [("HF",), ("HS",), ("HUF",)]

    def test_forfalt_paa_en_dag_og_paa_et_tidspunkt(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        h = fravaer("H1", "E1", D(2026, 9, 10), "UF", dager=None, fra=time(10, 15), til=time(11, 0))
        res = kjor(regelsett, skolerute, D(2026, 9, 25), [elev("E1", "6")], [h])
        uf = en(res, "etterlys-uvarslet-fravaer", "E1")  # due 11:00 Oslo time
        # by day (the JSON's forfalt): not passed on its own day
        assert (uf.forfalt(D(2026, 9, 10)), uf.forfalt(D(2026, 9, 11))) == (False, True)
        # by the clock, in any time zone: 10:59 and 11:01 Oslo are 08:59 and 09:01 UTC
        assert uf.forfalt(datetime(2026, 9, 10, 8, 59, tzinfo=UTC)) is False
        assert uf.forfalt(datetime(2026, 9, 10, 9, 1, tzinfo=UTC)) is True
        assert uf.as_dict(datetime(2026, 9, 10, 11, 1, tzinfo=OSLO))["forfalt"] is True
        # a date deadline lasts to the end of its day in Oslo: the monthly report due Sep 25
        rapport = next(t for t in finn(res, "rapport-til-rektor") if t.frist == D(2026, 9, 25))
        assert rapport.forfalt(datetime(2026, 9, 25, 23, 30, tzinfo=OSLO)) is False
        assert rapport.forfalt(datetime(2026, 9, 25, 22, 30, tzinfo=UTC)) is True  # 00:30 in Oslo
        with pytest.raises(ArgumentFeil, match="tidssone"):
            uf.forfalt(datetime(2026, 9, 10, 12))  # a naive datetime: which clock?
        with pytest.raises(ArgumentFeil, match="ikke str"):
            uf.forfalt("2026-09-11")  # type: ignore[arg-type]

        class NaTType(datetime):  # pandas' missing moment: a datetime whose utcoffset() raises
            def utcoffset(self) -> timedelta | None:
                raise ValueError("NaTType does not support utcoffset")

        with pytest.raises(ArgumentFeil, match="ikke NaTType"):
            uf.forfalt(NaTType(2026, 9, 11))

    def test_frist_er_timens_slutt_som_tidssonebevisst_tid(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        h = Hendelse(
            elev_id="E1",
            dato=D(2026, 9, 10),
            type="fravaer",
            kode="UF",
            fra=time(10, 15),
            til=time(11, 0),
            hendelse_id="H1",
        )
        res = kjor(regelsett, skolerute, D(2026, 9, 10), [elev("E1", "6")], [h])
        t = en(res, "etterlys-uvarslet-fravaer", "E1")
        assert t.frist == datetime(2026, 9, 10, 11, 0, tzinfo=OSLO)
        assert isinstance(t.frist, datetime)
        assert t.frist.utcoffset() == timedelta(hours=2)  # CEST in September
        assert t.as_dict()["frist"] == "2026-09-10T11:00:00+02:00"
        assert t.ansvar == ("faglaerer", "kontaktlaerer")
        assert t.hendelser == ("H1",)
        assert (t.rutine, t.versjon, t.trinn, t.utlost) == ("grunnskole", "2022.1", "6", D(2026, 9, 10))
        assert t.begrunnelse == (
            "Uvarslet fravær (UF) registrert 2026-09-10 kl. 10:15–11:00 (hendelse H1); "
            "frist ved timens slutt kl. 11:00."
        )

    def test_uten_sluttid_er_frist_skoledagens_slutt(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        h = Hendelse(elev_id="E1", dato=D(2026, 11, 10), type="fravaer", kode="UF", timer=0.75, hendelse_id="H1")
        res = kjor(regelsett, skolerute, D(2026, 11, 10), [elev("E1", "6")], [h])
        t = en(res, "etterlys-uvarslet-fravaer", "E1")
        assert t.frist == datetime(2026, 11, 10, 15, 0, tzinfo=OSLO)
        assert isinstance(t.frist, datetime)
        assert t.frist.utcoffset() == timedelta(hours=1)  # CET in November
        assert "timens sluttid mangler, så fristen er skoledagens slutt kl. 15:00" in t.begrunnelse

    def test_helt_fravaersdag_uf_har_frist_ved_skoledagens_slutt(
        self, regelsett: Regelsett, skolerute: Skolerute
    ) -> None:
        res = kjor(regelsett, skolerute, D(2026, 9, 10), [elev("E1", "6")], [fravaer("H1", "E1", D(2026, 9, 10), "UF")])
        assert en(res, "etterlys-uvarslet-fravaer").frist == datetime(2026, 9, 10, 15, 0, tzinfo=OSLO)

    def test_datert_skoledagens_slutt_leses_for_dagen(self, tmp_path: Path, skolerute: Skolerute) -> None:
        # a later value of skoledagens_slutt must not move the deadlines of days before it
        rs = grunnskole_endret(
            tmp_path,
            (
                '  skoledagens_slutt:\n    verdi: "15:00"\n',
                "  skoledagens_slutt:\n    verdier:\n"
                '      - {fra: 2022-08-15, verdi: "15:00"}\n      - {fra: 2026-11-02, verdi: "14:00"}\n',
                1,
            ),
        )
        hs = [
            Hendelse(elev_id="E1", dato=D(2026, 10, 26), type="vegring", hendelse_id="V1"),
            Hendelse(elev_id="E1", dato=D(2026, 11, 10), type="vegring", hendelse_id="V2"),
            fravaer("U1", "E1", D(2026, 10, 27), "UF"),
            fravaer("U2", "E1", D(2026, 11, 11), "UF"),
        ]
        res = kjor(rs, skolerute, D(2026, 11, 12), [elev("E1", "6")], hs)
        frister = {t.hendelser: t.frist for t in res.tiltak if t.kategori == "hendelse"}
        assert frister == {
            ("V1",): datetime(2026, 10, 26, 15, 0, tzinfo=OSLO),
            ("V2",): datetime(2026, 11, 10, 14, 0, tzinfo=OSLO),
            ("U1",): datetime(2026, 10, 27, 15, 0, tzinfo=OSLO),
            ("U2",): datetime(2026, 11, 11, 14, 0, tzinfo=OSLO),
        }

    def test_frist_paa_et_klokkeslett_fra_en_datert_parameter(self, tmp_path: Path, skolerute: Skolerute) -> None:
        # a revision may give an event rule a fixed clock time ("klokkeslett") from a parameter
        rs = grunnskole_endret(
            tmp_path,
            (
                "parametere:\n",
                "parametere:\n  avgjort_foer:\n    verdier:\n"
                '      - {fra: 2022-08-15, verdi: "10:00"}\n      - {fra: 2026-11-02, verdi: "11:30"}\n'
                '    enhet: klokkeslett\n    beskrivelse: "Når skolen senest avgjør om det trengs et møte."\n',
                1,
            ),
            (
                "            utloser: {type: hendelse, hendelse: vegring}\n            frist: {type: samme_dag}\n",
                "            utloser: {type: hendelse, hendelse: vegring}\n"
                "            frist: {type: klokkeslett, klokkeslett: avgjort_foer}\n",
                3,
            ),
        )
        hs = [
            Hendelse(elev_id="E1", dato=D(2026, 10, 26), type="vegring", hendelse_id="V1"),
            Hendelse(elev_id="E1", dato=D(2026, 11, 10), type="vegring", hendelse_id="V2"),
        ]
        res = kjor(rs, skolerute, D(2026, 11, 12), [elev("E1", "3", D(2019, 1, 1))], hs)
        tiltak = sorted(finn(res, "vegring-samme-dag"), key=lambda t: t.utlost)
        assert [t.frist for t in tiltak] == [
            datetime(2026, 10, 26, 10, 0, tzinfo=OSLO),
            datetime(2026, 11, 10, 11, 30, tzinfo=OSLO),
        ]
        assert tiltak[1].begrunnelse == (
            "Melding 2026-11-10 om at eleven ikke vil komme (hendelse V2); frist samme dag kl. 11:30."
        )

    @pytest.mark.parametrize("kode", ["F", "S"])
    def test_varslet_og_sein_etterlyses_ikke(self, regelsett: Regelsett, skolerute: Skolerute, kode: str) -> None:
        h = Hendelse(
            elev_id="E1",
            dato=D(2026, 9, 10),
            type="fravaer",
            kode=kode,
            fra=time(10, 15),
            til=time(11, 0),
            hendelse_id="H1",
        )
        res = kjor(regelsett, skolerute, D(2026, 9, 10), [elev("E1", "6")], [h])
        assert finn(res, "etterlys-uvarslet-fravaer") == []


class TestVegring:
    """A refusal ("vil ikke gå") is decided the same day, by the end of the (school) day."""

    def test_barnehage_frist_1630_styrer_og_pedagogisk_leder(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # 2026-09-29 is in the schools' autumn break, but the kindergarten is open on weekdays.
        h = Hendelse(elev_id="B1", dato=D(2026, 9, 29), type="vegring", hendelse_id="V1")
        res = kjor(regelsett, skolerute, D(2026, 9, 29), [elev("B1", "bhg", D(2022, 5, 1))], [h])
        assert res.avvist == ()
        t = en(res, "vegring-samme-dag", "B1")
        assert t.rutine == "barnehage"
        assert t.frist == datetime(2026, 9, 29, 16, 30, tzinfo=OSLO)
        assert t.ansvar == ("styrer", "pedagogisk_leder")
        assert t.begrunnelse == (
            "Melding 2026-09-29 om at barnet ikke vil komme (hendelse V1); frist samme dag kl. 16:30."
        )

    def test_tredje_trinn_frist_1500_med_sjekklister(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        h = Hendelse(elev_id="E3", dato=D(2026, 9, 24), type="vegring", hendelse_id="V1")
        res = kjor(regelsett, skolerute, D(2026, 9, 24), [elev("E3", "3", D(2018, 2, 2))], [h])
        t = en(res, "vegring-samme-dag", "E3")
        assert t.rutine == "grunnskole"
        assert t.frist == datetime(2026, 9, 24, 15, 0, tzinfo=OSLO)
        assert t.ansvar == ("kontaktlaerer",)
        assert t.sjekklister == SJEKKLISTER
        assert t.hva == "Dersom eleven ikke vil gå på skolen"

    def test_skoleelev_i_hostferien_avvises(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        h = Hendelse(elev_id="E3", dato=D(2026, 9, 29), type="vegring", hendelse_id="V1")
        res = kjor(regelsett, skolerute, D(2026, 9, 30), [elev("E3", "3", D(2018, 2, 2))], [h])
        assert finn(res, "vegring-samme-dag") == []
        assert grunner(res) == ["datoen 2026-09-29 er ikke en skoledag (fridag «Høstferie»)"]


# --------------------------------------------------------------------------- the 10 % rule


class TestBekymringsfulltFravaer:
    """The 10 % rule: absence days over school days held so far, strictly over, with a floor."""

    @staticmethod
    def _hendelser() -> list[Hendelse]:
        return [
            fravaer("H1", "E9", D(2026, 9, 1), "F"),  # day 11: 1/11 = 9,1 %
            fravaer("H2", "E9", D(2026, 9, 14), "UF"),  # day 20: 2/20 = 10 % exactly
            fravaer("H3", "E9", D(2026, 9, 15), "S"),  # day 21: S does not count -> 2/21
            fravaer("H4", "E9", D(2026, 9, 16), "F"),  # day 22: 3/22 = 13,6 % > 10 %
        ]

    def test_krysser_ti_prosent_paa_kjent_dag(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = kjor(regelsett, skolerute, D(2026, 9, 16), [elev("E9", "9", D(2012, 4, 4))], self._hendelser())
        t = en(res, "bekymringsfullt-fravaer", "E9")
        assert t.utlost == D(2026, 9, 16)
        assert t.grunnlag == Grunnlag(3.0, 22, 3 / 22, 0.1, "skoledager")
        assert t.as_dict()["grunnlag"] == {
            "maal": "skoledager",
            "teller": 3,
            "nevner": 22,
            "andel": round(3 / 22, 6),
            "terskel": 0.1,
        }
        assert t.begrunnelse == "3 fraværsdager av 22 skoledager = 13,6 % > 10 % (høsten 2026)."
        # five school days after Wed 16 Sep: 17, 18, 21, 22, 23
        assert t.frist == D(2026, 9, 23)
        assert t.ansvar == ("kontaktlaerer", "rektor")
        assert t.sjekklister == SJEKKLISTER
        assert t.hendelser == ("H1", "H2", "H4")  # the late arrival H3 is not counted
        assert t.status == "aktiv"
        brev = en(res, "bekymringsbrev", "E9")
        assert (brev.status, brev.utlost, brev.frist) == ("aktiv", D(2026, 9, 16), D(2026, 9, 23))
        assert brev.mottaker == ("foresatte",)
        assert brev.brev == "varsel-hoyt-fravaer"
        assert oversikt(res, "E9") == (3, 22)

    def test_noyaktig_ti_prosent_er_ikke_bekymringsfullt(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = kjor(regelsett, skolerute, D(2026, 9, 14), [elev("E9", "9", D(2012, 4, 4))], self._hendelser())
        assert finn(res, "bekymringsfullt-fravaer") == []
        assert finn(res, "bekymringsbrev") == []
        assert oversikt(res, "E9") == (2, 20)
        linje = next(o for o in res.oversikt if o.elev_id == "E9")
        assert linje.andel == pytest.approx(0.1)

    def test_sein_teller_ikke(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = kjor(regelsett, skolerute, D(2026, 9, 15), [elev("E9", "9", D(2012, 4, 4))], self._hendelser())
        assert finn(res, "bekymringsfullt-fravaer") == []
        assert oversikt(res, "E9") == (2, 21)

    def test_daterte_verdier_i_vedleggets_tekster_leses_for_dagen(self, tmp_path: Path, skolerute: Skolerute) -> None:
        # the contact step's text names the threshold; a new threshold from 2026-11-02 must show
        # only in actions from that day
        steg = '      - id: kontakt-foresatte\n        tekst: "Når en elev har bekymringsfullt fravær'
        rs = grunnskole_endret(
            tmp_path,
            (
                "  bekymring_terskel:\n    verdi: 0.10\n",
                "  bekymring_terskel:\n    verdier:\n      - {fra: 2022-08-15, verdi: 0.10}\n"
                "      - {fra: 2026-11-02, verdi: 0.08}\n",
                1,
            ),
            (steg, steg.replace("bekymringsfullt fravær", "bekymringsfullt fravær (over {bekymring_terskel})"), 1),
        )
        hs = [fravaer("H1", "E1", D(2026, 8, 18), dager=2.0), fravaer("H2", "E2", D(2026, 11, 2), dager=5.0)]
        res = kjor(rs, skolerute, D(2026, 11, 6), [elev("E1", "6"), elev("E2", "6")], hs)
        assert "(over 10 %)" in en(res, "bekymringsfullt-fravaer", "E1").innhold
        assert "(over 8 %)" in en(res, "bekymringsfullt-fravaer", "E2").innhold

    def test_sein_teller_naar_parameteren_sier_det(self, tmp_path: Path, skolerute: Skolerute) -> None:
        rs = grunnskole_endret(
            tmp_path,
            ("  sein_teller_som_fravaer:\n    verdi: false\n", "  sein_teller_som_fravaer:\n    verdi: true\n", 1),
        )
        res = kjor(rs, skolerute, D(2026, 9, 15), [elev("E9", "9", D(2012, 4, 4))], self._hendelser())
        t = en(res, "bekymringsfullt-fravaer", "E9")
        assert t.utlost == D(2026, 9, 15)
        assert t.begrunnelse == "3 fraværsdager av 21 skoledager = 14,3 % > 10 % (høsten 2026)."

    def test_gulvet_holder_regelen_tilbake_tidlig(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [fravaer("H1", "E2", D(2026, 8, 18)), fravaer("H2", "E2", D(2026, 8, 19))]
        foer = kjor(regelsett, skolerute, D(2026, 8, 28), [elev("E2", "2", D(2019, 1, 1))], hs)  # day 9: 2/9
        assert finn(foer, "bekymringsfullt-fravaer") == []
        paa = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E2", "2", D(2019, 1, 1))], hs)  # day 10: 2/10
        t = en(paa, "bekymringsfullt-fravaer", "E2")
        assert t.utlost == D(2026, 8, 31)
        assert t.grunnlag == Grunnlag(2.0, 10, 0.2, 0.1, "skoledager")
        assert t.begrunnelse == "2 fraværsdager av 10 skoledager = 20 % > 10 % (høsten 2026)."
        assert t.frist == D(2026, 9, 7)  # Sep 1, 2, 3, 4, 7

    def test_gulvdagen_etter_siste_fravaer_utlost_ved_senere_dato(
        self, regelsett: Regelsett, skolerute: Skolerute
    ) -> None:
        hs = [fravaer("H1", "E2", D(2026, 8, 18)), fravaer("H2", "E2", D(2026, 8, 19))]
        res = kjor(regelsett, skolerute, D(2026, 10, 20), [elev("E2", "2", D(2019, 1, 1))], hs)
        assert [t.utlost for t in finn(res, "bekymringsfullt-fravaer")] == [D(2026, 8, 31)]

    def test_halve_dager_med_desimalkomma(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [fravaer("H1", "E2", D(2026, 8, 20), dager=0.5), fravaer("H2", "E2", D(2026, 8, 31), dager=1.0)]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E2", "2", D(2019, 1, 1))], hs)
        t = en(res, "bekymringsfullt-fravaer", "E2")
        assert t.begrunnelse == "1,5 fraværsdager av 10 skoledager = 15 % > 10 % (høsten 2026)."

    def test_flerdagers_hendelse_telles_paa_paafolgende_skoledager(
        self, regelsett: Regelsett, skolerute: Skolerute
    ) -> None:
        # 3 days from Fri 2026-09-25 skip the autumn break: Sep 25 (day 29), Oct 5 (30), Oct 6 (31).
        hs = [fravaer("H1", "E2", D(2026, 9, 25), dager=3.0)]
        res = kjor(regelsett, skolerute, D(2026, 10, 5), [elev("E2", "2", D(2019, 1, 1))], hs)
        assert oversikt(res, "E2") == (2, 30)
        res = kjor(regelsett, skolerute, D(2026, 10, 6), [elev("E2", "2", D(2019, 1, 1))], hs)
        assert oversikt(res, "E2") == (3, 31)
        assert res.antall.etter_dato == 0

    def test_to_hendelser_samme_dag_er_en_fravaersdag(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # Two full-day registrations on the floor day (say F from one teacher, UF from another) are
        # still one absence day: 1/10 = 10 %, not over.
        hs = [fravaer("H1", "E2", D(2026, 8, 31), "F"), fravaer("H2", "E2", D(2026, 8, 31), "UF")]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E2", "2", D(2019, 1, 1))], hs)
        assert finn(res, "bekymringsfullt-fravaer") == []
        assert oversikt(res, "E2") == (1, 10)

    def test_overlappende_hendelser_telles_en_gang_per_dag(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # H2 covers Aug 27, 28 and 31; H1 adds half a day on Aug 28, which is already a full day.
        hs = [fravaer("H2", "E2", D(2026, 8, 27), dager=3.0), fravaer("H1", "E2", D(2026, 8, 28), dager=0.5)]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E2", "2", D(2019, 1, 1))], hs)
        t = en(res, "bekymringsfullt-fravaer", "E2")
        assert t.grunnlag == Grunnlag(3.0, 10, 0.3, 0.1, "skoledager")
        assert t.hendelser == ("H1", "H2")
        assert oversikt(res, "E2") == (3, 10)

    def test_en_gang_per_semester_og_igjen_om_vaaren(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [
            fravaer("H1", "E2", D(2026, 8, 18)),
            fravaer("H2", "E2", D(2026, 8, 19)),
            fravaer("H3", "E2", D(2026, 9, 1)),
            fravaer("H4", "E2", D(2026, 9, 2)),
            fravaer("H5", "E2", D(2026, 10, 5)),
            fravaer("H6", "E2", D(2027, 1, 4)),
            fravaer("H7", "E2", D(2027, 1, 5)),
        ]
        elever = [elev("E2", "2", D(2019, 1, 1))]
        res = kjor(regelsett, skolerute, D(2027, 1, 14), elever, hs, fra=D(2026, 8, 18))
        assert [t.utlost for t in finn(res, "bekymringsfullt-fravaer")] == [D(2026, 8, 31)]
        res = kjor(regelsett, skolerute, D(2027, 1, 15), elever, hs, fra=D(2026, 8, 18))
        tiltak = finn(res, "bekymringsfullt-fravaer")
        assert [t.utlost for t in tiltak] == [D(2026, 8, 31), D(2027, 1, 15)]
        assert tiltak[1].grunnlag == Grunnlag(2.0, 10, 0.2, 0.1, "skoledager")
        assert tiltak[1].begrunnelse == "2 fraværsdager av 10 skoledager = 20 % > 10 % (våren 2027)."
        assert tiltak[1].hendelser == ("H6", "H7")
        assert oversikt(res, "E2") == (2, 10)
        # default fra = the spring semester's first school day: only the spring action is listed
        res = kjor(regelsett, skolerute, D(2027, 1, 15), elever, hs)
        assert [t.utlost for t in finn(res, "bekymringsfullt-fravaer")] == [D(2027, 1, 15)]

    def test_oversikten_teller_bare_semesteret_datoen_er_i(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # two absence days in November, none in the spring: on Jan 15 the spring's count is 0 of 10
        hs = [fravaer("H1", "E2", D(2026, 11, 2)), fravaer("H2", "E2", D(2026, 11, 3))]
        elever = [elev("E2", "2", D(2019, 1, 1))]
        assert oversikt(kjor(regelsett, skolerute, D(2026, 11, 3), elever, hs), "E2")[0] == 2
        assert oversikt(kjor(regelsett, skolerute, D(2027, 1, 15), elever, hs), "E2") == (0, 10)

    def test_gjelder_ikke_barnehage_eller_vgs(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        elever = [elev("B1", "bhg", D(2022, 1, 1)), elev("V1", "vg1", D(2010, 1, 1))]
        hs = [
            fravaer(f"H{i}{e}", e, d)
            for e in ("B1", "V1")
            for i, d in enumerate(dagsserie(D(2026, 8, 24), 5, skolerute))
        ]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), elever, hs)
        assert res.avvist == ()
        assert finn(res, "bekymringsfullt-fravaer") == []
        assert [o for o in res.oversikt if o.maal == "skoledager"] == []

    def test_frist_etter_skolerutas_slutt_settes_til_siste_skoledag_og_sies(
        self, regelsett: Regelsett, skolerute: Skolerute
    ) -> None:
        # 11 days from 2027-06-01: on Jun 15 (school day 104) 11/104 = 10,6 % > 10 %. Five school days
        # later lies after the calendar's last school day (Fri Jun 18): the deadline is that day, and
        # the explanation says why it is fewer than five school days away.
        hs = [fravaer("H1", "E6", D(2027, 6, 1), dager=11.0)]
        res = kjor(regelsett, skolerute, D(2027, 6, 18), [elev("E6", "6", D(2015, 1, 1))], hs)
        for regel in ("bekymringsfullt-fravaer", "bekymringsbrev"):
            t = en(res, regel, "E6")
            assert (t.utlost, t.frist) == (D(2027, 6, 15), D(2027, 6, 18))
            assert t.begrunnelse == (
                "11 fraværsdager av 104 skoledager = 10,6 % > 10 % (våren 2027). Fristen er satt til siste "
                "skoledag i skoleruta (2027-06-18), fordi skoleruta slutter før det har gått 5 skoledager."
            )
        # a crossing with room for the whole deadline says nothing of it
        tidlig = kjor(regelsett, skolerute, D(2027, 6, 18), [elev("E6", "6", D(2015, 1, 1))], [
            fravaer("H1", "E6", D(2027, 4, 5), dager=11.0)
        ])  # fmt: skip
        assert "Fristen er satt" not in en(tidlig, "bekymringsfullt-fravaer", "E6").begrunnelse


class TestUnntak:
    """Vedlegg 1's exceptions hold back the letter in the first round, never the contact step."""

    def test_sykehusopphold_holder_brevet_tilbake(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [fravaer("H1", "E5", D(2026, 9, 1), dager=3.0, arsak="sykehus")]  # days 11-13
        res = kjor(regelsett, skolerute, D(2026, 9, 8), [elev("E5", "5", D(2016, 6, 6))], hs)
        kontakt = en(res, "bekymringsfullt-fravaer", "E5")
        assert (kontakt.status, kontakt.utlost) == ("aktiv", D(2026, 9, 2))  # 2/12 = 16,7 %
        brev = en(res, "bekymringsbrev", "E5")
        assert brev.status == "holdt_tilbake"
        assert (brev.utlost, brev.frist) == (D(2026, 9, 2), D(2026, 9, 9))
        assert brev.begrunnelse == (
            "2 fraværsdager av 12 skoledager = 16,7 % > 10 % (høsten 2026). Holdes tilbake i første omgang "
            "på grunn av unntaket i vedlegg 1 (sykehusopphold: 2 dager): uten disse dagene er det 0 "
            "fraværsdager av 12 skoledager = 0 %, som ikke er over 10 %. Kontakten med hjemmet skal likevel skje."
        )
        assert brev.as_dict()["status"] == "holdt_tilbake"

    def test_ett_sykehusdogn_entall_i_begrunnelsen(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [
            fravaer("H1", "E5", D(2026, 9, 1), arsak="sykehus"),  # day 11
            fravaer("H2", "E5", D(2026, 9, 2)),  # day 12: 2/12 over, 1/12 without the hospital day
        ]
        res = kjor(regelsett, skolerute, D(2026, 9, 8), [elev("E5", "5", D(2016, 6, 6))], hs)
        brev = en(res, "bekymringsbrev", "E5")
        assert brev.status == "holdt_tilbake"
        assert brev.begrunnelse.endswith(
            "på grunn av unntaket i vedlegg 1 (sykehusopphold: 1 dag): uten denne dagen er det 1 fraværsdag av "
            "12 skoledager = 8,3 %, som ikke er over 10 %. Kontakten med hjemmet skal likevel skje."
        )

    def test_hver_regel_holdes_tilbake_bare_av_sine_egne_unntak(self, tmp_path: Path, skolerute: Skolerute) -> None:
        # a revision where the hospital exception holds back the contact step, not the letter:
        # the letter must not subtract the hospital days it does not list
        rs = grunnskole_endret(
            tmp_path,
            (
                "          minste_nevner: bekymring_minste_skoledager\n          gjentakelse: en_gang_per_semester",
                "          minste_nevner: bekymring_minste_skoledager\n          unntak: [sykehusopphold]\n"
                "          gjentakelse: en_gang_per_semester",
                1,
            ),
            (
                "unntak: [permisjon-tidlig, sykehusopphold, langvarig-sykdom]",
                "unntak: [permisjon-tidlig, langvarig-sykdom]",
                1,
            ),
        )
        hs = [fravaer("H1", "E5", D(2026, 9, 1), dager=3.0, arsak="sykehus")]  # days 11-13
        res = kjor(rs, skolerute, D(2026, 9, 8), [elev("E5", "5", D(2016, 6, 6))], hs)
        assert [t.status for t in finn(res, "bekymringsfullt-fravaer")] == ["holdt_tilbake"]
        assert [t.status for t in finn(res, "bekymringsbrev")] == ["aktiv"]

    def test_senere_fravaer_uten_unntak_gir_aktivt_brev(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [
            fravaer("H1", "E5", D(2026, 9, 1), dager=3.0, arsak="sykehus"),  # days 11-13
            fravaer("H2", "E5", D(2026, 9, 7), "UF"),  # day 15: 1/15 without
            fravaer("H3", "E5", D(2026, 9, 9), "UF"),  # day 17: 2/17 = 11,8 %
        ]
        elever = [elev("E5", "5", D(2016, 6, 6))]
        res = kjor(regelsett, skolerute, D(2026, 9, 8), elever, hs)
        assert [t.status for t in finn(res, "bekymringsbrev")] == ["holdt_tilbake"]
        res = kjor(regelsett, skolerute, D(2026, 9, 9), elever, hs)
        assert len(finn(res, "bekymringsfullt-fravaer")) == 1
        brev = sorted(finn(res, "bekymringsbrev"), key=lambda t: t.utlost)
        assert [(t.status, t.utlost) for t in brev] == [("holdt_tilbake", D(2026, 9, 2)), ("aktiv", D(2026, 9, 9))]
        aktiv = brev[1]
        assert aktiv.frist == D(2026, 9, 16)  # Sep 10, 11, 14, 15, 16
        assert aktiv.grunnlag == Grunnlag(5.0, 17, 5 / 17, 0.1, "skoledager")
        assert aktiv.begrunnelse == (
            "5 fraværsdager av 17 skoledager = 29,4 % > 10 % (høsten 2026); "
            "også uten unntakene er det 2 av 17 skoledager = 11,8 %."
        )

    def test_permisjon_tidlig_i_semesteret(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [fravaer("H1", "E4", D(2026, 8, 24), dager=5.0, arsak="permisjon")]  # days 5-9
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E4", "4", D(2017, 1, 1))], hs)
        assert en(res, "bekymringsfullt-fravaer", "E4").status == "aktiv"
        brev = en(res, "bekymringsbrev", "E4")
        assert brev.status == "holdt_tilbake"
        assert "(permisjon tidlig: 5 dager)" in brev.begrunnelse
        assert "uten disse dagene er det 0 fraværsdager av 10 skoledager = 0 %" in brev.begrunnelse

    def test_lang_permisjon_som_begynner_tidlig_er_unntatt_helt(
        self, regelsett: Regelsett, skolerute: Skolerute
    ) -> None:
        # A 10-day leave ("innvilget 10 dagers permisjon tidlig i et semester") that begins on school
        # day 18 (Sep 10) runs to day 27 (Sep 23). "Tidlig" is about when the leave begins (the
        # parameter: "når den begynner innen 20 skoledager"), so all ten days are excepted.
        hs = [fravaer("H1", "E4", D(2026, 9, 10), dager=10.0, arsak="permisjon")]
        res = kjor(regelsett, skolerute, D(2026, 9, 25), [elev("E4", "4", D(2017, 1, 1))], hs)
        assert en(res, "bekymringsfullt-fravaer", "E4").utlost == D(2026, 9, 11)  # 2/19 = 10,5 %
        brev = en(res, "bekymringsbrev", "E4")
        assert (brev.status, brev.utlost) == ("holdt_tilbake", D(2026, 9, 11))

    def test_permisjon_som_en_rad_per_dag_er_samme_permisjon(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # Vedlegg 1's own case, "innvilget 10 dagers permisjon tidlig i et semester", as school systems
        # export it: a row per day (Sep 7-18, school days 15-24). It begins early, so every day of it
        # is excepted, as when it is one row of 10 days; its days after day 20 are not a new leave.
        dager = [skolerute.neste_skoledag_etter(D(2026, 9, 7), i) or D(2026, 9, 7) for i in range(10)]
        assert dager[-1] == D(2026, 9, 18)
        per_dag = [fravaer(f"P{i}", "E4", d, arsak="permisjon") for i, d in enumerate(dager)]
        en_rad = [fravaer("P", "E4", D(2026, 9, 7), dager=10.0, arsak="permisjon")]
        elever = [elev("E4", "4", D(2017, 1, 1))]
        for dato in (D(2026, 9, 8), D(2026, 9, 17), D(2026, 9, 25)):
            svar = [
                [(t.regel, t.status, t.utlost) for t in kjor(regelsett, skolerute, dato, elever, hs).tiltak]
                for hs in (per_dag, en_rad)
            ]
            assert svar[0] == svar[1]
            assert ("bekymringsbrev", "aktiv", dato) not in svar[0]
        brev = en(kjor(regelsett, skolerute, D(2026, 9, 25), elever, per_dag), "bekymringsbrev", "E4")
        assert (brev.status, brev.utlost) == ("holdt_tilbake", D(2026, 9, 8))
        assert "(permisjon tidlig: 2 dager)" in brev.begrunnelse

    def test_ny_permisjon_etter_et_opphold_er_ikke_tidlig(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # Leave on day 19 (Sep 11), back at school on day 20, leave again from day 21 (Sep 15): the
        # second leave begins after the first 20 school days, so its days count towards the letter.
        hs = [fravaer("P1", "E4", D(2026, 9, 11), arsak="permisjon")] + [
            fravaer(f"P{i}", "E4", d, arsak="permisjon")
            for i, d in enumerate([D(2026, 9, 15), D(2026, 9, 16), D(2026, 9, 17)], start=2)
        ]
        res = kjor(regelsett, skolerute, D(2026, 9, 17), [elev("E4", "4", D(2017, 1, 1))], hs)
        brev = sorted(finn(res, "bekymringsbrev", "E4"), key=lambda t: t.utlost)
        # day 22 (Sep 16): 3/22 = 13,6 %, without the early day 2/22 = 9,1 %; day 23: 3/23 = 13 % without it
        assert [(t.status, t.utlost) for t in brev] == [
            ("holdt_tilbake", D(2026, 9, 16)),
            ("aktiv", D(2026, 9, 17)),
        ]

    def test_permisjon_sent_i_semesteret_er_ikke_unntatt(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [fravaer("H1", "E4", D(2026, 11, 2), dager=10.0, arsak="permisjon")]  # from day 50
        res = kjor(regelsett, skolerute, D(2026, 11, 9), [elev("E4", "4", D(2017, 1, 1))], hs)
        brev = en(res, "bekymringsbrev", "E4")
        assert (brev.status, brev.utlost) == ("aktiv", D(2026, 11, 9))  # day 55: 6/55 = 10,9 %
        assert brev.begrunnelse == "6 fraværsdager av 55 skoledager = 10,9 % > 10 % (høsten 2026)."

    def test_sykdom_over_tre_skoledager_over_en_helg(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [
            fravaer("H1", "E7", D(2026, 8, 27), arsak="sykdom"),  # Thu, day 8
            fravaer("H2", "E7", D(2026, 8, 28), arsak="sykdom"),  # Fri, day 9
            fravaer("H3", "E7", D(2026, 8, 31), arsak="sykdom"),  # Mon, day 10 (the floor day)
        ]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E7", "7", D(2014, 1, 1))], hs)
        assert en(res, "bekymringsfullt-fravaer", "E7").grunnlag == Grunnlag(3.0, 10, 0.3, 0.1, "skoledager")
        brev = en(res, "bekymringsbrev", "E7")
        assert brev.status == "holdt_tilbake"
        assert "(langvarig sykdom: 3 dager)" in brev.begrunnelse

    def test_kort_sykdom_er_ikke_unntatt(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [fravaer("H2", "E7", D(2026, 8, 28), arsak="sykdom"), fravaer("H3", "E7", D(2026, 8, 31), arsak="sykdom")]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E7", "7", D(2014, 1, 1))], hs)
        assert en(res, "bekymringsbrev", "E7").status == "aktiv"

    def test_avbrutt_sykdomsrekke_er_ikke_unntatt(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # Thu, Fri, (present Mon), Tue: not three consecutive school days.
        hs = [
            fravaer("H1", "E7", D(2026, 8, 27), arsak="sykdom"),
            fravaer("H2", "E7", D(2026, 8, 28), arsak="sykdom"),
            fravaer("H3", "E7", D(2026, 9, 1), arsak="sykdom"),
        ]
        res = kjor(regelsett, skolerute, D(2026, 9, 1), [elev("E7", "7", D(2014, 1, 1))], hs)
        brev = en(res, "bekymringsbrev", "E7")
        assert (brev.status, brev.utlost) == ("aktiv", D(2026, 8, 31))  # floor day: 2/10

    def test_sykdom_tre_dager_som_ikke_henger_sammen_er_ikke_langvarig(
        self, regelsett: Regelsett, skolerute: Skolerute
    ) -> None:
        # school days 5, 8 and 10: three days of sickness, never two in a row ("minst 3
        # sammenhengende skoledager"), so on the floor day (3/10 = 30 %) the letter is not held back
        hs = [fravaer(f"H{i}", "E7", d, arsak="sykdom") for i, d in enumerate((D(2026, 8, 24), D(2026, 8, 27)))]
        hs.append(fravaer("H9", "E7", D(2026, 8, 31), arsak="sykdom"))
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("E7", "7", D(2014, 1, 1))], hs)
        brev = en(res, "bekymringsbrev", "E7")
        assert (brev.status, brev.utlost) == ("aktiv", D(2026, 8, 31))
        assert "langvarig" not in brev.begrunnelse

    def test_permisjon_som_begynner_paa_skoledag_20_er_tidlig(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # "når den begynner innen 20 skoledager": a leave from school day 20 itself (Sep 14) is early
        hs = [fravaer("P1", "E4", D(2026, 9, 14), dager=3.0, arsak="permisjon")]  # school days 20-22
        res = kjor(regelsett, skolerute, D(2026, 9, 16), [elev("E4", "4", D(2017, 1, 1))], hs)
        kontakt = en(res, "bekymringsfullt-fravaer", "E4")
        assert (kontakt.status, kontakt.utlost) == ("aktiv", D(2026, 9, 16))
        brev = en(res, "bekymringsbrev", "E4")
        assert (brev.status, brev.utlost) == ("holdt_tilbake", D(2026, 9, 16))
        assert "(permisjon tidlig: 3 dager)" in brev.begrunnelse

    def test_akkurat_ti_prosent_uten_unntakene_med_desimaldager_holder_brevet_tilbake(
        self, regelsett: Regelsett, skolerute: Skolerute
    ) -> None:
        # 3 excepted sick days (a run), then 0.2 + 0.9 + 0.9 UF days: without the exception 2 of 20
        # school days = exactly 10 %, which is not over (DOMENE 1 and 3). The float sum of the
        # amounts is 5.000000000000001; the share must be judged as the 10 % it is.
        hs = [fravaer(f"S{i}", "E6", D(2026, 8, 18 + i), arsak="sykdom") for i in range(3)]
        hs += [
            fravaer("A", "E6", D(2026, 9, 10), "UF", dager=0.2),
            fravaer("B", "E6", D(2026, 9, 11), "UF", dager=0.9),
            fravaer("C", "E6", D(2026, 9, 14), "UF", dager=0.9),  # school day 20
        ]
        res = kjor(regelsett, skolerute, D(2026, 9, 14), [elev("E6", "6", D(2015, 1, 1))], hs)
        brev = finn(res, "bekymringsbrev", "E6")
        assert [(t.status, t.utlost) for t in brev] == [("holdt_tilbake", D(2026, 8, 31))]


# --------------------------------------------------------------------------- vgs subject hours


def _skolerute_2024_25(tmp_path: Path) -> Skolerute:
    fil = tmp_path / "skolerute-2024-25.yaml"
    fil.write_text(
        "type: skolerute\n"
        "formatversjon: 1\n"
        "id: skolerute-2024-25\n"
        'kommune: "Testkommune"\n'
        'skoleaar: "2024-25"\n'
        "semestre:\n"
        '  - {id: hoest-2024, navn: "Høsten 2024", forste_skoledag: 2024-08-19, siste_skoledag: 2024-12-20}\n'
        '  - {id: vaar-2025, navn: "Våren 2025", forste_skoledag: 2025-01-03, siste_skoledag: 2025-06-20}\n'
        "fridager:\n"
        '  - {navn: "Høstferie", fra: 2024-09-30, til: 2024-10-04}\n'
        '  - {navn: "Juleferie", fra: 2024-12-21, til: 2025-01-02}\n'
        "ekstra_skoledager: []\n"
        "frister: {}\n",
        encoding="utf-8",
    )
    return load_skolerute(fil)


# 11 school days from Tue 2026-08-18 (day 1) to Tue 2026-09-01 (day 11)
DAGER_2026 = [D(2026, 8, d) for d in (18, 19, 20, 21, 24, 25, 26, 27, 28, 31)] + [D(2026, 9, 1)]
# 11 school days from Mon 2024-08-19 to Mon 2024-09-02
DAGER_2024 = [D(2024, 8, d) for d in (19, 20, 21, 22, 23, 26, 27, 28, 29, 30)] + [D(2024, 9, 2)]
FAG = [Fag("V1", "matematikk", 75.0), Fag("V1", "norsk", 112.5)]


class TestFagfravaerVgs:
    """Per subject, in clock hours against the subject's year hours; the dated counting rule."""

    def test_varsel_ved_seks_og_grense_over_ti_prosent(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [time_i_fag(f"M{i}", "V1", d, "matematikk", dok="helse_dokumentert") for i, d in enumerate(DAGER_2026)]
        hs += [time_i_fag("N1", "V1", D(2026, 8, 20), "norsk"), time_i_fag("N2", "V1", D(2026, 8, 21), "norsk")]
        res = kjor(regelsett, skolerute, D(2026, 9, 1), [elev("V1", "vg1", D(2010, 3, 1))], hs, fag=FAG)
        assert res.avvist == ()
        varsel = en(res, "varselbrev-fagfravaer", "V1")
        assert varsel.fag == "matematikk"
        assert varsel.utlost == D(2026, 8, 25)  # the 6th lesson: 6 x 0,75 = 4,5 h = 6 % of 75 h ("minst")
        assert varsel.frist == D(2026, 9, 1)  # Aug 26, 27, 28, 31, Sep 1
        assert varsel.grunnlag == Grunnlag(4.5, 75.0, 0.06, 0.06, "fagtimer")
        assert varsel.ansvar == ("faglaerer",)
        assert varsel.mottaker == ("elev", "foresatte")
        assert varsel.begrunnelse.startswith(
            "4,5 fraværstimer i matematikk av 75 årstimer = 6 % ≥ 6 %. Fravær som teller: udokumentert fravær, "
            "egenmeldt helsefravær og dokumentert helsefravær (regelen som gjelder fra 2025-08-01; "
            "opplæringsforskrifta"
        )
        grense = en(res, "fravaersgrense-overskredet", "V1")
        assert grense.fag == "matematikk"
        assert grense.utlost == D(2026, 9, 1)  # the 11th lesson: 8,25 h = 11 % > 10 %
        assert grense.frist == D(2026, 9, 8)
        assert grense.grunnlag == Grunnlag(8.25, 75.0, 0.11, 0.1, "fagtimer")
        assert grense.ansvar == ("faglaerer", "kontaktlaerer")
        assert grense.begrunnelse.startswith("8,25 fraværstimer i matematikk av 75 årstimer = 11 % > 10 %.")
        assert oversikt(res, "V1", "fagtimer", "matematikk") == (8.25, 75.0)
        assert oversikt(res, "V1", "fagtimer", "norsk") == (1.5, 112.5)

    def test_timer_fra_klokkeslett_skrives_med_fire_desimaler(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # a 50-minute lesson is 0.8333 clock hours: the JSON keeps four decimals, not two
        h = Hendelse(
            elev_id="V1", dato=D(2026, 9, 1), type="fravaer", kode="UF", fra=time(8), til=time(8, 50), fag="matematikk"
        )
        res = kjor(regelsett, skolerute, D(2026, 9, 1), [elev("V1", "vg1", D(2010, 1, 1))], [h], fag=FAG[:1])
        (linje,) = [o.as_dict() for o in res.oversikt if o.maal == "fagtimer"]
        assert (linje["teller"], linje["nevner"]) == (0.8333, 75)

    def test_oversikten_teller_ikke_timer_etter_datoen(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # 3 of 75 hours by Sep 3 (4 %); the 1.5 hours on Sep 10 would make 6 %, but are after the date
        hs = [
            Hendelse(elev_id="V1", dato=d, type="fravaer", kode="UF", timer=1.5, fag="matematikk", hendelse_id=h)
            for h, d in (("A", D(2026, 9, 1)), ("B", D(2026, 9, 2)), ("C", D(2026, 9, 10)))
        ]
        res = kjor(regelsett, skolerute, D(2026, 9, 3), [elev("V1", "vg1", D(2010, 1, 1))], hs, fag=FAG[:1])
        assert oversikt(res, "V1", "fagtimer", "matematikk") == (3.0, 75.0)
        assert finn(res, "varselbrev-fagfravaer") == []
        assert res.antall.etter_dato == 1

    def test_over_grensen_i_bare_ett_fag(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [time_i_fag(f"M{i}", "V1", d, "matematikk") for i, d in enumerate(DAGER_2026)]
        hs += [time_i_fag(f"N{i}", "V1", d, "norsk") for i, d in enumerate(DAGER_2026[:3])]
        res = kjor(regelsett, skolerute, D(2026, 9, 1), [elev("V1", "vg1", D(2010, 3, 1))], hs, fag=FAG)
        assert [(t.regel, t.fag) for t in res.tiltak if t.kategori == "terskel"] == [
            ("varselbrev-fagfravaer", "matematikk"),
            ("fravaersgrense-overskredet", "matematikk"),
        ]

    def test_noyaktig_ti_prosent_er_ikke_over_grensen(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [time_i_fag(f"M{i}", "V1", d, "matematikk") for i, d in enumerate(DAGER_2026)]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), [elev("V1", "vg1", D(2010, 3, 1))], hs, fag=FAG)
        assert finn(res, "fravaersgrense-overskredet") == []  # 10 lessons = 7,5 h = 10 %
        assert len(finn(res, "varselbrev-fagfravaer")) == 1
        assert oversikt(res, "V1", "fagtimer", "matematikk") == (7.5, 75.0)

    def test_fem_timer_er_under_varselgrensen(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [time_i_fag(f"M{i}", "V1", d, "matematikk") for i, d in enumerate(DAGER_2026[:6])]
        res = kjor(regelsett, skolerute, D(2026, 8, 24), [elev("V1", "vg1", D(2010, 3, 1))], hs, fag=FAG)
        assert finn(res, "varselbrev-fagfravaer") == []  # 5 lessons by Aug 24: 3,75 h = 5 %
        assert res.antall.etter_dato == 1

    def test_annen_gyldig_grunn_er_unntatt_etter_2025(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [time_i_fag(f"M{i}", "V1", d, "matematikk", dok="annen_gyldig") for i, d in enumerate(DAGER_2026)]
        res = kjor(regelsett, skolerute, D(2026, 9, 1), [elev("V1", "vg1", D(2010, 3, 1))], hs, fag=FAG)
        assert [t for t in res.tiltak if t.kategori == "terskel"] == []
        assert oversikt(res, "V1", "fagtimer", "matematikk") == (0, 75.0)

    def test_dokumentert_helsefravaer_teller_ikke_foer_2025(self, regelsett: Regelsett, tmp_path: Path) -> None:
        sr = _skolerute_2024_25(tmp_path)
        hs = [time_i_fag(f"M{i}", "V1", d, "matematikk", dok="helse_dokumentert") for i, d in enumerate(DAGER_2024)]
        res = kjor(regelsett, sr, D(2024, 9, 2), [elev("V1", "vg1", D(2008, 3, 1))], hs, fag=FAG)
        assert res.avvist == ()
        assert [t for t in res.tiltak if t.kategori == "terskel"] == []
        assert oversikt(res, "V1", "fagtimer", "matematikk") == (0, 75.0)

    def test_foer_2025_teller_udokumentert(self, regelsett: Regelsett, tmp_path: Path) -> None:
        sr = _skolerute_2024_25(tmp_path)
        hs = [
            time_i_fag(f"M{i}", "V1", d, "matematikk", dok="helse_dokumentert" if i < 5 else "ingen")
            for i, d in enumerate(DAGER_2024)
        ]
        res = kjor(regelsett, sr, D(2024, 9, 2), [elev("V1", "vg1", D(2008, 3, 1))], hs, fag=FAG)
        varsel = en(res, "varselbrev-fagfravaer", "V1")
        assert varsel.utlost == D(2024, 9, 2)  # the 6th undocumented lesson
        assert varsel.frist == D(2024, 9, 9)
        assert varsel.grunnlag == Grunnlag(4.5, 75.0, 0.06, 0.06, "fagtimer")
        assert (
            "Fravær som teller: udokumentert fravær og egenmeldt helsefravær (regelen som gjelder fra 2016-08-01; "
            "Forskrift til opplæringslova § 3-47 (eldre regel))."
        ) in varsel.begrunnelse
        assert finn(res, "fravaersgrense-overskredet") == []
        assert oversikt(res, "V1", "fagtimer", "matematikk") == (4.5, 75.0)


class TestMottakerVed18:
    """Letters go to the parents (and the vgs pupil) under 18, to the pupil alone from 18 unless consent."""

    @staticmethod
    def _vgs(rs: Regelsett, sr: Skolerute, samtykke: bool) -> Resultat:
        # Born 2008-10-15: 17 on Wed 2026-10-14, 18 on Thu 2026-10-15.
        oktober = [D(2026, 10, d) for d in (5, 6, 7, 8, 9)]
        hs = [time_i_fag(f"E{i}", "V1", d, "engelsk") for i, d in enumerate([*oktober, D(2026, 10, 14)])]
        hs += [time_i_fag(f"H{i}", "V1", d, "historie") for i, d in enumerate([*oktober, D(2026, 10, 15)])]
        fag = [Fag("V1", "engelsk", 75.0), Fag("V1", "historie", 75.0)]
        elever = [elev("V1", "vg3", D(2008, 10, 15), samtykke_foresatte=samtykke)]
        return kjor(rs, sr, D(2026, 10, 15), elever, hs, fag=fag)

    def test_vgs_dagen_foer_og_paa_18_aarsdagen(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = self._vgs(regelsett, skolerute, samtykke=False)
        foer = en(res, "varselbrev-fagfravaer", "V1", "engelsk")
        assert (foer.utlost, foer.mottaker) == (D(2026, 10, 14), ("elev", "foresatte"))
        etter = en(res, "varselbrev-fagfravaer", "V1", "historie")
        assert (etter.utlost, etter.mottaker) == (D(2026, 10, 15), ("elev",))

    def test_vgs_med_samtykke(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = self._vgs(regelsett, skolerute, samtykke=True)
        assert en(res, "varselbrev-fagfravaer", "V1", "historie").mottaker == ("elev", "foresatte")
        assert en(res, "varselbrev-fagfravaer", "V1", "engelsk").mottaker == ("elev", "foresatte")

    @pytest.mark.parametrize(("samtykke", "etter_18"), [(False, ("elev",)), (True, ("elev", "foresatte"))])
    def test_grunnskole_foer_og_etter(
        self, regelsett: Regelsett, skolerute: Skolerute, samtykke: bool, etter_18: tuple[str, ...]
    ) -> None:
        hs = [
            fravaer("H1", "G1", D(2026, 8, 18)),
            fravaer("H2", "G1", D(2026, 8, 19)),
            fravaer("H3", "G1", D(2027, 1, 4)),
            fravaer("H4", "G1", D(2027, 1, 5)),
        ]
        elever = [elev("G1", "10", D(2008, 10, 15), samtykke_foresatte=samtykke)]
        res = kjor(regelsett, skolerute, D(2027, 1, 15), elever, hs, fra=D(2026, 8, 18))
        brev = finn(res, "bekymringsbrev", "G1")
        assert [(t.utlost, t.mottaker) for t in brev] == [
            (D(2026, 8, 31), ("foresatte",)),
            (D(2027, 1, 15), etter_18),
        ]
        # the contact step is not a letter: no recipients
        assert all(t.mottaker == () for t in finn(res, "bekymringsfullt-fravaer"))

    def test_grunnskole_midt_i_semesteret(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # Born 2008-09-05: the held-back letter of Wed Sep 2 goes to the parents, the active one of
        # Wed Sep 9 (after the 18th birthday on Sat Sep 5) to the pupil.
        hs = [
            fravaer("H1", "G1", D(2026, 9, 1), dager=3.0, arsak="sykehus"),
            fravaer("H2", "G1", D(2026, 9, 7), "UF"),
            fravaer("H3", "G1", D(2026, 9, 9), "UF"),
        ]
        res = kjor(regelsett, skolerute, D(2026, 9, 9), [elev("G1", "10", D(2008, 9, 5))], hs)
        brev = sorted(finn(res, "bekymringsbrev", "G1"), key=lambda t: t.utlost)
        assert [(t.status, t.utlost, t.mottaker) for t in brev] == [
            ("holdt_tilbake", D(2026, 9, 2), ("foresatte",)),
            ("aktiv", D(2026, 9, 9), ("elev",)),
        ]


# --------------------------------------------------------------------------- calendar rules


class TestRapportTilRektor:
    """The monthly report is due on the last school day of each month, per school and trinn."""

    ELEVER = (
        elev("A1", "3", D(2018, 1, 1), skole="Nordvik skole"),
        elev("A2", "3", D(2018, 2, 1), skole="Nordvik skole"),
        elev("A3", "6", D(2015, 1, 1), skole="Nordvik skole"),
        elev("A4", "3", D(2018, 3, 1), skole="Sørvik skole"),
    )

    @staticmethod
    def _rader(res: Resultat) -> set[tuple[str | None, str, date, date | datetime]]:
        return {(t.skole, t.trinn, t.utlost, t.frist) for t in finn(res, "rapport-til-rektor")}

    def test_siste_skoledag_foer_hostferien(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = kjor(regelsett, skolerute, D(2026, 9, 25), self.ELEVER, [])
        tiltak = finn(res, "rapport-til-rektor")
        assert len(tiltak) == 6
        grupper = {("Nordvik skole", "3"), ("Nordvik skole", "6"), ("Sørvik skole", "3")}
        assert self._rader(res) == {
            (s, t, u, f)
            for s, t in grupper
            for u, f in ((D(2026, 8, 18), D(2026, 8, 31)), (D(2026, 9, 1), D(2026, 9, 25)))
        }
        for t in tiltak:
            assert t.elev_id is None
            assert t.kategori == "kalender"
            assert t.ansvar == ("kontaktlaerer", "avdelingsleder", "rektor", "ass_rektor")
        sep = next(t for t in tiltak if t.frist == D(2026, 9, 25))
        assert sep.as_dict(D(2026, 9, 25))["forfalt"] is False
        assert sep.begrunnelse == "Kalenderrad for september 2026: frist 2026-09-25."

    def test_trinn_i_skolens_rekkefolge(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # rows per school and trinn come 1, 2, ..., 10, not 1, 10, 2 (string order)
        elever = [elev(f"T{t}", t, D(2012, 3, 1), skole="Nordvik skole") for t in ("10", "2", "1", "9")]
        res = kjor(regelsett, skolerute, D(2026, 8, 31), elever, [])
        rader = [t.trinn for t in res.tiltak if t.regel == "rapport-til-rektor" and t.frist == D(2026, 8, 31)]
        assert rader == ["1", "2", "9", "10"]
        assert list(res.tiltak) == sorted(res.tiltak, key=lambda t: t.sorteringsnokkel())

    def test_senere_maaneder(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = kjor(regelsett, skolerute, D(2026, 12, 18), self.ELEVER[3:], [], fra=D(2026, 10, 1))
        assert self._rader(res) == {
            ("Sørvik skole", "3", D(2026, 10, 1), D(2026, 10, 30)),
            ("Sørvik skole", "3", D(2026, 11, 1), D(2026, 11, 30)),
            ("Sørvik skole", "3", D(2026, 12, 1), D(2026, 12, 18)),
        }

    def test_vindu_med_frist_foer_fra_er_ikke_med(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # fra in the Christmas break: December's report (due Dec 18) belongs to an earlier run
        res = kjor(regelsett, skolerute, D(2027, 1, 4), self.ELEVER[3:], [], fra=D(2026, 12, 21))
        assert self._rader(res) == {("Sørvik skole", "3", D(2027, 1, 1), D(2027, 1, 29))}

    def test_maaned_som_ikke_har_begynt_er_ikke_med(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = kjor(regelsett, skolerute, D(2026, 9, 30), self.ELEVER[3:], [])
        assert {t.frist for t in finn(res, "rapport-til-rektor")} == {D(2026, 8, 31), D(2026, 9, 25)}

    def test_fast_frist_i_skoleruta(self, regelsett: Regelsett) -> None:
        data = dict(load_yaml_file(SKOLERUTE_FIL).data)
        data["frister"] = {"rapport-til-rektor": "2026-09-24"}
        sr = skolerute_from_data(data, fil="skolerute-med-frist.yaml")
        res = kjor(regelsett, sr, D(2026, 9, 25), self.ELEVER[3:], [])
        assert {t.frist for t in finn(res, "rapport-til-rektor")} == {D(2026, 8, 31), D(2026, 9, 24)}


class TestOvergangsmote:
    """A transition meeting is held by the receiving school, so its action lands there."""

    ELEVER = (
        elev("B1", "bhg", D(2021, 3, 1), skole="Nordlys barnehage"),
        elev("B2", "1", D(2020, 3, 1), skole="Nordvik skole"),
        elev("B3", "4", D(2017, 3, 1), skole="Nordvik skole"),
        elev("B4", "5", D(2016, 3, 1), skole="Nordvik skole"),
        elev("B5", "7", D(2014, 3, 1), skole="Nordvik skole"),
        elev("B6", "8", D(2013, 3, 1), skole="Fjell ungdomsskole"),
        elev("B7", "10", D(2011, 3, 1), skole="Fjell ungdomsskole"),
        elev("B8", "vg1", D(2010, 3, 1), skole="Lofoten vgs"),
    )
    REGLER = ("overgangsmote", "overgangsmote-sakkyndig", "overgangsmote-grunnskole-vgs")

    def _moter(self, res: Resultat) -> set[tuple[str, str | None, str, tuple[str, ...], date | datetime]]:
        return {(t.regel, t.skole, t.trinn, t.ansvar, t.frist) for t in res.tiltak if t.regel in self.REGLER}

    def test_moetene_ligger_hos_mottakende_skole(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = kjor(regelsett, skolerute, D(2027, 6, 18), self.ELEVER, [], fra=D(2027, 1, 4))
        assert self._moter(res) == {
            # «Mottagende skole innkaller»: the school with 1st grade, not the kindergarten
            ("overgangsmote", "Nordvik skole", "1", ("rektor",), D(2027, 6, 18)),
            # «Påtroppende kontaktlærer innkaller»: the 5th and 8th grade teams
            ("overgangsmote", "Nordvik skole", "5", ("kontaktlaerer",), D(2027, 6, 18)),
            ("overgangsmote", "Fjell ungdomsskole", "8", ("kontaktlaerer",), D(2027, 6, 18)),
            # the vgs rows (PPT in the winter, rådgiver vgs. in the spring) at the vgs, not at 10th grade
            ("overgangsmote-sakkyndig", "Lofoten vgs", "vg1", ("ppt",), D(2027, 1, 29)),
            ("overgangsmote-grunnskole-vgs", "Lofoten vgs", "vg1", ("radgiver",), D(2027, 6, 18)),
        }
        hva = {t.trinn: t.hva for t in res.tiltak if t.regel == "overgangsmote"}
        assert hva["1"].startswith("Overgangsmøte mellom barnehage og skole")
        assert hva["8"] == "Overgangsmøte mellom 7. og 8. trinn ved skifte av kontaktlærer"

    def test_skolens_eksport_uten_barnehagebarn(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # a barneskole's own export holds no kindergarten children: it still gets its reminder
        res = kjor(regelsett, skolerute, D(2027, 6, 18), self.ELEVER[1:2], [], fra=D(2027, 1, 4))
        assert self._moter(res) == {("overgangsmote", "Nordvik skole", "1", ("rektor",), D(2027, 6, 18))}

    def test_ikke_om_hoesten(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = kjor(regelsett, skolerute, D(2026, 11, 30), self.ELEVER, [])
        assert self._moter(res) == set()


# --------------------------------------------------------------------------- versions


class TestVersjoner:
    """Each event is judged by the routine version in force on its date, and the output names it."""

    def test_hendelse_foer_og_etter_ny_versjon(self, to_versjoner: tuple[Rutine, Rutine], skolerute: Skolerute) -> None:
        rs = Regelsett(to_versjoner)
        hs = [
            Hendelse(elev_id="E1", dato=D(2026, 9, 10), type="fravaer", kode="UF", timer=0.75, hendelse_id="H1"),
            Hendelse(elev_id="E1", dato=D(2026, 10, 5), type="fravaer", kode="UF", timer=0.75, hendelse_id="H2"),
        ]
        res = kjor(rs, skolerute, D(2026, 10, 5), [elev("E1", "6")], hs)
        etterlys = sorted(finn(res, "etterlys-uvarslet-fravaer"), key=lambda t: t.utlost)
        assert [(t.utlost, t.versjon) for t in etterlys] == [(D(2026, 9, 10), "2022.1"), (D(2026, 10, 5), "2026.1")]
        assert [t.as_dict()["versjon"] for t in etterlys] == ["2022.1", "2026.1"]
        assert [(r["id"], r["versjon"]) for r in res.as_dict()["rutiner"]] == [  # type: ignore[union-attr]
            ("grunnskole", "2022.1"),
            ("grunnskole", "2026.1"),
        ]

    def test_versjonen_gjelder_fra_og_med_gyldig_fra(
        self, to_versjoner: tuple[Rutine, Rutine], skolerute: Skolerute
    ) -> None:
        # gyldig_fra on a school day (Monday Sep 14): an event that very day is judged by it
        gammel, ny = to_versjoner
        rs = Regelsett([gammel, attrs.evolve(ny, gyldig_fra=D(2026, 9, 14))])
        hs = [
            Hendelse(elev_id="E1", dato=D(2026, 9, 11), type="vegring", hendelse_id="V1"),
            Hendelse(elev_id="E1", dato=D(2026, 9, 14), type="vegring", hendelse_id="V2"),
        ]
        res = kjor(rs, skolerute, D(2026, 9, 14), [elev("E1", "6")], hs)
        assert [(t.hendelser, t.versjon) for t in finn(res, "vegring-samme-dag")] == [
            (("V1",), "2022.1"),
            (("V2",), "2026.1"),
        ]

    def test_kalenderrad_bruker_ikke_en_versjon_som_ennaa_ikke_gjelder(
        self, to_versjoner: tuple[Rutine, Rutine], skolerute: Skolerute
    ) -> None:
        rs = Regelsett(to_versjoner)
        # The autumn window runs to 2026-12-18; on 2026-09-25 only 2022.1 is in force.
        foer = kjor(rs, skolerute, D(2026, 9, 25), [elev("E1", "6")], [])
        assert {t.versjon for t in finn(foer, "fast-tema-skole-hjem")} == {"2022.1"}
        assert [r["versjon"] for r in foer.as_dict()["rutiner"]] == ["2022.1"]  # type: ignore[index]
        etter = kjor(rs, skolerute, D(2026, 10, 5), [elev("E1", "6")], [])
        assert {t.versjon for t in finn(etter, "fast-tema-skole-hjem")} == {"2026.1"}

    def test_ny_terskel_gjelder_fra_gyldig_fra(self, to_versjoner: tuple[Rutine, Rutine], skolerute: Skolerute) -> None:
        gammel, ny = to_versjoner
        hs = [
            fravaer("H1", "E1", D(2026, 9, 1)),  # day 11: 1/11 = 9,1 % (old version, 10 %)
            fravaer("H2", "E1", D(2026, 9, 15)),  # day 21: 2/21 = 9,5 % (old version, 10 %)
            fravaer("H3", "E1", D(2026, 10, 5)),  # day 30: 3/30 = 10 % (new version, 8 %)
        ]
        res = kjor(Regelsett([gammel, ny]), skolerute, D(2026, 10, 5), [elev("E1", "6")], hs)
        t = en(res, "bekymringsfullt-fravaer", "E1")
        assert (t.versjon, t.utlost) == ("2026.1", D(2026, 10, 5))
        assert t.grunnlag == Grunnlag(3.0, 30, 0.1, 0.08, "skoledager")
        assert t.begrunnelse == "3 fraværsdager av 30 skoledager = 10 % > 8 % (høsten 2026)."
        # the old version alone: exactly 10 % is not over 10 %
        res = kjor(Regelsett([gammel]), skolerute, D(2026, 10, 5), [elev("E1", "6")], hs)
        assert finn(res, "bekymringsfullt-fravaer") == []

    def test_senket_terskel_slaar_til_uten_nytt_fravaer(
        self, to_versjoner: tuple[Rutine, Rutine], skolerute: Skolerute
    ) -> None:
        # 2,5 days by Fri Sep 25 (day 29): 8,6 %, not over the old 10 %. No absence after the break,
        # but on Mon Oct 5 (day 30, the first school day under 2026.1) 2,5/30 = 8,3 % is over 8 %:
        # that is the first school day the share is over the threshold in force (DOMENE 2).
        hs = [
            fravaer("H1", "E1", D(2026, 9, 1)),
            fravaer("H2", "E1", D(2026, 9, 15)),
            fravaer("H3", "E1", D(2026, 9, 25), dager=0.5),
        ]
        rs = Regelsett(to_versjoner)
        res = kjor(rs, skolerute, D(2026, 9, 25), [elev("E1", "6")], hs)
        assert finn(res, "bekymringsfullt-fravaer") == []
        res = kjor(rs, skolerute, D(2026, 10, 9), [elev("E1", "6")], hs)
        t = en(res, "bekymringsfullt-fravaer", "E1")
        assert (t.versjon, t.utlost, t.frist) == ("2026.1", D(2026, 10, 5), D(2026, 10, 12))
        assert t.grunnlag == Grunnlag(2.5, 30, 2.5 / 30, 0.08, "skoledager")
        assert t.begrunnelse == "2,5 fraværsdager av 30 skoledager = 8,3 % > 8 % (høsten 2026)."

    def test_senket_varselgrense_i_vgs_slaar_til_uten_nytt_fravaer(
        self, to_vgs_versjoner: tuple[Rutine, Rutine], skolerute: Skolerute
    ) -> None:
        # 5 lessons by Aug 24 = 3,75 h = 5 % of 75 h: under the old 6 %; on Mon Oct 5, the first
        # school day under 2026.1, 5 % is at least the new 5 %.
        rs = Regelsett(to_vgs_versjoner)
        hs = [time_i_fag(f"M{i}", "V1", d, "matematikk") for i, d in enumerate(DAGER_2026[:5])]
        res = kjor(rs, skolerute, D(2026, 10, 9), [elev("V1", "vg1", D(2010, 3, 1))], hs, fag=FAG, fra=D(2026, 8, 18))
        t = en(res, "varselbrev-fagfravaer", "V1", "matematikk")
        assert (t.versjon, t.utlost, t.frist) == ("2026.1", D(2026, 10, 5), D(2026, 10, 12))
        assert t.grunnlag == Grunnlag(3.75, 75.0, 0.05, 0.05, "fagtimer")
        assert t.begrunnelse.startswith("3,75 fraværstimer i matematikk av 75 årstimer = 5 % ≥ 5 %.")
        assert finn(res, "fravaersgrense-overskredet") == []

    def test_ny_versjon_gjelder_ikke_bakover(self, to_versjoner: tuple[Rutine, Rutine], skolerute: Skolerute) -> None:
        # 2/21 = 9,5 % on Sep 15 would be over the new 8 %, but the old version is in force then.
        hs = [fravaer("H1", "E1", D(2026, 9, 1)), fravaer("H2", "E1", D(2026, 9, 15))]
        res = kjor(Regelsett(to_versjoner), skolerute, D(2026, 9, 25), [elev("E1", "6")], hs)
        assert finn(res, "bekymringsfullt-fravaer") == []
        assert oversikt(res, "E1") == (2, 29)


class TestGrensetilfeller:
    """Versions, kindergarten days and the default period in a break are handled on purpose."""

    def test_to_versjoner_med_samme_gyldig_fra_er_en_feil(self, rutiner: tuple[Rutine, ...]) -> None:
        from fravarsregler import RutineFeil

        grunnskole = next(r for r in rutiner if r.id == "grunnskole")
        kopi = attrs.evolve(grunnskole, versjon="2022.10", fil="rutiner/grunnskole-ny.yaml")
        for rekkefolge in ([grunnskole, kopi], [kopi, grunnskole]):
            with pytest.raises(RutineFeil, match="gjelder fra samme dato") as e:
                Regelsett(rekkefolge)
            # as valider says it: at the newer version's gyldig_fra (2022.10 is after 2022.1)
            (problem,) = e.value.problemer
            plass = grunnskole.gyldig_fra_plassering
            assert plass is not None
            assert (problem.fil, problem.linje, problem.kolonne) == (
                "rutiner/grunnskole-ny.yaml",
                plass.linje,
                plass.kolonne,
            )
            assert f"{grunnskole.fil}:{plass.linje} (versjon 2022.1)" in problem.melding

    def test_barnehage_holdes_stengt_paa_helligdager(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # 2027-05-17 (Monday, Constitution Day): no kindergarten day; 2026-10-01 (autumn break): open
        hs = [
            Hendelse(elev_id="B1", dato=D(2027, 5, 17), type="vegring", hendelse_id="H1"),
            Hendelse(elev_id="B1", dato=D(2026, 10, 1), type="vegring", hendelse_id="H2"),
        ]
        res = kjor(regelsett, skolerute, D(2027, 5, 18), [elev("B1", "bhg", D(2022, 1, 1))], hs)
        # in 2027 the 17th of May is also Whit Monday
        assert grunner(res) == [
            "datoen 2027-05-17 er ikke en barnehagedag (helligdag: andre pinsedag og grunnlovsdagen)"
        ]
        assert res.antall.brukt == 2

    def test_elev_foedt_etter_datoen_avvises_uten_aa_vise_foedselsdatoen(
        self, regelsett: Regelsett, skolerute: Skolerute
    ) -> None:
        elever = [elev("E1", "6", D(2030, 3, 4)), elev("E2", "6")]
        hs = [fravaer("H1", "E1", D(2026, 9, 1)), fravaer("H2", "E2", D(2026, 9, 1))]
        res = kjor(regelsett, skolerute, D(2026, 9, 2), elever, hs)
        # (rows made in Python have no file and line: sorted by message, which names the row)
        assert [a.melding for a in res.avvist] == [
            "elev «E1»: fødselsdatoen er etter datoen det vurderes på (2026-09-02)",
            "hendelse «H1» (elev «E1»): eleven «E1» er avvist i elevfilen (se meldingen for eleven der)",
        ]
        assert "2030" not in " ".join(a.melding for a in res.avvist)
        assert {o.elev_id for o in res.oversikt} == {"E2"}

    def test_kryssjekkene_av_rader(self, to_versjoner: tuple[Rutine, Rutine], skolerute: Skolerute) -> None:
        # Only the 2026.1 version (from 2026-10-01) is loaded: an event before it has no routine.
        rs = Regelsett([to_versjoner[1]])
        hs = [
            fravaer("H1", "E1", D(2026, 9, 10)),  # before the only version
            fravaer("H2", "E1", D(2027, 6, 16), dager=4.0),  # Jun 16, 17, 18 and then no school day
            fravaer("H3", "E1", D(2027, 6, 16), dager=3.0),  # ends on the last school day: fine
        ]
        fag = [Fag(elev_id="X1", fag="matematikk", arstimer=100.0)]  # a subject row for no pupil
        res = kjor(rs, skolerute, D(2027, 6, 18), [elev("E1", "6")], hs, fag=fag)
        # (rows made in Python have no file and line: sorted by message, which names the row)
        assert [a.melding for a in res.avvist] == [
            "fag «matematikk» (elev «X1»): ukjent elev «X1»",
            "hendelse «H1» (elev «E1»): ingen versjon av rutinen for trinn «6» gjelder på 2026-09-10",
            "hendelse «H2» (elev «E1»): 4 fraværsdager fra 2027-06-16 går forbi slutten av skoleruta",
        ]
        assert (res.antall.lest, res.antall.brukt, res.antall.avvist) == (5, 2, 3)

    def test_fagrad_for_elev_utenfor_videregaende_avvises(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # subject hours count in vgs only: a grunnskole or kindergarten subject row used to count as
        # "brukt" while it changed nothing (no overview line, no rule)
        elever = [elev("G1", "9"), elev("B1", "bhg", D(2022, 3, 1)), elev("V1", "vg1", D(2010, 3, 1))]
        fag = [Fag("G1", "matematikk", 76.0), Fag("B1", "lek", 10.0), Fag("V1", "matematikk", 112.5)]
        res = kjor(regelsett, skolerute, D(2026, 9, 2), elever, [], fag=fag)
        assert [a.melding for a in res.avvist] == [
            "fag «lek» (elev «B1»): fagfilen gjelder bare videregående, men eleven «B1» går i barnehage",
            "fag «matematikk» (elev «G1»): fagfilen gjelder bare videregående, men eleven «G1» går på 9. trinn",
        ]
        assert (res.antall.lest, res.antall.brukt, res.antall.avvist) == (6, 4, 2)
        assert [(o.elev_id, o.fag) for o in res.oversikt if o.maal == "fagtimer"] == [("V1", "matematikk")]

    def test_barnehage_er_aapen_i_jule_og_sommerferien(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        # Between the school's semesters the kindergarten is open on weekdays that are no public
        # holiday (DOMENE 9: the barnehage row applies on every day it is open).
        hs = [
            Hendelse(elev_id="B1", dato=D(2026, 12, 21), type="vegring", hendelse_id="jul"),
            Hendelse(elev_id="B1", dato=D(2026, 12, 25), type="vegring", hendelse_id="juledag"),
            Hendelse(elev_id="B1", dato=D(2027, 6, 28), type="vegring", hendelse_id="sommer"),
            Hendelse(elev_id="B1", dato=D(2027, 7, 3), type="vegring", hendelse_id="lordag"),
            Hendelse(elev_id="B1", dato=D(2027, 8, 2), type="vegring", hendelse_id="nytt-aar"),
        ]
        res = kjor(regelsett, skolerute, D(2027, 7, 30), [elev("B1", "bhg", D(2022, 1, 1))], hs)
        assert grunner(res) == [
            "datoen 2026-12-25 er ikke en barnehagedag (helligdag: første juledag)",
            "datoen 2027-07-03 er ikke en barnehagedag (lørdag)",
            "datoen 2027-08-02 er utenfor skoleåret 2026-27 i skoleruta «skolerute-2026-27»",
        ]
        # from the first day of the spring semester, the one that ended last (the Christmas one is before it)
        assert res.fra == D(2027, 1, 4)
        assert [(t.regel, t.hendelser, t.frist) for t in res.tiltak if t.kategori == "hendelse"] == [
            ("vegring-samme-dag", ("sommer",), datetime(2027, 6, 28, 16, 30, tzinfo=OSLO))
        ]
        jul = kjor(regelsett, skolerute, D(2026, 12, 21), [elev("B1", "bhg", D(2022, 1, 1))], hs[:1])
        assert [t.utlost for t in jul.tiltak if t.regel == "vegring-samme-dag"] == [D(2026, 12, 21)]

    def test_frist_i_skoledager_for_en_barnehagehendelse_om_sommeren(
        self, tmp_path: Path, skolerute: Skolerute
    ) -> None:
        # after the calendar's last school day no school days can be counted: the deadline is the
        # day itself, never before it, and the explanation says why
        tekst = (RUTINEMAPPE / "barnehage.yaml").read_text(encoding="utf-8")
        gammel = "            utloser: {type: hendelse, hendelse: vegring}\n            frist: {type: samme_dag}\n"
        assert tekst.count(gammel) == 1
        tekst = tekst.replace(gammel, gammel.replace("{type: samme_dag}", "{type: skoledager, antall: 2}"))
        tekst = tekst.replace("felles: felles.yaml", f"felles: {FELLES_FIL.as_posix()!r}")
        fil = tmp_path / "barnehage.yaml"
        fil.write_text(tekst, encoding="utf-8")
        rs = Regelsett([load_routine(fil)])
        hs = [
            Hendelse(elev_id="B1", dato=D(2027, 7, 5), type="vegring", hendelse_id="sommer"),
            Hendelse(elev_id="B1", dato=D(2027, 6, 17), type="vegring", hendelse_id="juni"),
        ]
        res = kjor(rs, skolerute, D(2027, 7, 30), [elev("B1", "bhg", D(2022, 1, 1))], hs)
        frister = {t.hendelser[0]: (t.frist, t.begrunnelse) for t in res.tiltak if t.kategori == "hendelse"}
        assert frister["sommer"][0] == D(2027, 7, 5)
        assert frister["sommer"][1].endswith(
            "Fristen er satt til samme dag, fordi dagen er etter skolerutas siste skoledag (2027-06-18), "
            "så 2 skoledager etter den kan ikke telles."
        )
        assert frister["juni"][0] == D(2027, 6, 18)
        assert "Fristen er satt til siste skoledag i skoleruta (2027-06-18)" in frister["juni"][1]

    def test_skoledager_i_ferien_avvises_fortsatt(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        hs = [fravaer("H1", "E1", D(2026, 12, 21)), fravaer("H2", "E1", D(2027, 6, 28))]
        res = kjor(regelsett, skolerute, D(2027, 6, 30), [elev("E1", "6")], hs)
        assert grunner(res) == [
            "datoen 2026-12-21 er ikke en skoledag (utenfor semestrene i skoleruta «skolerute-2026-27»)",
            "datoen 2027-06-28 er ikke en skoledag (utenfor semestrene i skoleruta «skolerute-2026-27»)",
        ]

    def test_fra_i_juleferien_er_hoestsemesterets_start(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        res = kjor(regelsett, skolerute, D(2026, 12, 28), [elev("E1", "6")], [])
        assert res.fra == D(2026, 8, 18)
