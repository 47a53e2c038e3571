"""Reading pupils, subjects and absence events from CSV or JSON Lines exports.

Real school systems export CSV with ``;`` or ``,`` separators, decimal commas, a UTF-8
byte-order mark or Latin-1/Windows-1252 text. All of that is handled on purpose here. A bad row
is never dropped silently: it becomes an :class:`Avvist` with file, line and a Norwegian reason,
and ``lest == brukt + avvist`` always holds.

Personal data: messages name the pupil id at most, never names or birth dates.
"""

from __future__ import annotations

import csv
import difflib
import functools
import hashlib
import io
import json
import math
import operator
import os
import re
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final, Generic, Literal, Protocol, TypeAlias, TypeVar, cast

import attrs

from ._errors import ArgumentFeil, InndataFeil
from ._meldinger import os_grunn, synlig, vis_filnavn, vis_tegn
from ._paths import dokumentasjon

if TYPE_CHECKING:
    from ._kodekart import Kodekart, Kodeoversettelse

__all__ = [
    "Avvist",
    "Elev",
    "Fag",
    "Hendelse",
    "Innlesing",
    "Kilde",
    "les_tekst",
    "read_elever",
    "read_fag",
    "read_hendelser",
]

T = TypeVar("T")

TRINN = ("bhg", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "vg1", "vg2", "vg3")
TYPER = ("fravaer", "vegring")
KODER = ("F", "S", "UF")
ARSAKER = ("sykdom", "permisjon", "sykehus", "annet")
DOKUMENTASJON = ("ingen", "helse_egenmeldt", "helse_dokumentert", "annen_gyldig")
_MAKS_DAGER = 100.0
_MAKS_TIMER = 24.0


@attrs.frozen
class Kilde:
    """Where an input row came from (file and 1-based line)."""

    fil: str
    linje: int

    def __str__(self) -> str:
        return f"{self.fil}:{self.linje}"


_TYPESETT, _KODESETT = frozenset(TYPER), frozenset(KODER)
_ARSAKSETT, _DOKSETT = frozenset(ARSAKER), frozenset(DOKUMENTASJON)

#: How a row a caller built in Python (no file, no line) is named as its file in messages.
INNDATA = "<inndata>"


def _verdifeil(kilde: Kilde | None, hva: str, melding: str) -> InndataFeil:
    """The error for a row object built with a value the engine cannot use (a row from a file is
    checked, with the file's own wording, before it is built)."""
    return InndataFeil(
        f"{hva}: {melding}", fil=kilde.fil if kilde is not None else INNDATA, linje=kilde.linje if kilde else None
    )


def _er_dato(x: object) -> bool:
    # a datetime is a date too, but compares with neither dates nor the calendar's days
    return isinstance(x, date) and not isinstance(x, datetime)


def _er_bool(x: object) -> bool:
    return isinstance(x, bool)


def _er_klokke(x: object) -> bool:
    return isinstance(x, time)


def _er_tall(x: object) -> bool:
    return _som_tall(x) is not None


def _som_tall(x: object) -> float | None:
    """``x`` as a finite float (int, float, Decimal, a NumPy number), or None. A bool or a text
    is not a number here, though ``float()`` takes them."""
    if isinstance(x, bool | str | bytes) or "bool" in type(x).__name__:  # (also NumPy's bool_)
        return None
    try:
        f = float(x)  # type: ignore[arg-type]  # anything with __float__; checked at run time
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _mangler(verdi: object) -> bool:
    """A missing value as a caller's data may hold one: None, an empty text, NaN, or pandas'
    NA and NaT (whose ``==`` gives NA, which has no truth value: never compared here)."""
    if verdi is None:
        return True
    if isinstance(verdi, str):
        return verdi == ""
    if isinstance(verdi, float):
        return math.isnan(verdi)
    return type(verdi).__name__ in ("NAType", "NaTType")


def _normaliser(obj: object, **felt: object) -> None:
    """Set fields of a frozen row object in ``__attrs_post_init__``."""
    for navn, verdi in felt.items():
        object.__setattr__(obj, navn, verdi)


def _tekst_id(x: object) -> bool:
    return isinstance(x, str) and bool(x.strip())


# --- What a message may show of a value (pupil data is personal data) -----------------------
# A rejected value is quoted only when it has the shape of what the column should hold: a value
# of another shape may be a name, a birth date or a free-text note on health that slipped into
# the column, and messages go to logs. The row's file and line are always named instead.
_KOLONNESKLI = "sjekk at kolonnene står riktig"
_SKJULT = "verdien vises ikke, fordi den ikke ligner {hva}: " + _KOLONNESKLI
# (one decimal separator at most: "15.03.2015" is a date, and 11 digits a national identity number;
# at most four digits before the decimal sign: no amount is larger, and "150315" is a birth date)
_TALLFORM = re.compile(r"[-+]?[0-9]{0,4}([.,][0-9]{0,8})?[.,]?")
_KLOKKEFORM = re.compile(r"[0-9:. ]{1,8}")
_ISO_FORM = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_NORSK_DATO = re.compile(r"[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4}")
_KORT_KODE = re.compile(r"[A-Za-z0-9§!]{1,3}")
# an id quoted in a message: no spaces, no date, no 11-digit run (a national identity number)
_IDFORM = re.compile(r"[A-Za-z0-9_.:/#@+-]{1,64}")
_ELLEVE_SIFFER = re.compile(r"[0-9]{11}")
_DELT_FODSELSNUMMER = re.compile(r"(?<![0-9])[0-9]{6}[-. ][0-9]{5}(?![0-9])")  # 150315-12345, as written


def vis_id(elev_id: str) -> str | None:
    """An id (a pupil's, an event's, a code) as it may be quoted in a message, or None when it
    looks like personal data."""
    if (
        _IDFORM.fullmatch(elev_id) is None
        or _ELLEVE_SIFFER.search(elev_id) is not None
        or _DELT_FODSELSNUMMER.search(elev_id) is not None
        or _DATOFORM.search(elev_id) is not None
    ):
        return None
    return elev_id


_FODSELSNUMMER = (
    "«elev_id» er et fødselsnummer (verdien vises ikke); bruk elevens id fra skolesystemet, ikke "
    "fødselsnummeret, som er en personopplysning"
)


def er_fodselsnummer(tekst: str) -> bool:
    """Whether ``tekst`` is a Norwegian national identity number (or D-number): 11 digits whose
    two check digits are right, also written with a separator after the birth date
    (``150765-00565``). A pupil id must never be one: it holds the birth date."""
    if len(tekst) == 12 and tekst[6] in "-. ":
        tekst = tekst[:6] + tekst[7:]
    if len(tekst) != 11 or not tekst.isascii() or not tekst.isdigit():
        return False
    s = [int(c) for c in tekst]
    # the first six digits are a birth date: the day +40 in a D-number, the month +40 in an
    # H-number and +80 in the synthetic numbers of the test register
    dag, maaned = int(tekst[:2]), int(tekst[2:4])
    dag -= 40 if dag > 40 else 0
    maaned -= 80 if maaned > 80 else 40 if maaned > 40 else 0
    if not (1 <= dag <= 31 and 1 <= maaned <= 12):
        return False
    k1 = 11 - sum(v * x for v, x in zip((3, 7, 6, 1, 8, 9, 4, 5, 2), s[:9], strict=True)) % 11
    k2 = 11 - sum(v * x for v, x in zip((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), s[:10], strict=True)) % 11
    return (k1 % 11) == s[9] and (k2 % 11) == s[10] and k1 != 10 and k2 != 10


def _vis_valg(tekst: str, lovlige: tuple[str, ...], *, kode: bool = False) -> str:
    """`` «x»`` (with "mente du …?" for a near miss) when a rejected choice may be shown, else "".

    A code is shown when it is short; a cause or a documentation type only as a near miss of an
    allowed value (a note such as "innlagt BUP" is health data)."""
    t = tekst.strip()
    if kode:
        # codes are too short for near misses ("SY" is not "S"); only the case can be off
        if _KORT_KODE.fullmatch(t) is None:
            return ""
        lik = [v for v in lovlige if v.casefold() == t.casefold() and v != t]
        return f" «{t}» (mente du «{lik[0]}»?)" if lik else f" «{t}»"
    naer = difflib.get_close_matches(t.lower(), [v.lower() for v in lovlige], n=1, cutoff=0.75)
    if naer:
        mente = next(v for v in lovlige if v.lower() == naer[0])
        return f" «{t}» (mente du «{mente}»?)" if mente != t else f" «{t}»"
    return ""


def _vis_tekst_tall(tekst: str) -> str:
    """``, ikke -0,75`` for a number out of range, unless it is too long to be an amount (11 digits
    are a national identity number)."""
    return f", ikke {tekst}" if _TALLFORM.fullmatch(tekst) else " (verdien vises ikke)"


def _vis_tall(verdi: object) -> str:
    """A rejected amount from Python: a number is shown, anything else only by its type (a dict
    or a pandas row in the wrong field holds a whole row of personal data)."""
    if isinstance(verdi, (int, float)) and not isinstance(verdi, bool):
        return f", ikke {verdi!r}"
    if isinstance(verdi, str) and _TALLFORM.fullmatch(verdi):
        return f", ikke {verdi!r}"
    return f", ikke {type(verdi).__name__}"


