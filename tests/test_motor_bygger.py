"""The engine's faster constructors for its result objects make the same objects as attrs' __init__."""

from __future__ import annotations

import pickle
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from fravarsregler._motor import Grunnlag, Oversiktslinje, Tiltak, _bygger, _ny_linje, _nytt_tiltak


def _tiltaksverdier() -> tuple[object, ...]:
    return (
        "regel",
        "rutine",
        "2024.1",
        "E1",
        "5",
        "hva",
        "tiltak",
        "innhold",
        ("kontaktlaerer",),
        datetime(2026, 9, 1, 15, 0, tzinfo=ZoneInfo("Europe/Oslo")),
        date(2026, 9, 1),
        "begrunnelse",
        ("foresatte",),
        ("sjekkliste",),
        ("h-1",),
        Grunnlag(1.0, 10.0, 0.1, 0.1, "skoledager"),
        "holdt_tilbake",
        "Skole",
        "5A",
        "matte",
        "brev",
        "kilde",
        "terskel",
    )


def test_nytt_tiltak_er_et_vanlig_tiltak() -> None:
    verdier = _tiltaksverdier()
    laget, vanlig = _nytt_tiltak(*verdier), Tiltak(*verdier)
    assert type(laget) is Tiltak
    assert laget == vanlig
    assert hash(laget) == hash(vanlig)
    assert repr(laget) == repr(vanlig)
    assert attrs.astuple(laget, recurse=False) == verdier
    assert pickle.loads(pickle.dumps(laget)) == vanlig
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        laget.regel = "annen"  # type: ignore[misc]


def test_ny_linje_er_en_vanlig_oversiktslinje() -> None:
    verdier = ("E1", "vg1", "fagtimer", 3.0, 140.0, 3.0 / 140.0, "matte")
    laget = _ny_linje(*verdier)
    assert type(laget) is Oversiktslinje
    assert laget == Oversiktslinje(*verdier)
    assert attrs.astuple(laget, recurse=False) == verdier


def test_bygger_avviser_klasser_med_mer_i_init() -> None:
    @attrs.frozen
    class MedValidator:
        x: int = attrs.field(validator=attrs.validators.instance_of(int))

    with pytest.raises(TypeError):
        _bygger(MedValidator)


def _med_hash() -> type:
    @attrs.frozen(cache_hash=True)
    class MedHash:
        x: int

    return MedHash


def _med_pre_init() -> type:
    @attrs.frozen
    class MedPre:
        x: int

        def __attrs_pre_init__(self) -> None:
            pass

    return MedPre


def _bare_navn() -> type:
    @attrs.frozen(kw_only=True)
    class BareNavn:
        x: int

    return BareNavn


@pytest.mark.parametrize("lag", [_med_hash, _med_pre_init, _bare_navn], ids=["cache_hash", "pre_init", "kw_only"])
def test_bygger_avviser_mer_enn_lagring(lag: Any) -> None:
    # an __init__ that does more than store the fields would be skipped: refused
    with pytest.raises(TypeError):
        _bygger(lag())
