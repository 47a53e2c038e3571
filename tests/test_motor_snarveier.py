"""Shortcuts in the engine's hot loops decide exactly as the plain computation they replace."""

from __future__ import annotations

import math
import sys
from datetime import date as D
from datetime import datetime, time
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st
from motorhjelp import elev, kjor

from fravarsregler import Regelsett, Skolerute
from fravarsregler._motor import _klokke, _nedre_grense

_ANDELER = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6)


@given(teller=st.integers(0, 400), nevner=st.integers(1, 400), laveste=_ANDELER)
@example(teller=1, nevner=10, laveste=0.1)
@example(teller=6, nevner=100, laveste=0.06)
@example(teller=0, nevner=1, laveste=0.0)
def test_nedre_grense_brok(teller: int, nevner: int, laveste: float) -> None:
    # shares as the engine makes them: a count over school days held (or hours over year hours)
    andel = teller / nevner
    if andel <= _nedre_grense(laveste):
        assert round(andel, 9) < laveste


@given(andel=_ANDELER, laveste=_ANDELER)
def test_nedre_grense_flyttall(andel: float, laveste: float) -> None:
    if andel <= _nedre_grense(laveste):
        assert round(andel, 9) < laveste


def test_nedre_grense_uendelig() -> None:
    # no threshold (inf): only an infinite share is checked; -inf: every share is checked
    assert _nedre_grense(math.inf) == sys.float_info.max
    assert _nedre_grense(-math.inf) == -math.inf
    assert _nedre_grense(math.nan) == -math.inf
    # the margin is far wider than the rounding, far narrower than a share's step
    assert 0.1 - 2e-8 < _nedre_grense(0.1) < 0.1 - 1e-8


def test_sortering_med_nulltegn(regelsett: Regelsett, skolerute: Skolerute) -> None:
    # The engine sorts actions by one text per action, its fields joined with NULs; a field that
    # holds a NUL (possible only for rows built in Python) would upset that order, and the engine
    # then sorts by Tiltak.sorteringsnokkel instead. Joined, "E1\0A\0A skole" would come first.
    elever = [
        elev("E1", "vg1", D(2010, 2, 1), skole="Z skole"),
        elev("E1\x00A", "vg1", D(2010, 2, 1), skole="A skole"),
    ]
    res = kjor(regelsett, skolerute, D(2026, 9, 1), elever, [])
    assert list(res.tiltak) == sorted(res.tiltak, key=lambda t: t.sorteringsnokkel())
    assert [t.elev_id for t in res.tiltak if t.regel == "elevsamtale"] == ["E1", "E1\x00A"]
    # a NUL in a school's name, the same: "S\0!" would come before "S" in the rows per school
    elever = [elev("E1", "3", D(2018, 2, 1), skole="S\x00!"), elev("E2", "3", D(2018, 2, 1), skole="S")]
    res = kjor(regelsett, skolerute, D(2026, 8, 31), elever, [])
    assert list(res.tiltak) == sorted(res.tiltak, key=lambda t: t.sorteringsnokkel())
    assert [t.skole for t in res.tiltak if t.regel == "rapport-til-rektor"][:2] == ["S", "S\x00!"]


def test_klokke_som_strftime() -> None:
    # _klokke reads two digits from a table instead of formatting them
    for t in (time(h, m, s, us) for h in range(24) for m in range(60) for s, us in ((0, 0), (59, 999_999))):
        assert _klokke(t) == f"{t:%H:%M}"
        dt = datetime.combine(D(2026, 9, 1), t, ZoneInfo("Europe/Oslo"))
        assert _klokke(dt) == f"{dt:%H:%M}"