def _ikke(verdi: object, vist: str) -> str:
    """The end of "X må være …" for a rejected choice from Python: the value if it may be shown,
    else that it is not (a text) or its type (anything else)."""
    if vist:
        return f", ikke{vist}"
    if isinstance(verdi, str):
        return " (verdien vises ikke, fordi den ikke ligner en av dem)"
    return f", ikke {type(verdi).__name__}"


def _vis_dato(tekst: str) -> str:
    t = tekst.strip()
    if _ISO_FORM.fullmatch(t):
        return f": «{t}»"
    if _NORSK_DATO.fullmatch(t):
        return "; verdien vises ikke, men den ser ut som DD.MM.ÅÅÅÅ: skriv datoen som ÅÅÅÅ-MM-DD"
    return "; " + _SKJULT.format(hva="en dato")


@attrs.frozen
class Avvist:
    """A rejected input row: file, line and the Norwegian reason.

    ``elev_id`` is the row's pupil id when it could be read, so that an integration can route the
    rejection to the pupil's school, and the engine can say that a pupil's events are rejected
    because the pupil's own row was. The output (``as_dict``) shows it only when it looks like an
    id (:func:`vis_id`: not a name, a date or a national identity number), else ``null``.
    """

    fil: str
    linje: int | None
    melding: str
    elev_id: str | None = attrs.field(default=None, eq=False, repr=False)
    #: False when the message hides the row's values because its columns may have slipped: then
    #: ``elev_id`` may hold a name, and the output shows it only when it has a digit (names do not)
    id_vises: bool = attrs.field(default=True, eq=False, repr=False)

    def as_dict(self) -> dict[str, object]:
        vist = vis_id(self.elev_id) if isinstance(self.elev_id, str) else None
        if vist is not None and not self.id_vises and not any(c.isdigit() for c in vist):
            vist = None
        return {"fil": self.fil, "linje": self.linje, "melding": self.melding, "elev_id": vist}


@attrs.frozen
class Elev:
    """A pupil (or kindergarten child): id, trinn, date of birth and optional school data."""

    elev_id: str
    trinn: str
    fodselsdato: date = attrs.field(repr=False)
    klasse: str | None = None
    skole: str | None = None
    samtykke_foresatte: bool = False
    kilde: Kilde | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        # None, an empty text, NaN and pandas' NA are missing values, as for events
        for navn in ("klasse", "skole"):
            verdi = getattr(self, navn)
            if verdi is not None and _mangler(verdi):
                _normaliser(self, **{navn: None})
        vist = vis_id(self.elev_id) if isinstance(self.elev_id, str) else None
        hva = f"elev «{vist}»" if vist else "elev"
        feil = None
        if not _tekst_id(self.elev_id):
            feil = "«elev_id» må være en tekst som ikke er tom"
        elif er_fodselsnummer(self.elev_id.strip()):
            feil = _FODSELSNUMMER
        elif not all(x is None or isinstance(x, str) for x in (self.klasse, self.skole)):
            feil = "«klasse» og «skole» må være tekster eller None"
        elif self.trinn not in TRINN:
            vist = f" «{self.trinn}»" if isinstance(self.trinn, str) and _TRINNFORM.fullmatch(self.trinn) else ""
            feil = f"ukjent trinn{vist} (tillatt: {', '.join(TRINN)})"
        elif not _er_dato(self.fodselsdato):
            # (the value is personal data: not shown)
            feil = f"«fodselsdato» må være en dato (datetime.date), ikke {type(self.fodselsdato).__name__}"
        elif not _er_bool(self.samtykke_foresatte):
            feil = "«samtykke_foresatte» må være True eller False"
        if feil is not None:
            raise _verdifeil(self.kilde, hva, feil)

    def alder(self, paa: date) -> int:
        """Age in whole years on ``paa``."""
        f = self.fodselsdato
        return paa.year - f.year - ((paa.month, paa.day) < (f.month, f.day))


@attrs.frozen
class Fag:
    """A vgs subject a pupil takes, with its planned clock hours for the school year."""

    elev_id: str
    fag: str
    arstimer: float
    kilde: Kilde | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if not _tekst_id(self.elev_id) or not _tekst_id(self.fag):
            raise _verdifeil(self.kilde, "fag", "«elev_id» og «fag» må være tekster som ikke er tomme")
        timer = _som_tall(self.arstimer)
        if timer is not None and type(self.arstimer) is not float:
            _normaliser(self, arstimer=timer)  # (a Decimal or NumPy number: the engine does float arithmetic)
        if timer is None or timer <= 0:
            raise _verdifeil(
                self.kilde,
                f"fag «{self.fag}» (elev «{vis_id(self.elev_id) or '…'}»)",
                f"«arstimer» må være et tall større enn 0{_vis_tall(self.arstimer)}",
            )


@attrs.frozen
class Hendelse:
    """One absence event: a registered absence (``fravaer``) or a refusal (``vegring``)."""

    elev_id: str
    dato: date
    type: str
    kode: str | None = None
    dager: float | None = None
    timer: float | None = None
    fra: time | None = None
    til: time | None = None
    fag: str | None = None
    # (the cause and the documentation type are health data: not in the repr)
    arsak: str = attrs.field(default="annet", repr=False)
    dokumentasjon: str = attrs.field(default="ingen", repr=False)
    hendelse_id: str | None = None
    kilde: Kilde | None = attrs.field(default=None, eq=False)
    # The id, computed once (the engine reads it many times per event); not part of eq/hash/repr,
    # since it follows from the fields above.
    _id: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self._vanlig():
            self._normaliser_og_sjekk()
        hid = self.hendelse_id or "h-" + hashlib.sha1(self._idnokkel().encode()).hexdigest()[:12]
        object.__setattr__(self, "_id", hid)

    def _vanlig(self) -> bool:
        """True for the common event, as the file reader makes it: every field of its type and
        valid, nothing to normalise. (A quick test of the same rules as :meth:`_feil`; anything it
        does not take goes the full way.)"""
        d, t, fra, til, kode, hid, fag = (
            self.dager,
            self.timer,
            self.fra,
            self.til,
            self.kode,
            self.hendelse_id,
            self.fag,
        )
        return (
            type(self.elev_id) is str
            and not self.elev_id.isspace()
            and self.elev_id != ""
            and type(self.dato) is date
            and type(self.type) is str
            and self.type in _TYPESETT
            and type(self.arsak) is str
            and self.arsak in _ARSAKSETT
            and type(self.dokumentasjon) is str
            and self.dokumentasjon in _DOKSETT
            and (kode in _KODESETT if type(kode) is str else kode is None and self.type != "fravaer")
            and (d is None or (type(d) is float and 0 < d <= _MAKS_DAGER))
            and (t is None or (type(t) is float and 0 < t <= _MAKS_TIMER))
            and (fra is None or (type(fra) is time and fra.tzinfo is None))
            and (til is None or (type(til) is time and til.tzinfo is None))
            and (fra is None or til is None or til > fra)
            and ((fra is None) == (til is None) or t is not None or d is not None)
            and (self.type != "fravaer" or d is not None or t is not None or fra is not None)
            and (hid is None or (type(hid) is str and hid != "" and not hid.isspace()))
            and (fag is None or (type(fag) is str and fag != ""))
        )

    def _normaliser_og_sjekk(self) -> None:
        """Turn missing values into None or defaults and numbers into floats, then raise
        :class:`InndataFeil` for anything the engine cannot use."""
        # an empty text is a missing value, as an empty cell is in a file (and a cause or a
        # documentation type left empty takes its default, as a missing column does)
        for navn in ("kode", "hendelse_id", "fag", "fra", "til", "dager", "timer"):
            if getattr(self, navn) is not None and _mangler(getattr(self, navn)):
                _normaliser(self, **{navn: None})
        if _mangler(self.arsak):
            _normaliser(self, arsak="annet")
        if _mangler(self.dokumentasjon):
            _normaliser(self, dokumentasjon="ingen")
        for navn in ("dager", "timer"):
            verdi = getattr(self, navn)
            if verdi is not None and type(verdi) is not float and (tall := _som_tall(verdi)) is not None:
                _normaliser(self, **{navn: tall})
        if (feil := self._feil()) is not None:
            hid = self.hendelse_id
            hva = f"hendelse «{hid}»" if isinstance(hid, str) and _tekst_id(hid) and vis_id(hid) else "hendelse"
            vist = vis_id(self.elev_id) if isinstance(self.elev_id, str) else None
            if vist:
                hva += f" (elev «{vist}»)"
            raise _verdifeil(self.kilde, hva, feil)

    def _feil(self) -> str | None:
        """What makes the event unusable, or None: the checks the file reader makes on a row,
        for an event built in Python."""
        if not _tekst_id(self.elev_id):
            return "«elev_id» må være en tekst som ikke er tom"
        if self.hendelse_id is not None and not _tekst_id(self.hendelse_id):
            return "«hendelse_id» må være None eller en tekst som ikke er tom"
        if not _er_dato(self.dato):
            return f"«dato» må være en dato (datetime.date), ikke {type(self.dato).__name__}"
        for navn, verdi, lovlige in (
            ("type", self.type, TYPER),
            ("arsak", self.arsak, ARSAKER),
            ("dokumentasjon", self.dokumentasjon, DOKUMENTASJON),
        ):
            if verdi not in lovlige:
                vist = _vis_valg(verdi, lovlige) if isinstance(verdi, str) else ""
                return f"«{navn}» må være {' eller '.join(lovlige)}{_ikke(verdi, vist)}"
        if self.kode is None and self.type == "fravaer":
            return "fravær må ha «kode» (F, S eller UF)"
        if self.kode is not None and self.kode not in KODER:
            vist = _vis_valg(self.kode, KODER, kode=True) if isinstance(self.kode, str) else ""
            return f"«kode» må være F, S eller UF{_ikke(self.kode, vist)}"
        for navn, tall, maks in (("dager", self.dager, _MAKS_DAGER), ("timer", self.timer, _MAKS_TIMER)):
            if tall is not None and not (_er_tall(tall) and 0 < tall <= maks):
                return f"«{navn}» må være et tall større enn 0 og høyst {maks:g}{_vis_tall(tall)}"
        for navn, klokke in (("fra", self.fra), ("til", self.til)):
            if klokke is not None and not _er_klokke(klokke):
                return f"«{navn}» må være et klokkeslett (datetime.time), ikke {type(klokke).__name__}"
            if klokke is not None and klokke.tzinfo is not None:
                # a clock time with a zone cannot be turned into Oslo time without its date
                # (summer or winter time): the caller converts it, with the event's date
                return (
                    f"«{navn}» må være et klokkeslett i Oslo-tid uten tidssone; gjør det om med hendelsens "
                    f"dato først ({_TIL_OSLO})"
                )
        if self.fra is not None and self.til is not None and self.til <= self.fra:
            return "«til» må være etter «fra»"
        if (self.fra is None) != (self.til is None) and self.timer is None and self.dager is None:
            return "oppgi både «fra» og «til», eller «timer»"
        if self.type == "fravaer" and self.dager is None and self.timer is None and self.fra is None:
            return "fravær må ha «dager», «timer» eller «fra» og «til»"
        return None

    @property
    def id(self) -> str:
        """The event id; a content hash when the export has none (stable in any row order)."""
        return self._id

    def _idnokkel(self) -> str:
        """What a content id is made from: the content without the cause and the documentation
        type. Those are health data, and with so few values each, a hash over them could be undone
        by trying them all. Rows that differ only there share the id; the engine numbers them
        ``h-…-1``, ``h-…-2`` in its output."""
        return self.innholdsnokkel().rsplit("|", 2)[0]

    def innholdsnokkel(self) -> str:
        """The event's content as one text; its hash is the id of an event without ``hendelse_id``."""
        deler = (
            self.elev_id,
            self.dato.isoformat(),
            self.type,
            self.kode or "",
            _fmt(self.dager),
            _fmt(self.timer),
            self.fra.isoformat() if self.fra else "",
            self.til.isoformat() if self.til else "",
            self.fag or "",
            self.arsak,
            self.dokumentasjon,
        )
        return "|".join(deler)

    @property
    def lengde_timer(self) -> float | None:
        """Clock hours: ``timer`` if given, else the length of ``fra``-``til``."""
        if self.timer is not None:
            return self.timer
        if self.fra and self.til:
            return (_minutter(self.til) - _minutter(self.fra)) / 60
        return None


