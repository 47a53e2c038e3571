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
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import date, time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Generic, TypeAlias, TypeVar

import attrs

from ._errors import InndataFeil
from ._meldinger import os_grunn

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


@attrs.frozen
class Avvist:
    """A rejected input row: file, line and the Norwegian reason.

    ``elev_id`` is the row's pupil id when it could be read; it lets the engine say that a pupil's
    events are rejected because the pupil's own row was. It is not part of the output (``as_dict``).
    """

    fil: str
    linje: int | None
    melding: str
    elev_id: str | None = attrs.field(default=None, eq=False, repr=False)

    def as_dict(self) -> dict[str, object]:
        return {"fil": self.fil, "linje": self.linje, "melding": self.melding}


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
    arsak: str = "annet"
    dokumentasjon: str = "ingen"
    hendelse_id: str | None = None
    kilde: Kilde | None = attrs.field(default=None, eq=False)
    # The id, computed once (the engine reads it many times per event); not part of eq/hash/repr,
    # since it follows from the fields above.
    _id: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        hid = self.hendelse_id or "h-" + hashlib.sha1(self.innholdsnokkel().encode()).hexdigest()[:12]
        object.__setattr__(self, "_id", hid)

    @property
    def id(self) -> str:
        """The event id; a content hash when the export has none (stable in any row order)."""
        return self._id

    def innholdsnokkel(self) -> str:
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


@attrs.frozen
class Innlesing(Generic[T]):
    """The rows read from one file: those usable, those rejected, and the count read."""

    fil: str
    rader: tuple[T, ...]
    avvist: tuple[Avvist, ...]
    lest: int
    #: the code map the rows' ``kode`` was translated through (events read with one), else None
    kodekart: Kodekart | None = None


# --------------------------------------------------------------------------- raw reading


