"""The stricter rules of skjema/resultat.schema.json: mistakes in the JSON output that the schema
must catch (each made by mutating a real demo run), and real outputs that it must accept."""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from fravarsregler import Regelsett, Skolerute, evaluate
from fravarsregler._cli import run
from fravarsregler.testing import from_rutine

ROT = Path(__file__).resolve().parent.parent
SKJEMA = json.loads((ROT / "skjema" / "resultat.schema.json").read_text(encoding="utf-8"))
# Without a format checker, as a reader with a plain validator has it (draft 2020-12 treats
# "format" as an annotation): the patterns and cross-field rules alone must catch the mistakes.
VALIDATOR = Draft202012Validator(SKJEMA)
# the property test checks the "date" format too (date-time needs rfc3339-validator, not installed)
MED_FORMAT = Draft202012Validator(SKJEMA, format_checker=FormatChecker())

Endring = Callable[[dict[str, Any]], None]


def _feil(v: Draft202012Validator, obj: object) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in v.iter_errors(obj)]


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    ut, feil = io.StringIO(), io.StringIO()
    assert run(["demo", "--format", "json"], ut, feil) == 0, feil.getvalue()
    data: dict[str, Any] = json.loads(ut.getvalue())
    return data


def _tiltak(data: dict[str, Any], hvilket: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """The first action of the demo output that ``hvilket`` picks (the demo has every kind)."""
    t: dict[str, Any] = next(t for t in data["tiltak"] if hvilket(t))
    return t


def _kategori(kategori: str) -> Callable[[dict[str, Any]], bool]:
    return lambda t: bool(t["kategori"] == kategori)


def _med_tidspunkt(t: dict[str, Any]) -> bool:
    return "T" in t["frist"]


def _fagtimer(t: dict[str, Any]) -> bool:
    return bool(t.get("grunnlag", {}).get("maal") == "fagtimer")


def _sett(felt: str, verdi: object, hvilket: Callable[[dict[str, Any]], bool]) -> Endring:
    def endre(data: dict[str, Any]) -> None:
        _tiltak(data, hvilket)[felt] = verdi

    return endre


def _gjenta(felt: str) -> Endring:
    """Repeat the first item of the list ``felt`` in the first action where it is not empty."""

    def endre(data: dict[str, Any]) -> None:
        t = _tiltak(data, lambda t: bool(t[felt]))
        t[felt] = [*t[felt], t[felt][0]]

    return endre


def _uten(nokkel: str) -> Endring:
    def endre(data: dict[str, Any]) -> None:
        del data[nokkel]

    return endre


def _toppnivaa(nokkel: str, verdi: object) -> Endring:
    def endre(data: dict[str, Any]) -> None:
        data[nokkel] = verdi

    return endre


def _frist_tid(erstatt: tuple[str, str]) -> Endring:
    """Change the time part of the first date-time deadline (e.g. ``T13:`` to ``T25:``)."""

    def endre(data: dict[str, Any]) -> None:
        t = _tiltak(data, _med_tidspunkt)
        gammel, ny = erstatt
        assert gammel in t["frist"]
        t["frist"] = t["frist"].replace(gammel, ny, 1)

    return endre


def _forskyvning(ny: str) -> Endring:
    def endre(data: dict[str, Any]) -> None:
        t = _tiltak(data, _med_tidspunkt)
        t["frist"] = t["frist"][:-6] + ny

    return endre


def _fullbredde(tekst: str) -> str:
    """The text with its ASCII digits as fullwidth digits (Unicode category Nd, like 0-9)."""
    return "".join(chr(ord(c) - ord("0") + 0xFF10) if c.isascii() and c.isdigit() else c for c in tekst)


def _fullbredde_dato(data: dict[str, Any]) -> None:
    data["dato"] = _fullbredde(data["dato"][:4]) + data["dato"][4:]


def _fullbredde_frist(data: dict[str, Any]) -> None:
    t = _tiltak(data, _med_tidspunkt)
    t["frist"] = t["frist"][:11] + _fullbredde(t["frist"][11:13]) + t["frist"][13:]


def _kalender_med_tidspunkt(data: dict[str, Any]) -> None:
    t = _tiltak(data, _kategori("kalender"))
    t["frist"] += "T15:00:00+02:00"


# One mutation per rule of the schema; each is accepted by the schema before these rules.
FEIL: dict[str, Endring] = {
    # dates and times: ASCII digits, fields in range, nothing after the end
    "dato-fullbredde-sifre": _fullbredde_dato,
    "frist-fullbredde-sifre": _fullbredde_frist,
    "dato-maaned-13": _toppnivaa("dato", "2026-13-01"),
    "dato-dag-32": _toppnivaa("fra", "2026-08-32"),
    "dato-linjeskift-til-slutt": _toppnivaa("dato", "2026-11-26\n"),
    "frist-time-25": _frist_tid(("T13:", "T25:")),
    "frist-minutt-60": _frist_tid((":00:00+", ":60:00+")),
    "frist-sekund-60": _frist_tid((":00+", ":60+")),
    "frist-forskyvning-24-timer": _forskyvning("+24:00"),
    "frist-forskyvning-60-minutter": _forskyvning("+02:60"),
    # cross-field rules of an action
    "hendelse-uten-elev": _sett("elev_id", None, _kategori("hendelse")),
    "terskel-uten-elev": _sett("elev_id", None, _kategori("terskel")),
    "hendelse-uten-hendelser": _sett("hendelser", [], _kategori("hendelse")),
    "fagtimer-uten-fag": _sett("fag", None, _fagtimer),
    "kalender-med-tidspunkt": _kalender_med_tidspunkt,
    # lists without repeats
    "ansvar-gjentatt": _gjenta("ansvar"),
    "mottaker-gjentatt": _gjenta("mottaker"),
    "hendelser-gjentatt": _gjenta("hendelser"),
    "sjekklister-gjentatt": _gjenta("sjekklister"),
    # top-level keys every result has
    "uten-skolerute": _uten("skolerute"),
    "uten-kodekart": _uten("kodekart"),
}


class TestFeilIUtdata:
    """Each demo output mutated against one rule of the schema is rejected by it."""

    def test_demoen_selv_er_gyldig(self, demo: dict[str, Any]) -> None:
        assert _feil(VALIDATOR, demo) == []

    @pytest.mark.parametrize("endring", list(FEIL.values()), ids=list(FEIL))
    def test_endret_demo_avvises(self, demo: dict[str, Any], endring: Endring) -> None:
        data = copy.deepcopy(demo)
        endring(data)
        assert data != demo
        assert not VALIDATOR.is_valid(data)


def _terskel_med_tidspunkt(data: dict[str, Any]) -> None:
    t = _tiltak(data, _kategori("terskel"))
    t["frist"] = t["utlost"] + "T15:00:00+02:00"


# What the engine can legitimately write, which the rules above must not reject.
GYLDIG: dict[str, Endring] = {
    # a Resultat made without a skolerute, and a run with --kodekart
    "skolerute-null": _toppnivaa("skolerute", None),
    "kodekart-objekt": _toppnivaa("kodekart", {"id": "iskole-vestvagoy", "system": "iSkole"}),
    # a threshold rule with a deadline of type klokkeslett (the routine format allows it)
    "terskel-med-tidspunkt": _terskel_med_tidspunkt,
    # winter time, and the last moment of a day
    "frist-vintertid": _frist_tid(("+02:00", "+01:00")),
    "frist-23-59-59": _frist_tid(("T13:00:00", "T23:59:59")),
    # a lesson's end with fractions of a second, from an event built in Python
    "frist-med-mikrosekunder": _frist_tid(("T13:00:00", "T13:00:30.000005")),
}


class TestGyldigeVarianter:
    """Output the engine can legitimately write stays valid under the stricter rules."""

    @pytest.mark.parametrize("endring", list(GYLDIG.values()), ids=list(GYLDIG))
    def test_variant_godtas(self, demo: dict[str, Any], endring: Endring) -> None:
        data = copy.deepcopy(demo)
        endring(data)
        assert data != demo
        assert _feil(VALIDATOR, data) == []

    def test_kalenderrad_per_skole_har_ingen_elev(self, demo: dict[str, Any]) -> None:
        # the pupil rule covers event and threshold actions only
        assert any(t["kategori"] == "kalender" and t["elev_id"] is None for t in demo["tiltak"])
        assert _feil(VALIDATOR, demo) == []


def _desimaler_ok(verdi: float, desimaler: int) -> bool:
    return round(verdi, desimaler) == verdi


INNSTILLINGER = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestEkteUtdata:
    """Real results of generated input (fravarsregler.testing) follow the schema."""

    @INNSTILLINGER
    @given(data=st.data())
    def test_resultatet_folger_skjemaet(self, regelsett: Regelsett, skolerute: Skolerute, data: st.DataObject) -> None:
        semester = data.draw(st.sampled_from([s.id for s in skolerute.semestre]), label="semester")
        scenario = data.draw(from_rutine(regelsett, skolerute, semester=semester, maks_elever=5, maks_hendelser=12))
        # some events without hendelse_id, so that content ids ("h-...") appear too
        uten_id = data.draw(st.lists(st.booleans(), min_size=len(scenario.hendelser), max_size=len(scenario.hendelser)))
        hendelser = tuple(
            attrs.evolve(h, hendelse_id=None) if fjern else h
            for h, fjern in zip(scenario.hendelser, uten_id, strict=True)
        )
        fra = data.draw(st.sampled_from([None, skolerute.skoleaaret[0]]), label="fra")
        resultat = evaluate(regelsett, scenario.elever, hendelser, skolerute, scenario.dato, fag=scenario.fag, fra=fra)
        ut: dict[str, Any] = resultat.as_dict()
        assert _feil(MED_FORMAT, ut) == []
        # the numbers as the "tall" definition describes them
        linjer = [*ut["oversikt"], *(t["grunnlag"] for t in ut["tiltak"] if "grunnlag" in t)]
        for linje in linjer:
            assert _desimaler_ok(linje["teller"], 4), linje
            assert _desimaler_ok(linje["nevner"], 4), linje
            assert _desimaler_ok(linje["andel"], 6), linje

    def test_ogsaa_resultat_uten_hendelser(self, regelsett: Regelsett, skolerute: Skolerute) -> None:
        resultat = evaluate(regelsett, [], [], skolerute, date(2026, 11, 26))
        assert _feil(VALIDATOR, resultat.as_dict()) == []