def _fmt(x: float | None) -> str:
    return "" if x is None else repr(float(x))


def _minutter(t: time) -> int:
    return t.hour * 60 + t.minute


@attrs.frozen(repr=False)
class Innlesing(Generic[T]):
    """The rows read from one file: those usable, those rejected, and the count read."""

    fil: str
    rader: tuple[T, ...]
    avvist: tuple[Avvist, ...]
    lest: int
    #: the code map the rows' ``kode`` was translated through (events read with one), else None
    kodekart: Kodekart | None = None

    def __repr__(self) -> str:
        # a summary: the rows themselves are personal data, and many
        return f"<Innlesing {self.fil}: {len(self.rader)} rader, {len(self.avvist)} avvist, lest {self.lest}>"


# --------------------------------------------------------------------------- raw reading


def les_tekst(data: bytes) -> str:
    """Decode an export: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
    else Windows-1252, else Latin-1. DOS end-of-file marks (Ctrl-Z) at the end are dropped.

    A file that is UTF-8 in part (it has a BOM, or letters such as æøå written as UTF-8) but also
    bytes that are not UTF-8 mixes two encodings, as when a Windows program appends rows to an
    Excel "CSV UTF-8" file. It is read as UTF-8 with each bad byte kept as a lone surrogate
    (``surrogateescape``): the rows that hold one in a value are rejected, naming the byte (see
    :func:`_ugyldige_tegn`), and no other row is garbled by reading the whole file as Windows-1252.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Ctrl-Z bytes after UTF-16 text: dropped, but one is kept back when the text then has an
        # odd number of bytes (it was the last character's own byte: "Ě" is 01 1A in UTF-16 BE)
        uten = data.rstrip(b"\x1a")
        if len(uten) % 2:
            uten += b"\x1a"
        for utgave in (uten, data):
            try:
                return utgave.decode("utf-16").lstrip("\ufeff").rstrip("\x1a")
            except UnicodeDecodeError:
                pass
    # the end-of-file mark (Ctrl-Z) that old DOS and Windows export tools write last, once or as
    # padding to a block: not a row
    data = data.rstrip(b"\x1a")
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        # (a second BOM right after the first, which some tools write, is no part of a column name)
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        pass
    # UTF-8 beside bytes that are not: the file mixes the two, however little of it is UTF-8
    # (reading it as Windows-1252 would garble that part silently: "Ã¸", "â€“"). The evidence is
    # the UTF-8 bytes of common letters and punctuation anywhere, or a whole line that is UTF-8
    # beyond ASCII; not any valid pair, since a Windows-1252 line may hold one by chance ("PÅ»"
    # holds "Å»").
    if bom or _UTF8_SPOR.search(data) is not None or _har_utf8_linje(data):
        return data.decode("utf-8", "surrogateescape").lstrip("\ufeff")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


#: UTF-8 for æøå, é, ü and the like (C3 xx), a no-break space, «», ° or § (C2 A0–BF), and dashes,
#: typographic quotes and … (E2 80 xx): in Windows-1252 these would read "Ã", "Â" or "â€" followed
#: by a symbol, which no Norwegian text holds. Found anywhere, also in a line that has a
#: Windows-1252 byte too (a UTF-8 file edited in a program that took it for Windows-1252).
_UTF8_SPOR = re.compile(rb"\xc3[\x80-\xbf]|\xc2[\xa0-\xbf]|\xe2\x80[\x80-\xbf]")


def _har_utf8_linje(data: bytes) -> bool:
    """Whether a line of ``data`` (which is not UTF-8 as a whole) is UTF-8 with bytes beyond ASCII."""
    for linje in data.splitlines():
        if linje.isascii():
            continue
        try:
            linje.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


#: A byte ``surrogateescape`` kept because it was not UTF-8.
_IKKE_UTF8 = re.compile("[\udc80-\udcff]")


def _separator(forste_linje: str) -> str:
    """Guess the CSV separator from the header line (quotes respected)."""
    tellinger = dict.fromkeys(";,\t", 0)
    i_sitat = False
    for tegn in forste_linje:
        if tegn == '"':
            i_sitat = not i_sitat
        elif not i_sitat and tegn in tellinger:
            tellinger[tegn] += 1
    beste = max(tellinger, key=lambda k: (tellinger[k], k == ";"))
    return beste if tellinger[beste] else ","


class Lesbar(Protocol):
    """A file already open: binary (``sys.stdin.buffer``, ``gzip.open(...)``, an upload) or
    text (``io.StringIO``, ``sys.stdin``); it is read to its end."""

    def read(self) -> bytes | str: ...


#: What the readers read: a path, or a file already open (:class:`Lesbar`).
Kildefil: TypeAlias = "str | os.PathLike[str] | Lesbar | IO[bytes]"

#: How standard input is named in messages.
STANDARD_INN = "(standard inn)"
#: How another stream without a file name (``io.BytesIO``, an upload) is named in messages.
STROM = "(datastrøm)"


def _innhold(kilde: Kildefil) -> tuple[str, str, bool]:
    """(decoded text, name for messages, read as JSON Lines) of a path or an open binary file."""
    if not isinstance(kilde, str | os.PathLike):
        navn = getattr(kilde, "name", None)
        if isinstance(navn, str) and navn and not navn.startswith("<"):
            visning = _uten_kontrolltegn(navn)  # (an upload's name is the client's)
        else:  # (sys.stdin.buffer is named "<stdin>"; a BytesIO has no name)
            visning = STANDARD_INN if navn == "<stdin>" else STROM
        try:
            data: bytes | str = kilde.read()
        except OSError as e:
            # (no errno: the stream's own format, e.g. a damaged gzip file)
            grunn = os_grunn(e) if e.errno is not None else "innholdet er skadet eller i et ukjent format"
            raise InndataFeil(f"Kan ikke lese ({grunn}).", fil=visning) from None
        except InndataFeil:  # (a ValueError too) the stream's own, e.g. a closed standard input
            raise
        except UnicodeDecodeError as e:  # a text stream opened with the wrong encoding
            raise InndataFeil(
                f'Teksten kan ikke leses som {e.encoding}. Åpne filen i binærmodus (open(fil, "rb")), så '
                "finner leseren tegnkodingen selv (UTF-8, Windows-1252 eller UTF-16).",
                fil=visning,
            ) from None
        except ValueError:  # "I/O operation on closed file"
            raise InndataFeil("Filen er lukket før den ble lest; send inn en åpen fil.", fil=visning) from None
        if isinstance(data, str):  # a text stream: already decoded
            return data.removeprefix("\ufeff"), visning, _jsonl_navn(visning)
        _sjekk_tekstfil(data, visning)
        return les_tekst(data), visning, _jsonl_navn(visning)
    visning = os.fspath(kilde)
    if _UGYLDIG_TEGN.search(visning) is not None:
        # a file name that is not UTF-8 (Latin-1 bytes from a Windows share): shown as "B\xf8.csv",
        # so messages and the JSON output stay valid UTF-8; control characters as ⟨U+000A⟩
        visning = _uten_kontrolltegn(vis_filnavn(visning))
    try:
        data = Path(kilde).read_bytes()
    except FileNotFoundError:
        raise InndataFeil("Finner ikke filen. Sjekk navnet og mappen.", fil=visning) from None
    except IsADirectoryError:
        raise InndataFeil("Dette er en mappe, ikke en fil. Oppgi filen i mappen.", fil=visning) from None
    except PermissionError:
        raise InndataFeil("Du har ikke tilgang til å lese filen. Sjekk tilgangen til den.", fil=visning) from None
    except OSError as e:
        raise InndataFeil(f"Kan ikke lese filen ({os_grunn(e)}).", fil=visning) from None
    except ValueError:  # "embedded null byte": no file can have that name
        raise InndataFeil(
            "Filnavnet har et nulltegn, som ikke kan stå i et filnavn. Rett navnet.", fil=visning
        ) from None
    _sjekk_tekstfil(data, visning)
    return les_tekst(data), visning, _jsonl_navn(visning)


_LAGRE_SOM_CSV = (
    "Lagre den som CSV i Excel (Fil → Lagre som → «CSV UTF-8» eller «CSV (semikolondelt)») og bruk den filen."
)


def _sjekk_tekstfil(data: bytes, visning: str) -> None:
    """Stop at once, with what to do, when the input is a spreadsheet or another binary file."""
    if data.startswith(b"PK\x03\x04"):
        raise InndataFeil(
            f"Dette er en Excel-fil (.xlsx) eller en annen zip-fil, ikke tekst. {_LAGRE_SOM_CSV}", fil=visning
        )
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InndataFeil(f"Dette er en eldre Excel-fil (.xls), ikke tekst. {_LAGRE_SOM_CSV}", fil=visning)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InndataFeil(
            "Filen ser ut til å være binær, ikke tekst. Eksporter dataene som CSV eller JSON Lines "
            f"(se {dokumentasjon('utveksling.md')}).",
            fil=visning,
        )


def _jsonl_navn(navn: str) -> bool:
    return Path(navn).suffix.lower() in (".jsonl", ".ndjson", ".json")


def _er_jsonl(tekst: str, etter_navn: bool) -> bool:
    """JSON Lines by the file name, or when the text starts like JSON: ``{`` (an object), or
    ``[`` followed by ``{``, ``[`` or ``]`` (a JSON list, which :func:`_jsonl` explains)."""
    return etter_navn or _JSON_START.match(tekst) is not None


_FORSTE_TEGN = re.compile(r"\s*(\S)")
_JSON_START = re.compile(r"\s*(\{|\[\s*(?:[{\[\]]|\Z))")

#: Line ends: ``\r\n``, ``\n`` and a lone ``\r`` (old Mac, some Excel versions).
_LINJESKIFT = re.compile(r"\r\n|\r|\n")

# A character that must not stand in a value: C0 and C1 controls and DEL (a line break, a NUL),
# the Unicode line and paragraph separators (they break the text report's layout), and a lone
# surrogate (from a JSON escape such as "\ud800"; it cannot be written as UTF-8).
_UGYLDIG_TEGN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _tegnkode(tegn: str) -> str:
    return f"U+{ord(tegn):04X}"


def _uten_kontrolltegn(tekst: str) -> str:
    """``tekst`` with control characters and lone surrogates as ``⟨U+000A⟩`` (a file name or a
    source's name as messages and the JSON show it)."""
    return _UGYLDIG_TEGN.sub(lambda m: vis_tegn(m.group()), tekst)


def _vis(tekst: str) -> str:
    """``tekst`` fit for a message: control characters and lone surrogates as ``⟨U+000A⟩``, as
    the validator shows them inside a quoted name."""
    return synlig(_uten_kontrolltegn(tekst))


def _forste_linje(tekst: str) -> str:
    return _LINJESKIFT.split(tekst, maxsplit=1)[0]


def _raa_rader(
    tekst: str, visning: str, jsonl: bool, pakrevd: tuple[str, ...], valgfrie: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str] | str]]:
    """Yield (line, row dict) or (line, error text) for each data row of a CSV/JSONL text."""
    if jsonl:
        yield from _jsonl(tekst, visning, pakrevd + valgfrie)
    else:
        yield from _csv(tekst, visning, pakrevd, valgfrie)


_JSON_LISTE = "formatet er JSON Lines: ett JSON-objekt ({…}) per linje, uten [ ] rundt og uten komma mellom linjene"


class _Objekt(list[tuple[str, object]]):
    """A JSON object as its (key, value) pairs in order, so duplicate keys can be found."""


class _IkkeTall(ValueError):
    pass


def _ikke_tall(navn: str) -> object:
    raise _IkkeTall(navn)


@functools.lru_cache(maxsize=256)
def _naer_nokkel(ukjente: tuple[str, ...], mangler: tuple[str, ...]) -> tuple[str, str] | None:
    """(unknown key, known key) when an unknown key is a near miss of a known one the row lacks."""
    for navn in mangler:
        nar = difflib.get_close_matches(navn, ukjente, n=1, cutoff=0.75)
        if nar:
            return nar[0], navn
    return None


def _liste_paa_en_linje(tekst: str) -> bool:
    """Whether a text that starts with ``[`` is JSON Lines whose first line is a list: that line is
    a whole JSON value and another line is an object. (Then it is rejected as one line, as it would
    be further down; a JSON array over the whole file stops the file.)"""
    linjer = (linje for linje in _LINJESKIFT.split(tekst) if linje.strip())
    try:
        json.loads(next(linjer))
    except (ValueError, StopIteration):
        return False
    return any(linje.lstrip().startswith("{") for linje in linjer)


def _jsonl(tekst: str, visning: str, kjente: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str] | str]]:
    if (forste := _FORSTE_TEGN.match(tekst)) is not None and forste.group(1) == "[" and not _liste_paa_en_linje(tekst):
        raise InndataFeil(
            f"Filen ser ut til å være en JSON-liste (den begynner med «[»), men {_JSON_LISTE} "
            f"(se {dokumentasjon('utveksling.md')}).",
            fil=visning,
            linje=len(_LINJESKIFT.findall(tekst, 0, forste.start(1))) + 1,
        )
    # Split on line ends only: str.splitlines() would also split on U+2028, U+0085 etc., which may
    # stand unescaped inside a JSON string. A raw "\r" or "\n" never can, so all three are safe.
    for nr, linje in enumerate(_LINJESKIFT.split(tekst), start=1):
        if not linje.strip():
            continue
        if linje.lstrip().startswith("["):
            yield nr, f"linjen er en JSON-liste, ikke et objekt; {_JSON_LISTE}"
            continue
        try:
            obj = json.loads(linje, object_pairs_hook=_Objekt, parse_constant=_ikke_tall)
        except _IkkeTall as e:
            yield nr, f"«{e}» er ikke et gyldig tall i JSON; utelat feltet, eller skriv null"
            continue
        except json.JSONDecodeError as e:
            yield nr, f"ugyldig JSON i tegn {e.colno}: sjekk anførselstegn, komma og krøllparenteser"
            continue
        except ValueError:  # an integer of more digits than int() takes
            yield nr, f"et tall har for mange sifre (høyst {sys.get_int_max_str_digits()})"
            continue
        except RecursionError:
            yield nr, "lister eller objekter står for dypt inni hverandre; hver linje skal være ett flatt JSON-objekt"
            continue
        if not isinstance(obj, _Objekt):
            yield nr, "hver linje må være et JSON-objekt"
            continue
        yield nr, _jsonl_rad(obj, kjente)