def les_tekst(data: bytes) -> str:
    """Decode an export: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
    else Windows-1252, else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


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


#: What the readers read: a path, or a file already open in binary mode (``sys.stdin.buffer``).
Kildefil: TypeAlias = "str | os.PathLike[str] | IO[bytes]"

#: How a stream without a file name (standard input) is named in messages.
STANDARD_INN = "(standard inn)"


def _innhold(kilde: Kildefil) -> tuple[str, str, bool]:
    """(decoded text, name for messages, read as JSON Lines) of a path or an open binary file."""
    if not isinstance(kilde, str | os.PathLike):
        navn = getattr(kilde, "name", None)
        visning = navn if isinstance(navn, str) and navn and not navn.startswith("<") else STANDARD_INN
        try:
            data = kilde.read()
        except OSError as e:
            raise InndataFeil(f"Kan ikke lese ({os_grunn(e)}).", fil=visning) from None
        if isinstance(data, str):  # a text stream: already decoded
            return data.removeprefix("\ufeff"), visning, _jsonl_navn(visning)
        _sjekk_tekstfil(data, visning)
        return les_tekst(data), visning, _jsonl_navn(visning)
    visning = os.fspath(kilde)
    try:
        data = Path(kilde).read_bytes()
    except FileNotFoundError:
        raise InndataFeil("Finner ikke filen. Sjekk navnet og mappen.", fil=visning) from None
    except IsADirectoryError:
        raise InndataFeil("Dette er en mappe, ikke en fil. Oppgi filen i mappen.", fil=visning) from None
    except PermissionError:
        raise InndataFeil("Har ikke lov til å lese filen. Sjekk tilgangen til den.", fil=visning) from None
    except OSError as e:
        raise InndataFeil(f"Kan ikke lese filen ({os_grunn(e)}).", fil=visning) from None
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
            "(se docs/utveksling.md).",
            fil=visning,
        )


def _jsonl_navn(navn: str) -> bool:
    return Path(navn).suffix.lower() in (".jsonl", ".ndjson", ".json")


def _er_jsonl(tekst: str, etter_navn: bool) -> bool:
    """JSON Lines by the file name, or when the first non-blank character is ``{``."""
    forste = _FORSTE_TEGN.match(tekst)
    return etter_navn or (forste is not None and forste.group(1) == "{")


def _raa_rader(tekst: str, visning: str, jsonl: bool) -> Iterator[tuple[int, dict[str, str]] | tuple[int, str]]:
    """Yield (line, row dict) or (line, error text) for each data row of a CSV/JSONL text."""
    if jsonl:
        yield from _jsonl(tekst)
    else:
        yield from _csv(tekst, visning)


_FORSTE_TEGN = re.compile(r"\s*(\S)")


class _DobbelNokkel(ValueError):
    pass


def _uten_doble(par: list[tuple[str, object]]) -> dict[str, object]:
    ut: dict[str, object] = {}
    for k, v in par:
        if k in ut:
            raise _DobbelNokkel(k)
        ut[k] = v
    return ut


def _jsonl(tekst: str) -> Iterator[tuple[int, dict[str, str]] | tuple[int, str]]:
    # Split on "\n" only: str.splitlines() would also split on U+2028, U+0085 etc. inside strings.
    for nr, linje in enumerate(tekst.split("\n"), start=1):
        linje = linje.removesuffix("\r")  # noqa: PLW2901 - the same line, without CRLF's CR
        if not linje.strip():
            continue
        try:
            obj = json.loads(linje, object_pairs_hook=_uten_doble)
        except _DobbelNokkel as e:
            yield nr, f"feltet «{e}» står to ganger i samme objekt"
            continue
        except json.JSONDecodeError as e:
            yield nr, f"ugyldig JSON i tegn {e.colno}: sjekk anførselstegn, komma og krøllparenteser"
            continue
        if not isinstance(obj, dict):
            yield nr, "hver linje må være et JSON-objekt"
            continue
        rad: dict[str, str] = {}
        for k, v in obj.items():
            if v is None:
                continue
            if isinstance(v, bool):
                rad[str(k).strip().lower()] = "ja" if v else "nei"
            elif isinstance(v, str):
                if v.strip():
                    rad[str(k).strip().lower()] = v.strip()  # as for CSV: trimmed, empty = missing
            elif isinstance(v, int | float):
                rad[str(k).strip().lower()] = str(v)
            else:
                rad[str(k).strip().lower()] = json.dumps(v, ensure_ascii=False)
        yield nr, rad


def _csv(tekst: str, visning: str) -> Iterator[tuple[int, dict[str, str]] | tuple[int, str]]:
    forste_linje = tekst.split("\n", 1)[0]
    if not forste_linje.strip():
        raise InndataFeil(
            "Filen er tom eller mangler overskriftslinje. Første linje skal være kolonnenavnene, "
            "for eksempel «elev_id;trinn;fodselsdato».",
            fil=visning,
            linje=1,
        )
    sep = _separator(forste_linje)
    leser = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep)
    try:
        hode = [h.strip().lower() for h in next(leser)]
    except csv.Error as e:
        raise InndataFeil(f"Kan ikke lese overskriftslinjen ({e}).", fil=visning, linje=1) from None
    # Excel often adds empty columns at the end of the header ("a;b;c;;"): ignore them
    while hode and hode[-1] == "":
        hode.pop()
    if "" in hode:
        raise InndataFeil(f"Kolonne {hode.index('') + 1} i overskriftslinjen har ikke noe navn.", fil=visning, linje=1)
    if len(set(hode)) != len(hode):
        dobbel = sorted({h for h in hode if hode.count(h) > 1})
        raise InndataFeil(f"Kolonnen «{dobbel[0]}» står to ganger i overskriftslinjen.", fil=visning, linje=1)
    while True:
        start = leser.line_num + 1  # a record starts on the line after the previous one ended
        try:
            felt = next(leser)
        except StopIteration:
            return
        except csv.Error as e:
            yield start, f"kan ikke lese raden ({e})"
            continue
        nr = start
        if leser.line_num - start > 0 and any('"' in f or "\n" in f for f in felt) and len(felt) != len(hode):
            # a quote that is never closed swallows the following lines into one field
            yield (
                nr,
                (
                    f"anførselstegn som ikke er lukket (raden går til linje {leser.line_num}); lukk anførselstegnet "
                    "eller fjern det"
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


# --------------------------------------------------------------------------- field parsers


class _RadFeil(Exception):
    pass


# The parsers of values that repeat from row to row (numbers, event dates, clock times) keep the
# last few thousand results: a year's export has a few hundred distinct values of each, so the
# rows share one object per value instead of holding a copy each. Birth dates are not cached.
_CACHE = 4096
_TALL = re.compile(r"-?\d+([.,]\d+)?")
_DATO = re.compile(r"\d{4}-\d{2}-\d{2}")
_KLOKKE = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


@functools.lru_cache(maxsize=_CACHE)
def _tall(tekst: str, felt: str) -> float:
    t = tekst.strip().replace(" ", "").replace("\u00a0", "")
    if _TALL.fullmatch(t) is None:
        raise _RadFeil(f"«{felt}» må være et tall (for eksempel 0,75), ikke «{tekst}»")
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
        raise _RadFeil(f"«{felt}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD): «{tekst}»") from None


def _les_dato(tekst: str) -> date:
    if _DATO.fullmatch(tekst) is None:
        raise ValueError(tekst)
    return date.fromisoformat(tekst)


@functools.lru_cache(maxsize=_CACHE)
def _klokke(tekst: str, felt: str) -> time:
    m = _KLOKKE.fullmatch(tekst.strip())
    if m is None:
        raise _RadFeil(f"«{felt}» må være et klokkeslett HH:MM, ikke «{tekst}»")
    return time(int(m.group(1)), int(m.group(2)))


def _valg(tekst: str, felt: str, lovlige: tuple[str, ...], *, store: bool = False) -> str:
    verdi = tekst.strip().upper() if store else tekst.strip().lower()
    if verdi not in lovlige:
        raise _RadFeil(f"ukjent {felt} «{tekst}» (tillatt: {', '.join(lovlige)})")
    return lovlige[lovlige.index(verdi)]  # the one shared string, not this row's copy


def _krev(rad: Mapping[str, str], felt: str) -> str:
    verdi = rad.get(felt)
    if verdi is None or verdi == "":
        raise _RadFeil(f"mangler «{felt}»")
    return verdi


def _delt(verdi: str | None) -> str | None:
    """One shared string for a value many rows repeat (a pupil id, a subject, a school)."""
    return None if verdi is None else sys.intern(verdi)


def _les(
    kilde: Kildefil, lag: Callable[[dict[str, str], Kilde], T], pakrevd: tuple[str, ...], valgfrie: tuple[str, ...]
) -> Innlesing[T]:
    tekst, visning, jsonl_navn = _innhold(kilde)
    jsonl = _er_jsonl(tekst, jsonl_navn)
    if not jsonl:
        _sjekk_kolonner(tekst, visning, pakrevd, valgfrie)
    rader: list[T] = []
    avvist: list[Avvist] = []
    lest = 0
    for nr, rad in _raa_rader(tekst, visning, jsonl):
        lest += 1
        if isinstance(rad, str):
            avvist.append(Avvist(visning, nr, rad))
            continue
        try:
            rader.append(lag(rad, Kilde(visning, nr)))
        except _RadFeil as e:
            avvist.append(Avvist(visning, nr, str(e), elev_id=rad.get("elev_id")))
    return Innlesing(fil=visning, rader=tuple(rader), avvist=tuple(avvist), lest=lest)


def _sjekk_kolonner(tekst: str, visning: str, pakrevd: tuple[str, ...], valgfrie: tuple[str, ...]) -> None:
    """Fail early, for the whole file, when a CSV header lacks a required column or has a column
    whose name is a near miss of a known one (it would be ignored, and its data silently lost)."""
    forste = tekst.split("\n", 1)[0].rstrip("\r")
    if not forste.strip():
        raise InndataFeil(
            "Filen er tom eller mangler overskriftslinje. Første linje skal være kolonnenavnene, "
            f"for eksempel «{';'.join(pakrevd)}».",
            fil=visning,
            linje=1,
        )
    hode = next(csv.reader([forste], delimiter=_separator(forste)))
    hode = [h.strip().lower() for h in hode]
    while hode and hode[-1] == "":
        hode.pop()
    kjente = pakrevd + valgfrie
    ukjente = [h for h in hode if h and h not in kjente]
    for navn in (*pakrevd, *valgfrie):
        if navn in hode:
            continue
        nar = difflib.get_close_matches(navn, ukjente, n=1, cutoff=0.75)
        if nar:
            raise InndataFeil(
                f"Kolonnen «{nar[0]}» i overskriftslinjen er ukjent. Mente du «{navn}»? Rett navnet "
                "(en kolonne med ukjent navn brukes ikke, og dataene i den ville gått tapt).",
                fil=visning,
                linje=1,
            )
        if navn in pakrevd:
            raise InndataFeil(
                f"Mangler kolonnen «{navn}» i overskriftslinjen (fant: {', '.join(hode)}).",
                fil=visning,
                linje=1,
            )


# --------------------------------------------------------------------------- public readers


# The pupil file holds personal data: a value is echoed in a message only when it has the shape
# of what belongs in its column, never when the columns may have slipped (a birth date or a name
# in «trinn»). See docs/utveksling.md, section 10.
_TRINNFORM = re.compile(r"[A-Za-z]{0,3}\s?\d{1,2}[A-Za-z]?")
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
    return Elev(
        elev_id=sys.intern(_krev(rad, "elev_id")),
        trinn=_valg(trinn, "trinn", TRINN),
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
        raise _RadFeil(f"«dager» må være større enn 0 og høyst {_MAKS_DAGER:g}, ikke {rad['dager']}")
    if timer is not None and not 0 < timer <= _MAKS_TIMER:
        raise _RadFeil(f"«timer» må være større enn 0 og høyst {_MAKS_TIMER:g}, ikke {rad['timer']}")
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
        hint = f"Mente du «{lik[0]}»? Store og små bokstaver betyr noe i kodekartet"
    else:
        flere = len(kjente) - _VIS_KODER
        hint = "tillatt: " + ", ".join(kjente[:_VIS_KODER]) + (f" og {flere} til" if flere > 0 else "")
    raise _RadFeil(
        f"koden «{kode}» står ikke i kodekartet «{kodekart.id}» ({hint}); legg den inn i kodekartet med hva den "
        "betyr, eller rett koden"
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


def read_elever(path: Kildefil) -> Innlesing[Elev]:
    """Read pupils (columns ``elev_id``, ``trinn``, ``fodselsdato``; optional ``klasse``,
    ``skole``, ``samtykke_foresatte``).

    ``path`` is a file path, or a file open in binary mode (e.g. ``sys.stdin.buffer``), read to
    its end; messages name it by its ``name``, or as ``(standard inn)``.
    """
    return _les(path, _elev, ("elev_id", "trinn", "fodselsdato"), ("klasse", "skole", "samtykke_foresatte"))


def read_fag(path: Kildefil) -> Innlesing[Fag]:
    """Read vgs subjects (columns ``elev_id``, ``fag``, ``arstimer``); ``path`` as for :func:`read_elever`."""
    return _les(path, _fag, ("elev_id", "fag", "arstimer"), ())


def read_hendelser(path: Kildefil, *, kodekart: Kodekart | None = None) -> Innlesing[Hendelse]:
    """Read absence events (see docs/utveksling.md for the columns); ``path`` as for :func:`read_elever`.

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
    )
    return innlest if kodekart is None else attrs.evolve(innlest, kodekart=kodekart)
