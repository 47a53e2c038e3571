"""Shortcuts in the engine's hot loops decide exactly as the plain computation they replace."""

from __future__ import annotations

import math
import sys

from hypothesis import example, given
from hypothesis import strategies as st

from fravarsregler._motor import _nedre_grense

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