def _jsonl_rad(obj: _Objekt, kjente: tuple[str, ...]) -> dict[str, str] | str:
    """The row of one JSON object, or why it is rejected."""
    rad: dict[str, str] = {}
    sett: set[str] = set()
    ukjente: list[str] = []
    for k, v in obj:
        navn = k.strip().lower()  # as a CSV header: " Dato" is dato
        if navn in sett:
            return f"feltet «{_vis(navn)}» står to ganger i samme objekt"
        sett.add(navn)
        if navn not in kjente:
            ukjente.append(navn)  # ignored, unless a near miss of a known key (below)
            continue
        if v is None:
            continue
        if isinstance(v, bool):
            if navn != "samtykke_foresatte":  # the only yes/no column: true as an id is a mistake
                return f"«{navn}» er {'true' if v else 'false'}; her skal det stå tekst eller et tall"
            rad[navn] = "ja" if v else "nei"
        elif isinstance(v, str):
            if v.strip():
                rad[navn] = v.strip()  # as for CSV: trimmed, empty = missing
        elif isinstance(v, int | float):
            rad[navn] = str(v)
        else:  # never echoed: a nested object may hold a name or other personal data
            slags = "et objekt" if isinstance(v, _Objekt) else "en liste"
            return f"«{navn}» har {slags} som verdi; her skal det stå tekst, et tall, true/false eller null"
    if ukjente:
        nar = _naer_nokkel(tuple(ukjente), tuple(n for n in kjente if n not in sett))
        if nar is not None:
            return (
                f"feltet «{_vis(nar[0])}» er ukjent. Mente du «{nar[1]}»? Rett navnet (et felt med ukjent navn "
                "brukes ikke, og verdien ville gått tapt)"
            )
    return rad


#: How rows handed over as Python mappings (:func:`read_hendelser` on a list of dicts) are named
#: as their file in messages, unless the caller names them (``navn=``): ``(rader: hendelser)``.
RADER = "(rader: {})"

# The advice for a clock time with a zone: Oslo's clock time depends on the date (summer or
# winter time), so the caller converts it with the event's date
_TIL_OSLO = 'datetime.combine(dato, tid).astimezone(ZoneInfo("Europe/Oslo")).time()'


def _ser_ut_som_innhold(sti: str) -> bool:
    """Whether a path that does not exist is rather a file's content: a line break, a CSV
    separator, or more than a path's length."""
    return ("\n" in sti or ";" in sti or len(sti) > 1024) and not os.path.exists(sti)


def _kildeslag(kilde: object, hva: str) -> Literal["sti", "fil", "rader"]:
    """What a reader was given: a path, an open file (``read``), or rows as mappings. Raise
    :class:`ArgumentFeil` for anything else, with the likely mistake named."""
    if isinstance(kilde, str) and _ser_ut_som_innhold(kilde):
        # a file's content given as its path: never echoed (it holds the pupils' rows)
        raise ArgumentFeil(
            f"«path» ser ut som innholdet i en fil, ikke en filsti; gi teksten som en åpen fil: "
            f"read_{hva}(io.StringIO(tekst))",
            argument="path",
        )
    if isinstance(kilde, str | os.PathLike):
        return "sti"
    if isinstance(kilde, bytes | bytearray | memoryview):
        raise ArgumentFeil(
            f"«path» er innholdet i en fil (bytes), ikke en filsti; gi det som en åpen fil: "
            f"read_{hva}(io.BytesIO(data))",
            argument="path",
        )
    if hasattr(kilde, "read"):
        return "fil"
    if isinstance(kilde, Mapping) or (hasattr(kilde, "keys") and not hasattr(kilde, "columns")):
        raise ArgumentFeil(
            f"«path» er én rad; gi en liste av rader: read_{hva}([rad])",
            argument="path",
        )
    if hasattr(kilde, "columns") and hasattr(kilde, "to_dict"):  # a pandas DataFrame iterates its column names
        raise ArgumentFeil(
            f'«path» er en tabell (DataFrame); gi radene: read_{hva}(tabell.to_dict("records"))',
            argument="path",
        )
    if not isinstance(kilde, Iterable):
        raise ArgumentFeil(
            f"«path» må være en filsti, en åpen fil eller rader (mappinger fra kolonnenavn til verdi), ikke "
            f"{type(kilde).__name__}",
            argument="path",
        )
    return "rader"


def _python_rader(
    rader: Iterable[object], kjente: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str] | str, str | None]]:
    """(position, row or why it is rejected, the row's pupil id if readable) for each mapping,
    1-based. Values as a database driver gives them become the text a file would hold (a date
    ``2026-09-01``, a clock time ``08:30``, a Decimal ``0.75``), then the row is read as a JSON
    Lines object is: keys trimmed and case-folded, values trimmed, None (and NaN, pandas' NA)
    missing. A row with ``keys()`` (``sqlite3.Row``, a pandas Series) is a mapping too."""
    for nr, rad in enumerate(rader, start=1):
        if isinstance(rad, Mapping):
            kart: Mapping[object, object] = rad
        elif hasattr(rad, "keys") and hasattr(rad, "__getitem__"):
            kart = {k: rad[k] for k in rad.keys()}  # noqa: SIM118  (sqlite3.Row iterates its values)
        else:
            # (never echoed: a row of the wrong kind may hold a name)
            yield nr, f"raden er {type(rad).__name__}, ikke en mapping (dict) fra kolonnenavn til verdi", None
            continue
        par: list[tuple[str, object]] = []
        feil = None
        elev_id = None
        for k, v in kart.items():
            if not isinstance(k, str):
                feil = (
                    "raden har flere felt enn overskriften"
                    if k is None  # (csv.DictReader's key for the extra cells)
                    else f"et kolonnenavn er {type(k).__name__}, ikke tekst"
                )
                break
            navn = k.strip().lower()
            verdi = _som_celle(v)
            if isinstance(verdi, _Feiltype):
                if navn in kjente and feil is None:  # (the first bad value, as a reader of the row sees it)
                    feil = f"«{_vis(navn)}» {verdi.grunn}"
                continue  # an unknown column is not used (as in a file), whatever it holds
            if navn == "elev_id" and isinstance(verdi, str):
                elev_id = verdi.strip()
            elif navn == "samtykke_foresatte" and verdi in ("0", "1"):  # SQLite's and MySQL's booleans
                verdi = verdi == "1"
            par.append((k, verdi))
        yield nr, feil if feil is not None else _jsonl_rad(_Objekt(par), kjente), elev_id


@attrs.frozen
class _Feiltype:
    grunn: str


def _som_celle(v: object) -> object:
    """A mapping's value as a JSON Lines value (text, bool or None: numbers exactly as text), or
    why it cannot be one."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool) or ("bool" in type(v).__name__ and hasattr(v, "item")):  # (also NumPy's bool_)
        return bool(v)
    if _mangler(v):  # NaN, pandas' NA and NaT
        return None
    if isinstance(v, datetime):
        if v.utcoffset() is None and v.time() == time(0):
            return v.date().isoformat()  # a date column read as midnight (pandas, Oracle's DATE)
        if v.utcoffset() is None:
            return _Feiltype("er et tidspunkt (datetime); gi datoen (tidspunkt.date()) eller klokkeslettet (.time())")
        return _Feiltype(
            "er et tidspunkt med tidssone; gi datoen eller klokkeslettet i Oslo-tid, for eksempel "
            'tidspunkt.astimezone(ZoneInfo("Europe/Oslo")).date()'
        )
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, time | timedelta):
        return _klokkeslett(v)
    if isinstance(v, uuid.UUID):  # (Postgres' uuid ids)
        return str(v)
    if not isinstance(v, bytes | bytearray | memoryview):  # (float() would read b"1" as a number)
        try:
            return _talltekst(v)
        except (TypeError, ValueError, ArithmeticError):
            pass
    return _Feiltype(f"har en verdi av typen {type(v).__name__}; her skal det stå tekst, et tall, en dato eller None")


def _klokkeslett(v: time | timedelta) -> object:
    """``HH:MM`` (with seconds when it has them, which the reader then refuses) of a clock time,
    or of a time of day as a duration from midnight (MySQL's TIME)."""
    if isinstance(v, timedelta):
        if not timedelta(0) <= v < timedelta(days=1):
            return _Feiltype("er en varighet som ikke er et klokkeslett (00:00–23:59)")
        v = (datetime.min + v).time()
    if v.tzinfo is not None:
        return _Feiltype(
            f"er et klokkeslett med tidssone; gjør det om til Oslo-tid med hendelsens dato først ({_TIL_OSLO})"
        )
    if v.second or v.microsecond:
        return _Feiltype(f"har sekunder ({v.isoformat()}); et klokkeslett skal være TT:MM")
    return v.isoformat(timespec="minutes")


#: The most digits a number from a mapping may have: Python's own limit for int <-> str, 4300 by
#: default, also when a program has turned that limit off (0)
_SIFFERGRENSE = sys.get_int_max_str_digits() or 4300


def _talltekst(v: object) -> str | _Feiltype | None:
    """A number as a file would write it: an integer exactly (a 17-digit id from a NUMERIC column
    stays itself), a fraction in positional notation (``0.00001``, not ``1e-05``); NaN missing."""
    if isinstance(v, int):
        heltall = v
    elif hasattr(v, "__index__"):  # NumPy's integers
        heltall = operator.index(v)  # (anything with __index__)
    else:
        # (a NumPy float32's str() is its shortest form, 0.1; float() would add float32's noise)
        tekst = str(v) if type(v).__module__ == "numpy" else repr(float(v))  # type: ignore[arg-type]
        tall = v if isinstance(v, Decimal) else Decimal(tekst)
        if tall.is_nan():
            return None
        if not tall.is_finite():
            return _Feiltype("er ikke et endelig tall")
        if tall.adjusted() >= _SIFFERGRENSE:  # (before int(): 1E+999999999 is a lot of memory)
            return _Feiltype(f"har for mange sifre (høyst {_SIFFERGRENSE})")
        if tall != tall.to_integral_value():
            return format(tall, "f")
        heltall = int(tall)
    if heltall.bit_length() > _SIFFERGRENSE * 4:  # (surely too many digits, also with the limit off)
        return _Feiltype(f"har for mange sifre (høyst {_SIFFERGRENSE})")
    try:
        return str(heltall)
    except ValueError:  # more digits than int -> str allows
        return _Feiltype(f"har for mange sifre (høyst {_SIFFERGRENSE})")


_FELTGRENSE = re.compile(r"field larger than field limit \((\d+)\)")


def _csv_grunn(feil: csv.Error) -> str:
    """The csv module's (English) error, in Norwegian."""
    if (m := _FELTGRENSE.search(str(feil))) is not None:
        return f"et felt er for langt (høyst {int(m.group(1)):_} tegn)".replace("_", " ")
    return "den er ikke gyldig CSV (sjekk anførselstegnene)"


def _csv(
    tekst: str, visning: str, pakrevd: tuple[str, ...], valgfrie: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str] | str]]:
    forste_linje = _forste_linje(tekst)
    if not forste_linje.strip():
        raise InndataFeil(
            "Filen er tom eller mangler overskriftslinje. Første linje skal være kolonnenavnene, "
            f"for eksempel «{';'.join(pakrevd)}».",
            fil=visning,
            linje=1,
        )
    hodelinje = 1
    if (excel := _EXCEL_SEP.fullmatch(forste_linje.strip(" \r\n"))) is not None:
        # Excel's "sep=;" line names the separator; the header is the next line
        sep, hodelinje = excel.group(1), 2
    else:
        sep = _separator(forste_linje)
    # newline="": the csv module sees "\r\n", "\n" and a lone "\r" as line ends, and line_num
    # counts them all
    leser = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep)
    try:
        if hodelinje == 2:
            next(leser)
        hode = [h.strip().lower() for h in next(leser)]
    except StopIteration:
        raise InndataFeil(
            f"Filen har bare linjen «{forste_linje.strip()}» og mangler overskriftslinjen med kolonnenavnene.",
            fil=visning,
            linje=hodelinje,
        ) from None
    except csv.Error as e:
        raise InndataFeil(f"Kan ikke lese overskriftslinjen: {_csv_grunn(e)}.", fil=visning, linje=hodelinje) from None
    # Excel often adds empty columns at the end of the header ("a;b;c;;"): ignore them
    while hode and hode[-1] == "":
        hode.pop()
    _sjekk_kolonner(hode, visning, pakrevd, valgfrie, hodelinje)
    if "" in hode:
        raise InndataFeil(
            f"Kolonne {hode.index('') + 1} i overskriftslinjen har ikke noe navn.", fil=visning, linje=hodelinje
        )
    if len(set(hode)) != len(hode):
        dobbel = sorted({h for h in hode if hode.count(h) > 1})
        raise InndataFeil(
            f"Kolonnen «{_vis(dobbel[0])}» står to ganger i overskriftslinjen.", fil=visning, linje=hodelinje
        )
    while True:
        start = leser.line_num + 1  # a record starts on the line after the previous one ended
        try:
            felt = next(leser)
        except StopIteration:
            return
        except csv.Error as e:
            yield start, f"kan ikke lese raden: {_csv_grunn(e)}"
            continue
        nr = start
        if leser.line_num > start:
            # a record over several lines: a quoted field with line breaks, or a quote that is
            # never closed and swallows the following lines into one field
            if len(felt) != len(hode) and any('"' in f or "\n" in f or "\r" in f for f in felt):
                yield (
                    nr,
                    (
                        f"anførselstegn som ikke er lukket (raden går til linje {leser.line_num}); lukk "
                        "anførselstegnet eller fjern det"
                    ),
                )
                continue
            if (svelget := _svelger_rader(felt, hode, sep, pakrevd)) is not None:
                yield (
                    nr,
                    (
                        f"anførselstegn som ikke er lukket i «{_vis(svelget)}»: feltet tar med seg "
                        f"{_linjer(nr + 1, leser.line_num)}, "
                        + (
                            "som ser ut som en egen rad (den er ikke lest for seg)"
                            if nr + 1 == leser.line_num
                            else "som ser ut som egne rader (de er ikke lest hver for seg)"
                        )
                        + "; lukk anførselstegnet eller fjern det (er det en merknad over flere linjer, fjern "
                        "linjeskiftene i den)"
                    ),
                )
                continue
        verdier = [f.strip() for f in felt]
        if not any(verdier):
            continue
        while len(verdier) > len(hode) and verdier[-1] == "":
            verdier.pop()  # the empty trailing columns the header had too
        if len(verdier) != len(hode):
            yield nr, f"raden har {len(verdier)} felt, men overskriften har {len(hode)} (skilletegn «{sep}»)"
            continue
        yield nr, {h: v for h, v in zip(hode, verdier, strict=True) if v}


def _linjer(fra: int, til: int) -> str:
    return f"linje {fra}" if fra == til else f"linjene {fra}–{til}"


#: Excel's first line naming the separator ("sep=;"), written by its CSV export in some locales.
_EXCEL_SEP = re.compile(r"sep=([;,\t|])", re.IGNORECASE)


def _svelger_rader(felt: list[str], hode: list[str], sep: str, pakrevd: tuple[str, ...]) -> str | None:
    """The column whose field, spanning lines, holds a line that looks like a row of its own,
    or None.

    A free-text note may legitimately span lines in quotes, with commas or semicolons in it; a
    quote left open swallows the rows after it into the field instead, and the field count can
    still come out right (the rows would then vanish without a word). A line looks like a row
    when it splits into at least as many cells as the header has and every required column's
    cell has the look of its kind (:func:`_ligner`), loosely: a date written another way is still
    a row that was swallowed. Prose rarely passes: its words hold no digits where ids and dates
    stand.
    """
    plass = {navn: i for i, navn in enumerate(hode)}
    for navn, f in zip(hode, felt, strict=False):
        if "\n" not in f and "\r" not in f:
            continue
        for linje in _LINJESKIFT.split(f)[1:]:
            celler = [c.strip().strip('"') for c in linje.split(sep)]
            if len(celler) >= len(hode) and all(_ligner(k, celler[plass[k]]) for k in pakrevd if k in plass):
                return navn
    return None


_SIFFER = re.compile("[0-9]")
_BOKSTAV = re.compile("[^\\W\\d_]")


def _ligner(kolonne: str, celle: str) -> bool:
    """Whether ``celle`` has the look of a value of the required column ``kolonne`` (not whether
    it is valid, so a faulty row swallowed is still seen): dates and hours hold a digit, a
    subject and a type a letter, anything else is not empty. It leans to seeing a row: a note
    taken for rows is rejected with a message, rows taken for a note would vanish."""
    if kolonne in ("dato", "fodselsdato", "arstimer"):
        return _SIFFER.search(celle) is not None
    if kolonne in ("fag", "type"):
        return _BOKSTAV.search(celle) is not None
    return bool(celle)


# --------------------------------------------------------------------------- field parsers


class _RadFeil(Exception):
    pass


# The parsers of values that repeat from row to row (numbers, event dates, clock times) keep the
# last few thousand results: a year's export has a few hundred distinct values of each, so the
# rows share one object per value instead of holding a copy each. Birth dates are not cached.
_CACHE = 4096
# ASCII digits only: float() and int() also take other scripts' digits ("١", "٠,٧٥"), which no
# export means and no person checking the file would read as a number.
_TALL = re.compile(r"-?[0-9]+([.,][0-9]+)?")
_DATO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KLOKKE = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])")


@functools.lru_cache(maxsize=_CACHE)
def _tall(tekst: str, felt: str) -> float:
    t = tekst.strip().replace(" ", "").replace("\u00a0", "")
    if _TALL.fullmatch(t) is None:
        vist = f", ikke «{tekst}»" if _TALLFORM.fullmatch(tekst) else "; " + _SKJULT.format(hva="et tall")
        raise _RadFeil(f"«{felt}» må være et tall (for eksempel 0,75){vist}")
    return float(t.replace(",", "."))


def _dato(tekst: str, felt: str, *, vis: bool = True) -> date:
    if vis:
        return _delt_dato(tekst, felt)
    try:
        return _les_dato(tekst)
    except ValueError:
        raise _RadFeil(f"«{felt}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)") from None


@functools.lru_cache(maxsize=_CACHE)
def _delt_dato(tekst: str, felt: str) -> date:
    try:
        return _les_dato(tekst)
    except ValueError:
        raise _RadFeil(f"«{felt}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD){_vis_dato(tekst)}") from None


def _les_dato(tekst: str) -> date:
    if _DATO.fullmatch(tekst) is None:
        raise ValueError(tekst)
    return date.fromisoformat(tekst)


#: Columns whose ASCII name is a Norwegian word spelt otherwise, for messages.
_ORD: Final = {"arsak": "årsak"}


@functools.lru_cache(maxsize=_CACHE)
def _klokke(tekst: str, felt: str) -> time:
    m = _KLOKKE.fullmatch(tekst.strip())
    if m is None:
        vist = f", ikke «{tekst}»" if _KLOKKEFORM.fullmatch(tekst) else "; " + _SKJULT.format(hva="et klokkeslett")
        raise _RadFeil(f"«{felt}» må være et klokkeslett HH:MM{vist}")
    return time(int(m.group(1)), int(m.group(2)))


def _valg(tekst: str, felt: str, lovlige: tuple[str, ...], *, store: bool = False, vist_for: bool = False) -> str:
    """The allowed value ``tekst`` names; ``vist_for``: the caller has checked the value may be shown."""
    verdi = tekst.strip().upper() if store else tekst.strip().lower()
    if verdi not in lovlige:
        vist = f" «{tekst}»" if vist_for else _vis_valg(tekst, lovlige, kode=store)
        skjult = "" if vist else "; verdien vises ikke, fordi den ikke ligner en av dem: sjekk at kolonnene står riktig"
        # (the column "arsak" is the word "årsak" in a sentence)
        raise _RadFeil(f"ukjent {_ORD.get(felt, felt)}{vist} (tillatt: {', '.join(lovlige)}{skjult})")
    return lovlige[lovlige.index(verdi)]  # the one shared string, not this row's copy


def _krev(rad: Mapping[str, str], felt: str) -> str:
    verdi = rad.get(felt)
    if verdi is None or verdi == "":
        raise _RadFeil(f"mangler «{felt}»")
    return verdi


def _delt(verdi: str | None) -> str | None:
    """One shared string for a value many rows repeat (a pupil id, a subject, a school)."""
    return None if verdi is None else sys.intern(verdi)


def _navnet(navn: object) -> str | None:
    """``navn=`` as messages show it (a path as text, control characters as ``⟨U+000A⟩``)."""
    if navn is None:
        return None
    if isinstance(navn, os.PathLike):
        navn = os.fspath(navn)
    if not isinstance(navn, str) or not navn.strip():
        raise ArgumentFeil(f"«navn» må være en tekst som ikke er tom, ikke {type(navn).__name__}", argument="navn")
    return _uten_kontrolltegn(navn)


def _les(
    kilde: Kildefil | Iterable[Mapping[str, object]],
    lag: Callable[[dict[str, str], Kilde], T],
    pakrevd: tuple[str, ...],
    valgfrie: tuple[str, ...],
    *,
    navn: str | os.PathLike[str] | None,
    hva: str,
) -> Innlesing[T]:
    kjente = pakrevd + valgfrie
    kilderader: Iterable[tuple[int, dict[str, str] | str, str | None]]
    if _kildeslag(kilde, hva) == "rader":
        # rows a program hands over (a database driver's, say): read as a JSON Lines file's are
        visning = _navnet(navn) or RADER.format(hva)
        kilderader = _python_rader(cast(Iterable[object], kilde), kjente)
    else:
        tekst, visning, jsonl_navn = _innhold(cast(Kildefil, kilde))
        visning = _navnet(navn) or visning
        kilderader = (
            (nr, rad, None) for nr, rad in _raa_rader(tekst, visning, _er_jsonl(tekst, jsonl_navn), pakrevd, valgfrie)
        )
    rader: list[T] = []
    avvist: list[Avvist] = []
    lest = 0
    for nr, rad, id_i_raden in kilderader:
        lest += 1
        if isinstance(rad, str):
            avvist.append(Avvist(visning, nr, rad, elev_id=id_i_raden))
            continue
        if (feil := _ugyldige_tegn(rad, kjente)) is not None:
            elev_id = rad.get("elev_id")
            if elev_id is not None and _UGYLDIG_TEGN.search(elev_id):
                elev_id = None
            avvist.append(Avvist(visning, nr, feil, elev_id=elev_id))
            continue
        try:
            rader.append(lag(rad, Kilde(visning, nr)))
        except _RadFeil as e:
            # (when the message says the columns may have slipped, elev_id may hold a name)
            glidd = _KOLONNESKLI in str(e)
            avvist.append(Avvist(visning, nr, str(e), elev_id=rad.get("elev_id"), id_vises=not glidd))
        except InndataFeil as e:
            # (the row classes' own checks; the reader checks rows first, in its own words)
            avvist.append(Avvist(visning, nr, e.melding, elev_id=rad.get("elev_id")))
    return Innlesing(fil=visning, rader=tuple(rader), avvist=tuple(avvist), lest=lest)


def _ugyldige_tegn(rad: Mapping[str, str], kjente: tuple[str, ...]) -> str | None:
    """Why a row is rejected for a character no value may hold, or None. Ids and names are
    copied into the output: a line break would break the report's layout, and a lone surrogate
    cannot be written at all. The character is named by its code, never shown. Unknown columns
    are not used, so they are not checked (a free-text note may span lines)."""
    if _UGYLDIG_TEGN.search("".join(rad.values())) is None:  # the common case, in one pass
        return None
    for felt in kjente:
        verdi = rad.get(felt)
        if verdi is None or (m := _UGYLDIG_TEGN.search(verdi)) is None:
            continue
        tegn = m.group()
        if "\udc80" <= tegn <= "\udcff":
            # a byte that is not UTF-8 in a file that is otherwise UTF-8 (see les_tekst)
            return (
                f"«{felt}» har en byte som ikke er gyldig UTF-8 (0x{ord(tegn) - 0xDC00:02X}): filen blander "
                "tegnkodinger (UTF-8 og trolig Windows-1252); lagre hele filen som UTF-8 («CSV UTF-8» i Excel)"
            )
        if "\ud800" <= tegn <= "\udfff":
            return (
                f"«{felt}» har et ugyldig tegn ({_tegnkode(tegn)}, et enslig surrogattegn, som ikke kan "
                "skrives som UTF-8); rett verdien i eksporten"
            )
        return f"«{felt}» har et kontrolltegn ({_tegnkode(tegn)}{_TEGNNAVN.get(tegn, '')}); fjern det fra verdien"
    return None


_TEGNNAVN = {"\n": ", linjeskift", "\r": ", vognretur", "\t": ", tabulator", "\x00": ", nulltegn"}

# A header cell that looks like data, not a column name: a date (a birth date), or a run of
# digits (a national identity number). Such a cell is never echoed in a message.
_DATOFORM = re.compile(r"[0-9]{1,4}[-./][0-9]{1,2}[-./][0-9]{1,4}")
_SIFFERREKKE = re.compile(r"[0-9]{6}")


def _ser_ut_som_data(celle: str) -> bool:
    return _DATOFORM.search(celle) is not None or _SIFFERREKKE.search(celle) is not None


def _sjekk_kolonner(
    hode: list[str], visning: str, pakrevd: tuple[str, ...], valgfrie: tuple[str, ...], hodelinje: int = 1
) -> None:
    """Fail early, for the whole file, when a CSV header lacks a required column or has a column
    whose name is a near miss of a known one (it would be ignored, and its data silently lost).

    The first line is echoed only when it looks like a header: a first line that is a data row
    (no header at all) holds a name or a birth date, which a message must not show."""
    kjente = pakrevd + valgfrie
    mangler = [navn for navn in pakrevd if navn not in hode]
    for h in hode:
        # a byte that is not UTF-8 in a column that is needed (missing, or a near miss): say so;
        # in a column that is not used it does no harm
        if (m := _IKKE_UTF8.search(h)) is not None and difflib.get_close_matches(
            _IKKE_UTF8.sub("", h), kjente, n=1, cutoff=0.75
        ):
            raise InndataFeil(
                f"Kolonnenavnet «{_vis(h)}» har en byte som ikke er gyldig UTF-8 (0x{ord(m.group()) - 0xDC00:02X}): "
                "filen blander tegnkodinger (UTF-8 og trolig Windows-1252). Lagre hele filen som UTF-8 "
                "(«CSV UTF-8» i Excel).",
                fil=visning,
                linje=hodelinje,
            )
    onsket = (
        f"Første linje skal være overskriftslinjen med kolonnenavnene: {';'.join(pakrevd)}"
        + (f" (og eventuelt {', '.join(valgfrie)})" if valgfrie else "")
        + "."
    )
    if mangler and any(_ser_ut_som_data(h) for h in hode):
        raise InndataFeil(
            f"Første linje ser ut som en datarad, ikke kolonnenavn (verdiene vises ikke). {onsket}",
            fil=visning,
            linje=hodelinje,
        )
    ukjente = [h for h in hode if h and h not in kjente]
    for navn in kjente:
        if navn in hode:
            continue
        nar = difflib.get_close_matches(navn, ukjente, n=1, cutoff=0.75)
        if nar:
            raise InndataFeil(
                f"Kolonnen «{_vis(nar[0])}» i overskriftslinjen er ukjent. Mente du «{navn}»? Rett navnet "
                "(en kolonne med ukjent navn brukes ikke, og dataene i den ville gått tapt).",
                fil=visning,
                linje=hodelinje,
            )
        if navn not in pakrevd:
            continue
        if not any(h in kjente for h in hode):
            raise InndataFeil(
                f"Første linje har ingen av de kjente kolonnenavnene (verdiene vises ikke). {onsket}",
                fil=visning,
                linje=hodelinje,
            )
        raise InndataFeil(
            f"Overskriftslinjen mangler kolonnen «{navn}» (fant: {', '.join(_vis(h) for h in hode)}).",
            fil=visning,
            linje=hodelinje,
        )


# --------------------------------------------------------------------------- public readers


# The pupil file holds personal data: a value is echoed in a message only when it has the shape
# of what belongs in its column, never when the columns may have slipped (a birth date or a name
# in «trinn»). See docs/utveksling.md, section 11.
_TRINNFORM = re.compile(r"(?:vgs?|bhg|trinn)? ?[0-9]{1,2}\.? ?(?:trinn|klasse|[a-z])?", re.IGNORECASE)
_JA_NEI_FORM = frozenset({"j", "n", "y", "yes", "no", "true", "false", "sann", "usann", "1", "0", "x", "ok"})


def _elev(rad: dict[str, str], kilde: Kilde) -> Elev:
    samtykke = rad.get("samtykke_foresatte", "nei").strip().lower()
    if samtykke not in ("ja", "nei"):
        vist = f", ikke «{samtykke}»" if samtykke in _JA_NEI_FORM else ""
        raise _RadFeil(f"«samtykke_foresatte» må være ja eller nei{vist}")
    trinn = _krev(rad, "trinn")
    if trinn.strip().lower() not in TRINN and _TRINNFORM.fullmatch(trinn.strip()) is None:
        raise _RadFeil(
            f"ukjent trinn (tillatt: {', '.join(TRINN)}); verdien vises ikke, fordi den ikke ligner et trinn: "
            "sjekk at kolonnene står riktig"
        )
    elev_id = _krev(rad, "elev_id")
    if er_fodselsnummer(elev_id.strip()):
        raise _RadFeil(_FODSELSNUMMER)
    return Elev(
        elev_id=sys.intern(elev_id),
        trinn=_valg(trinn, "trinn", TRINN, vist_for=True),
        fodselsdato=_dato(_krev(rad, "fodselsdato"), "fodselsdato", vis=False),
        klasse=_delt(rad.get("klasse")),
        skole=_delt(rad.get("skole")),
        samtykke_foresatte=samtykke == "ja",
        kilde=kilde,
    )


def _fag(rad: dict[str, str], kilde: Kilde) -> Fag:
    timer = _tall(_krev(rad, "arstimer"), "arstimer")
    if timer <= 0:
        raise _RadFeil("«arstimer» må være større enn 0")
    return Fag(
        elev_id=sys.intern(_krev(rad, "elev_id")), fag=sys.intern(_krev(rad, "fag")), arstimer=timer, kilde=kilde
    )


def _hendelse(rad: dict[str, str], kilde: Kilde, kodekart: Kodekart | None = None) -> Hendelse:
    typ = _valg(_krev(rad, "type"), "type", TYPER)
    kode = None
    kildekode = _krev(rad, "kode") if typ == "fravaer" else rad.get("kode")
    oversatt = None
    if kildekode and kodekart is not None:
        oversatt = _oversett(kodekart, kildekode)
        kode = oversatt.kode
    elif kildekode:
        kode = _valg(kildekode, "kode", KODER, store=True)
    arsak = _valg(rad["arsak"], "arsak", ARSAKER) if "arsak" in rad else None
    dokumentasjon = _valg(rad["dokumentasjon"], "dokumentasjon", DOKUMENTASJON) if "dokumentasjon" in rad else None
    if oversatt is not None and kodekart is not None and kildekode:
        arsak = _fra_kodekart(kildekode, "arsak", arsak, oversatt.arsak, kodekart)
        dokumentasjon = _fra_kodekart(kildekode, "dokumentasjon", dokumentasjon, oversatt.dokumentasjon, kodekart)
    dager = _tall(rad["dager"], "dager") if "dager" in rad else None
    timer = _tall(rad["timer"], "timer") if "timer" in rad else None
    fra = _klokke(rad["fra"], "fra") if "fra" in rad else None
    til = _klokke(rad["til"], "til") if "til" in rad else None
    if dager is not None and not 0 < dager <= _MAKS_DAGER:
        raise _RadFeil(f"«dager» må være større enn 0 og høyst {_MAKS_DAGER:g}{_vis_tekst_tall(rad['dager'])}")
    if timer is not None and not 0 < timer <= _MAKS_TIMER:
        raise _RadFeil(f"«timer» må være større enn 0 og høyst {_MAKS_TIMER:g}{_vis_tekst_tall(rad['timer'])}")
    if fra and til and til <= fra:
        raise _RadFeil(f"«til» ({rad['til']}) må være etter «fra» ({rad['fra']})")
    if (fra is None) != (til is None) and timer is None and dager is None:
        raise _RadFeil("oppgi både «fra» og «til», eller «timer»")
    if typ == "fravaer" and dager is None and timer is None and not (fra and til):
        raise _RadFeil("fravær må ha «dager», «timer» eller «fra» og «til»")
    return Hendelse(
        elev_id=sys.intern(_krev(rad, "elev_id")),
        dato=_dato(_krev(rad, "dato"), "dato"),
        type=typ,
        kode=kode,
        dager=dager,
        timer=timer,
        fra=fra,
        til=til,
        fag=_delt(rad.get("fag")),
        arsak=arsak or "annet",
        dokumentasjon=dokumentasjon or "ingen",
        hendelse_id=rad.get("hendelse_id"),
        kilde=kilde,
    )


_VIS_KODER = 12  # a rejected row lists at most this many of the map's codes


def _oversett(kodekart: Kodekart, kildekode: str) -> Kodeoversettelse:
    oversatt = kodekart.oversett(kildekode)
    if oversatt is not None:
        return oversatt
    kode = kildekode.strip()
    kjente = sorted(kodekart.koder)
    lik = [k for k in kjente if k.casefold() == kode.casefold()]
    if lik:
        hint = f"Mente du «{lik[0]}»? Kodekartet skiller mellom store og små bokstaver"
    else:
        flere = len(kjente) - _VIS_KODER
        hint = "tillatt: " + ", ".join(kjente[:_VIS_KODER]) + (f" og {flere} til" if flere > 0 else "")
    if not _ser_ut_som_kode(kode):
        raise _RadFeil(
            f"koden står ikke i kodekartet «{kodekart.id}» ({hint}); verdien vises ikke, fordi den ikke ligner "
            "en kode: sjekk at kolonnene står riktig"
        )
    raise _RadFeil(
        f"koden «{kode}» står ikke i kodekartet «{kodekart.id}» ({hint}); legg den inn i kodekartet med hva den "
        "betyr, eller rett koden"
    )


def _ser_ut_som_kode(tekst: str) -> bool:
    """A school system's absence code: short, one word, no date and no long run of digits
    (Visma's ``!`` and ``§`` too)."""
    return (
        0 < len(tekst) <= 12
        and not any(c.isspace() for c in tekst)
        and _DATOFORM.search(tekst) is None
        and _SIFFERREKKE.search(tekst) is None
    )


def _fra_kodekart(
    kildekode: str, felt: str, i_raden: str | None, i_kartet: str | None, kodekart: Kodekart
) -> str | None:
    """The row's value of ``felt``, or the code map's; a row that contradicts the map is rejected."""
    if i_kartet is None:
        return i_raden
    if i_raden is not None and i_raden != i_kartet:
        raise _RadFeil(
            f"ifølge kodekartet «{kodekart.id}» betyr koden «{kildekode.strip()}» «{felt}» «{i_kartet}», men raden "
            f"har «{i_raden}» i «{felt}»; rett raden eller kodekartet"
        )
    return i_kartet


def read_elever(
    path: Kildefil | Iterable[Mapping[str, object]], *, navn: str | os.PathLike[str] | None = None
) -> Innlesing[Elev]:
    """Read pupils (columns ``elev_id``, ``trinn``, ``fodselsdato``; optional ``klasse``,
    ``skole``, ``samtykke_foresatte``).

    ``path`` is a file path; a file already open, binary (e.g. ``sys.stdin.buffer``,
    ``gzip.open(...)``) or text (``io.StringIO``), read to its end; or rows as mappings from
    column to value (a database driver's dicts or rows with ``keys()``, with ``str``, ``int``,
    ``Decimal``, NumPy numbers, ``UUID``, ``date``, a ``time`` without zone or a ``timedelta``,
    ``bool``, None; see docs/utveksling.md §1), read one at a time and checked as a file's rows
    are, each bad row rejected with its position (1 = the first row). Messages name the source by
    ``navn``, else by the file's name: ``(standard inn)`` for standard input, ``(datastrøm)`` for
    a stream without a name, ``(rader: elever)`` and the like for mappings.
    """
    return _les(
        path,
        _elev,
        ("elev_id", "trinn", "fodselsdato"),
        ("klasse", "skole", "samtykke_foresatte"),
        navn=navn,
        hva="elever",
    )


def read_fag(
    path: Kildefil | Iterable[Mapping[str, object]], *, navn: str | os.PathLike[str] | None = None
) -> Innlesing[Fag]:
    """Read vgs subjects (columns ``elev_id``, ``fag``, ``arstimer``); ``path`` and ``navn`` as
    for :func:`read_elever`."""
    return _les(path, _fag, ("elev_id", "fag", "arstimer"), (), navn=navn, hva="fag")


def read_hendelser(
    path: Kildefil | Iterable[Mapping[str, object]],
    *,
    kodekart: Kodekart | None = None,
    navn: str | os.PathLike[str] | None = None,
) -> Innlesing[Hendelse]:
    """Read absence events (see docs/utveksling.md for the columns); ``path`` and ``navn`` as for
    :func:`read_elever`.

    With a ``kodekart`` (see :func:`load_kodekart`), the ``kode`` column holds the school system's
    own codes, each translated through the map; a code the map does not name rejects its row.
    """
    lag: Callable[[dict[str, str], Kilde], Hendelse] = (
        _hendelse if kodekart is None else functools.partial(_hendelse, kodekart=kodekart)
    )
    innlest = _les(
        path,
        lag,
        ("elev_id", "dato", "type"),
        ("hendelse_id", "kode", "dager", "timer", "fra", "til", "fag", "arsak", "dokumentasjon"),
        navn=navn,
        hva="hendelser",
    )
    return innlest if kodekart is None else attrs.evolve(innlest, kodekart=kodekart)
