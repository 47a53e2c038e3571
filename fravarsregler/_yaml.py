"""Safe YAML loading with source locations.

Interface contract (other modules rely on exactly this):

    doc = load_yaml_file(path)            # raises YamlFeil on any problem
    doc = load_yaml_text(text, fil="x.yaml")
    doc.fil        -> str    (the display name used in messages)
    doc.data       -> plain Python: dict / list / str / int / float / bool / None
                      (dates and times stay strings; yes/no/on/off stay strings)
    doc.plassering(path) -> tuple[int, int]
        1-based (line, column) of the value node at ``path`` (a tuple of str keys and
        int indexes, as in jsonschema's ``error.absolute_path``); if the path does not
        exist, the location of the deepest existing ancestor.
    doc.nokkel_plassering(path) -> tuple[int, int]
        1-based (line, column) of the *key* node for a mapping entry at ``path``
        (falls back to plassering(path)).
    doc.som_skrevet(path) -> str | None
        the scalar at ``path`` as written, before it was read as a number, true/false or
        null (``2027.10`` for the number 2027.1); None where there is no scalar.
    doc.stil(path) -> str | None
        how the scalar at ``path`` is written: "plain", "double", "single", "literal" (``|``)
        or "folded" (``>``); None where there is no scalar.
    doc.tegn_plassering(path, indeks) -> tuple[int, int]
        1-based (line, column) of character ``indeks`` of the text at ``path``: exact in a
        ``|`` block and in a one-line text (plain, or quoted without escapes); otherwise,
        where the text may have been folded or unescaped, plassering(path).

Reading rules (YAML 1.2 core schema, with a few deliberate restrictions):

* Only ``true``/``True``/``TRUE``/``false``/``False``/``FALSE`` are booleans;
  ``yes``/``no``/``on``/``off``/``y``/``n``/``ja``/``nei`` stay strings.
* ``null``/``Null``/``NULL``/``~``/empty are ``None``.
* Integers: decimal (``010`` is 10, no octal surprise), ``0o17`` octal, ``0x1F`` hex.
  No sexagesimal numbers (``9:00`` and ``1:30:00`` stay strings), no ``1_000``.
* Floats: ``0.10``, ``.5``, ``1e3``, ``-2.5E-3``.  ``.inf``/``.nan`` and values that
  overflow to infinity are rejected (kode ``"tall"``): no rule needs them, and a
  typo should not silently become infinity.
* Timestamps are never converted: ``2026-08-19`` stays the string ``"2026-08-19"``.
* Quoted scalars are always strings.  Explicit standard tags (``!!str``, ``!!int``,
  ``!!float``, ``!!bool``, ``!!null``, ``!!seq``, ``!!map``) are honoured; every
  other tag (``!!python/object``, ``!!binary``, ``!!timestamp``, ``!lokal`` ...) is
  rejected (kode ``"tagg"``).
* Mapping keys must be strings; ``1:``, ``true:``, ``null:`` or a list as key are
  rejected (kode ``"nokkel"``).  ``yes:``/``no:``/``on:``/``off:`` are string keys.
* Duplicate keys are rejected naming both lines (kode ``"duplikat-nokkel"``).
* Merge keys (``<<: *anker`` or ``<<: [*a, *b]``) are supported as in the YAML
  merge-key spec: keys written in the mapping itself win over merged ones, and
  among several merged mappings the earlier one wins.  Merged keys are not
  duplicates; two ``<<`` keys in one mapping are.  Merged keys come first in the
  resulting dict (as in PyYAML).
* Anchors/aliases are bounded (kode ``"alias"``): at most ``MAKS_ALIASER`` alias uses
  per document, at most ``MAKS_NODER`` nodes (keys and values) after expanding
  aliases, and no alias inside its own anchor.  Nesting is limited to
  ``MAKS_DYBDE`` levels (kode ``"dybde"``).  The node budget is checked on the
  composed node graph before anything is built, so a "billion laughs" file fails
  in milliseconds.
* Exactly one document per file (kode ``"flere-dokumenter"``).  An empty file (or
  one with only comments) gives ``data is None``; callers decide what that means.
* Files must be UTF-8 (a UTF-8 byte order mark is accepted).
* Spaces that only look like spaces (a non-breaking space U+00A0, U+2000–U+200A, U+202F,
  U+205F, U+3000), pasted from Word or a web page, are errors (kode ``"tegn"``) where YAML's
  structure is: in the indentation, around ``:``, after ``-`` and at the start or end of a
  plain text.  YAML reads them as text, so the line would otherwise fail further on (or not
  at all) with a misleading message.  Inside a text (``"kl.\u00a015"``) they are kept.
* Syntax errors (kode ``"syntaks"``) and refused characters (kode ``"tegn"``) get a
  Norwegian explanation with a fix, located where the user has to look (an unclosed
  quote or bracket where it was opened); PyYAML's English text never reaches them.

Locations of values inside an alias point into the anchored text; the location of
the alias value itself is the alias (``*navn``).
"""

from __future__ import annotations

import bisect
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Final, NoReturn, TypeAlias

import attrs
import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ._errors import YamlFeil
from ._meldinger import RARE_MELLOMROM, med_usynlige_vist, os_grunn

__all__ = [
    "MAKS_ALIASER",
    "MAKS_DYBDE",
    "MAKS_NODER",
    "YamlDokument",
    "load_yaml_file",
    "load_yaml_text",
]

Sti: TypeAlias = tuple[str | int, ...]
Plass: TypeAlias = tuple[int, int]

MAKS_ALIASER: Final = 100
MAKS_NODER: Final = 200_000
MAKS_DYBDE: Final = 100

# All user-facing wording.  Placeholders are filled with str.format.
_MELDINGER: Final[dict[str, str]] = {
    "finnes-ikke": "Finner ikke filen. Sjekk navnet og mappen.",
    "kan-ikke-lese": "Kan ikke lese filen ({grunn}).",
    "ikke-utf8": ("Filen er ikke UTF-8 (ugyldig tegn på linje {linje}). Lagre filen med tegnkodingen UTF-8."),
    "usynlig-linjeskift": (
        "Filen inneholder et usynlig {hva} ({tegn}), ofte med tekst kopiert fra Word eller PDF. YAML ville "
        "lest det som et linjeskift, så teksten og linjenumrene etter det ville blitt feil. Slett tegnet, "
        "eller erstatt det med {erstatt}.{flere}"
    ),
    "mellomrom-tegn": (
        "Her står {hva} ({tegn}), ofte fra tekst kopiert fra Word, PDF eller en nettside. Det ser ut "
        "som et vanlig mellomrom, men YAML leser det som tekst, så innrykket, kolonet eller «-» rundt "
        "det blir lest feil. Erstatt det med et vanlig mellomrom.{flere}"
    ),
    "usynlig-tegn": (
        "Her står {hva} ({tegn}), ofte fra tekst kopiert fra Word, PDF eller en nettside. YAML leser "
        "det som tekst, så innrykket, kolonet eller «-» rundt det blir lest feil. Slett tegnet.{flere}"
    ),
    "ulovlig-tegn": (
        "Filen inneholder {hva} ({tegn}) som ikke er tillatt i YAML. Slett tegnet; er det usynlig, "
        "slett teksten rundt denne kolonnen og skriv den inn på nytt."
    ),
    "tabulator": (
        "Linjen har en tabulator (tab) der YAML ikke tillater det. Bruk mellomrom, ikke tabulator, for innrykk."
    ),
    "kolon": (
        "Kolon er ikke tillatt her. Sett teksten i anførselstegn hvis den inneholder "
        "«: », og sjekk innrykket på linjen."
    ),
    "slutt": ("Filen slutter før et anførselstegn eller en parentes er lukket. Lukk den der verdien skal slutte."),
    "parentes": (
        "«{start}» på linje {linje} er ikke lukket riktig: det mangler komma eller «{slutt}». "
        "Sett komma mellom verdiene og lukk med «{slutt}»."
    ),
    "syntaks": (
        "Filen kan ikke leses som YAML her. Sjekk innrykket, anførselstegn, parenteser og kolon på "
        "denne linjen og linjene rett over."
    ),
    "innrykk": (
        "Innrykket stemmer ikke med linjene over. Sjekk at felt på samme nivå har like mange "
        "mellomrom foran seg, og at et listeelement begynner med «- »."
    ),
    "tekst-etter-sitat": (
        "Det står tekst der YAML ikke venter mer: ofte tekst etter et avsluttende anførselstegn, eller "
        "feil innrykk. Står det anførselstegn inne i teksten, bruk «» der, eller sett hele teksten i "
        "enkle anførselstegn ('…'). Sjekk også innrykket."
    ),
    "starttegn": "Tegnet «{tegn}» kan ikke stå først i en verdi. Sett verdien i anførselstegn.",
    "mangler-kolon": (
        "Finner ikke kolonet etter en nøkkel. Skriv «nøkkel: verdi», eller sett en tekst som går over "
        "flere linjer i anførselstegn."
    ),
    "escape": (
        "Ukjent tegnsekvens «\\{tegn}» i en tekst med doble anførselstegn. Bruk enkle anførselstegn "
        "rundt teksten, eller skriv \\\\ for en omvendt skråstrek."
    ),
    "escape-kode": (
        "Ugyldig tegnsekvens «\\{tegn}» i en tekst med doble anførselstegn: etter «\\{tegn}» må det stå "
        "en tegnkode på {antall} tegn (0–9 og A–F). Bruk enkle anførselstegn rundt teksten, eller skriv "
        "\\\\ for en omvendt skråstrek."
    ),
    "anforsel-apen-linje": (
        "Anførselstegnet «{tegn}» på linje {linje} ser ikke ut til å bli lukket på samme linje, så teksten "
        "fortsetter helt til neste «{tegn}» på linje {slutt}. Sett et «{tegn}» der teksten skal slutte på "
        "linje {linje}."
    ),
    "anforsel-apen": (
        "Anførselstegnet «{tegn}» på linje {linje} blir ikke lukket. Sett et «{tegn}» der teksten skal "
        "slutte, og sjekk at anførselstegnene lenger opp i filen står parvis."
    ),
    "parentes-apen": (
        "«{start}» på linje {linje} blir ikke lukket. Sett «{slutt}» der verdiene skal slutte, med komma "
        "mellom verdiene."
    ),
    "ekstra-parentes": (
        "«{tegn}» lukker en parentes som ikke er åpnet. Fjern tegnet, eller sett verdien i "
        "anførselstegn hvis «{tegn}» hører til teksten."
    ),
    "komma": (
        "Kommaet står uten en verdi foran seg. Fjern kommaet, eller sett teksten i anførselstegn "
        "hvis kommaet hører til teksten."
    ),
    "listeelement": (
        "Et listeelement («- ») kan ikke begynne her. Sett hvert listeelement på en egen linje under "
        "nøkkelen, med innrykk, eller sett teksten i anførselstegn hvis «-» hører til den."
    ),
    "listeelement-parentes": (
        "«- » kan ikke brukes inne i [ ] eller { }. Skriv verdiene med komma mellom, for eksempel "
        "[a, b], eller sett teksten i anførselstegn."
    ),
    "sporsmaalstegn": (
        "«? » (spørsmålstegn og mellomrom) har en spesiell betydning i YAML og kan ikke stå her. "
        "Sett teksten i anførselstegn."
    ),
    "direktiv": (
        "Linjen begynner med «%», og da leses den som et YAML-direktiv. Rutinefilene bruker ikke "
        "direktiver: fjern linjen, eller rykk den inn og sett teksten i anførselstegn hvis den hører "
        "til en verdi."
    ),
    "dokumentslutt": (
        "«...» på linje {linje} avslutter YAML-dokumentet, så ingenting kan stå etter den. Fjern linjen med «...»."
    ),
    "etter-rot": (
        "Det står mer her etter at verdien øverst i filen er ferdig. Øverste nivå i filen skal være "
        "linjer med «nøkkel: verdi» (for eksempel «type: rutine»); sjekk parenteser og anførselstegn "
        "på linjene over."
    ),
    "anker-tegn": (
        "Navnet etter «{start}» ({hva}) kan ikke inneholde «{tegn}». Et navn kan bare ha bokstavene "
        "a–z og A–Z (ikke æ, ø, å), tall, «-» og «_». Rett navnet, eller sett verdien i anførselstegn "
        "hvis «{start}» hører til teksten."
    ),
    "anker-tomt": (
        "Navnet mangler etter «{start}» ({hva}). Skriv navnet rett etter tegnet, for eksempel "
        "«{start}felles», eller sett verdien i anførselstegn hvis «{start}» hører til teksten."
    ),
    "tagg-syntaks": (
        "Taggen som begynner med «!» her, er ikke skrevet riktig. Fjern taggen (rutinefilene trenger "
        "ikke tagger), eller sett verdien i anførselstegn hvis «!» hører til teksten."
    ),
    "blokktekst": (
        "Etter «{tegn}» (tekst over flere linjer) kan bare «-», «+» eller et siffer 1–9 stå på samme "
        "linje. Flytt teksten til linjene under, med innrykk, eller sett verdien i anførselstegn."
    ),
    "ekstra-merke": (
        "En verdi kan ha høyst ett anker («&navn») og én tagg («!tagg»). Fjern det som står i "
        "tillegg, eller sett verdien i anførselstegn hvis «&» eller «!» hører til teksten."
    ),
    "verdi-mangler": "Her mangler en verdi. Skriv verdien, eller sett teksten i anførselstegn.",
    "udefinert-alias": (
        "Aliaset «*{navn}» viser til et anker (&{navn}) som ikke er definert før det "
        "brukes. Definer ankeret først, eller rett navnet."
    ),
    "duplikat-anker": (
        "Ankeret «&{navn}» er definert to ganger (linje {forste} og linje {andre}). Gi det ene et nytt navn."
    ),
    "flere-dokumenter": (
        "Filen inneholder mer enn ett YAML-dokument (nytt dokument på linje {linje}). "
        "En fil skal ha ett dokument: fjern «---» eller del opp filen."
    ),
    "for-mange-aliaser": (
        "Filen bruker mer enn {maks} aliaser (*navn). Skriv verdiene ut i stedet for å gjenbruke dem så mange ganger."
    ),
    "for-mange-noder": (
        "Filen har for mange verdier (mer enn {maks}) når aliasene (*navn) er pakket ut. "
        "Fjern aliaser som gjentar store deler av filen."
    ),
    "rekursivt-alias": ("Aliaset viser til et anker det selv står inne i, så verdien blir uendelig. Fjern aliaset."),
    "for-dyp": ("Verdiene ligger inni hverandre i for mange nivåer (mer enn {maks}). Forenkle strukturen."),
    "duplikat-nokkel": (
        "«{nokkel}:» står to ganger på samme nivå (linje {forste} og linje {andre}). Fjern den ene, eller rett navnet."
    ),
    "duplikat-nokkel-linje": (
        "«{nokkel}:» står to ganger på samme nivå på linje {linje} (kolonne {forste} og "
        "kolonne {andre}). Fjern den ene, eller rett navnet."
    ),
    "nokkel-ikke-tekst": (
        "«{nokkel}» foran kolonet blir lest som {hva}, men navnet foran et kolon må være tekst. "
        'Sett det i anførselstegn: "{nokkel}":'
    ),
    "nokkel-tom": "Navnet foran kolonet mangler: skriv et navn der.",
    "nokkel-samling": "Foran et kolon kan det ikke stå en liste eller en samling av felt. Skriv et navn (tekst).",
    "fletting": (
        "Flettefeltet «<<» må ha en samling av felt, eller en liste av slike, som verdi, for eksempel «<<: *felles»."
    ),
    "tagg-ukjent": (
        "Taggen «{tagg}» er ikke tillatt: bare tekst, tall, true/false, null, lister og samlinger av felt kan brukes. "
        "Fjern taggen, eller sett verdien i anførselstegn hvis «!» hører til teksten (en kode «!» i et "
        'kodekart skrives "!":).'
    ),
    "tagg-passer-ikke": ("Verdien «{verdi}» passer ikke til taggen «{tagg}». Fjern taggen eller rett verdien."),
    "tall-spesiell": (
        "Verdien «{verdi}» (uendelig eller «ikke et tall») er ikke tillatt. Skriv et "
        "vanlig tall, eller sett verdien i anførselstegn hvis den er tekst."
    ),
    "tall-for-stort": (
        "Tallet «{verdi}» er for stort. Skriv et mindre tall, eller sett verdien i anførselstegn hvis den er tekst."
    ),
}

_KEY_TYPE_WORDS: Final[dict[type, str]] = {
    bool: "true/false",
    int: "et heltall",
    float: "et desimaltall",
    type(None): "tom verdi (null)",
}

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
_SEQ, _MAP, _MERGE = _T + "seq", _T + "map", _T + "merge"

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_NULL_RE: Final = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL_RE: Final = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_INT_DEC_RE: Final = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT_RE: Final = re.compile(r"0o[0-7]+\Z")
_INT_HEX_RE: Final = re.compile(r"0x[0-9a-fA-F]+\Z")
_INT_RE: Final = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT_RE: Final = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT_RE: Final = re.compile(r"(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z")
_MERGE_RE: Final = re.compile(r"<<\Z")


class _Laster(yaml.SafeLoader):
    """PyYAML's pure-Python safe loader with our own resolver tables.

    Every table is this class's own object, so registering resolvers here never
    changes ``yaml.SafeLoader`` or any other loader.  Only the composer is used;
    the data is built from the node tree by ``_Bygger``.
    """

    # Class-level tables in PyYAML (its stubs declare them as instance variables, so
    # ClassVar is not accepted by mypy here).
    yaml_implicit_resolvers = {}  # noqa: RUF012
    yaml_path_resolvers = {}  # noqa: RUF012
    yaml_constructors: ClassVar[dict[str | None, Any]] = dict(yaml.SafeLoader.yaml_constructors)
    yaml_multi_constructors: ClassVar[dict[str | None, Any]] = dict(yaml.SafeLoader.yaml_multi_constructors)

    def __init__(self, stream: str, fil: str) -> None:
        super().__init__(stream)
        self._fil = fil
        self._aliaser = 0
        self._dybde = 0
        # id() of each alias copy -> the anchored node it copies (where its text is written)
        self.kopier: dict[int, Node] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            mark = _naeste_mark(self)
            self._aliaser += 1
            if self._aliaser > MAKS_ALIASER:
                _feil("for-mange-aliaser", self._fil, mark, "alias", maks=MAKS_ALIASER)
            target = super().compose_node(parent, index)
            assert target is not None
            # A copy that shares the target's value but carries the alias's own
            # location, so the aliased value is located where the alias is written.
            kopi: Node = type(target)(target.tag, target.value, mark, target.end_mark)
            self.kopier[id(kopi)] = self.kopier.get(id(target), target)
            return kopi
        self._dybde += 1
        try:
            if self._dybde > MAKS_DYBDE:
                mark = _naeste_mark(self)
                _feil("for-dyp", self._fil, mark, "dybde", maks=MAKS_DYBDE)
            return super().compose_node(parent, index)
        finally:
            self._dybde -= 1


# Order matters within one first character: ints before floats.
for _tag, _regex, _first in (
    (_BOOL, _BOOL_RE, "tTfF"),
    (_INT, _INT_RE, "-+0123456789"),
    (_FLOAT, _FLOAT_RE, "-+.0123456789"),
    (_FLOAT, _SPECIAL_FLOAT_RE, "-+."),
    (_NULL, _NULL_RE, ["~", "n", "N", ""]),
    (_MERGE, _MERGE_RE, "<"),
):
    _Laster.add_implicit_resolver(_tag, _regex, list(_first))
del _tag, _regex, _first


def _naeste_mark(laster: _Laster) -> Mark:
    """Location of the next parser event (PyYAML's stubs leave peek_event untyped)."""
    mark: Mark = laster.peek_event().start_mark  # type: ignore[no-untyped-call]
    return mark


def _plass(mark: Mark | None) -> Plass:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _feil(kode_melding: str, fil: str, mark: Mark | None, kode: str, **felt: object) -> NoReturn:
    linje, kolonne = _plass(mark) if mark is not None else (None, None)
    raise YamlFeil(
        med_usynlige_vist(_MELDINGER[kode_melding].format(**felt)),
        fil=fil,
        linje=linje,
        kolonne=kolonne,
        kode=kode,
    )


def _kort(tekst: str, maks: int = 40) -> str:
    return tekst if len(tekst) <= maks else tekst[: maks - 1] + "…"


def _tagg_visning(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


_STILER: Final[dict[str | None, str]] = {
    None: "plain",
    "": "plain",
    '"': "double",
    "'": "single",
    "|": "literal",
    ">": "folded",
}


@attrs.frozen
class _Skalar:
    """Where and how one scalar is written: its style, its text as written and its place."""

    stil: str
    skrevet: str  # the scalar's text as PyYAML read it (unescaped, before any conversion)
    start: int  # index in the document text where the node starts (its anchor or tag, if any)
    slutt: int  # index just after the scalar


@attrs.frozen
class YamlDokument:
    """One loaded YAML document: display name, plain data and source locations."""

    fil: str
    data: Any
    _verdier: Mapping[Sti, Plass] = attrs.field(repr=False, eq=False)
    _nokler: Mapping[Sti, Plass] = attrs.field(repr=False, eq=False)
    _skalarer: Mapping[Sti, _Skalar] = attrs.field(factory=dict, repr=False, eq=False, kw_only=True)
    _tekst: str = attrs.field(default="", repr=False, eq=False, kw_only=True)
    # the text's lines (as PyYAML counts them) and where each starts, made on first need
    _linjer: list[tuple[list[str], list[int]]] = attrs.field(factory=list, init=False, repr=False, eq=False)

    def _linjene(self) -> tuple[list[str], list[int]]:
        if not self._linjer:
            linjer = _LINJESKIFT_RE.split(self._tekst)
            starter = [0] + [m.end() for m in _LINJESKIFT_RE.finditer(self._tekst)]
            self._linjer.append((linjer, starter))
        return self._linjer[0]

    def _plass_for(self, posisjon: int) -> Plass:
        """1-based (line, column) of ``posisjon`` in the text (as _linje_og_kolonne, in O(log n))."""
        starter = self._linjene()[1]
        nr = bisect.bisect_right(starter, posisjon) - 1
        return (nr + 1, posisjon - starter[nr] + 1)

    def plassering(self, path: Iterable[str | int]) -> Plass:
        """1-based (line, column) of the value at ``path`` or its deepest existing ancestor."""
        sti = tuple(path)
        for lengde in range(len(sti), -1, -1):
            plass = self._verdier.get(sti[:lengde])
            if plass is not None:
                return plass
        return (1, 1)

    def nokkel_plassering(self, path: Iterable[str | int]) -> Plass:
        """1-based (line, column) of the key of the mapping entry at ``path``."""
        sti = tuple(path)
        plass = self._nokler.get(sti)
        return plass if plass is not None else self.plassering(sti)

    def som_skrevet(self, path: Iterable[str | int]) -> str | None:
        """The scalar at ``path`` as written, before it was read as a number, true/false or null
        (``2027.10``, not the number 2027.1); None where there is no scalar."""
        skalar = self._skalarer.get(tuple(path))
        return None if skalar is None else skalar.skrevet

    def stil(self, path: Iterable[str | int]) -> str | None:
        """How the scalar at ``path`` is written: "plain", "double", "single", "literal" (``|``) or
        "folded" (``>``); None where there is no scalar."""
        skalar = self._skalarer.get(tuple(path))
        return None if skalar is None else skalar.stil

    def tegn_plassering(self, path: Iterable[str | int], indeks: int) -> Plass:
        """1-based (line, column) of character ``indeks`` of the text at ``path``.

        Exact in a ``|`` block and in a text on one line written plain or quoted without escapes;
        elsewhere (a folded or multi-line text, escapes) the text's own location.
        """
        sti = tuple(path)
        skalar = self._skalarer.get(sti)
        tekst = self._tekst
        if skalar is None or not 0 <= indeks < len(skalar.skrevet) or not tekst:
            return self.plassering(sti)
        verdi = skalar.skrevet
        if skalar.stil in ("plain", "double", "single"):
            # The text ends the node; an anchor or tag may stand before it.
            q = skalar.stil != "plain"
            start = skalar.slutt - len(verdi) - 2 * q
            kilde = tekst[start : skalar.slutt]
            if (
                start >= skalar.start
                and kilde[q : len(kilde) - q] == verdi
                and (not q or kilde[0] == kilde[-1] == ('"' if skalar.stil == "double" else "'"))
                and not any(t in _LINJESKIFT for t in kilde)
            ):
                return self._plass_for(start + q + indeks)
        elif skalar.stil == "literal":
            # Line n of the value is line n after the «|» line in the file, indentation removed.
            strek = tekst.find("|", skalar.start, skalar.slutt)
            nr = verdi.count("\n", 0, indeks)
            linjestart = verdi.rfind("\n", 0, indeks) + 1
            linjeslutt = verdi.find("\n", indeks)
            verdilinje = verdi[linjestart : linjeslutt if linjeslutt >= 0 else len(verdi)]
            linjer = self._linjene()[0]
            linje = self._plass_for(strek)[0] + nr + 1  # 1-based
            if strek >= 0 and linje <= len(linjer):
                fillinje = linjer[linje - 1]
                innrykk = len(fillinje) - len(verdilinje)
                if fillinje.endswith(verdilinje) and not fillinje[:innrykk].strip(" "):
                    return (linje, innrykk + indeks - linjestart + 1)
        return self.plassering(sti)


class _Bygger:
    """Builds plain Python data from a composed node tree, recording locations."""

    def __init__(self, fil: str, kopier: Mapping[int, Node] | None = None) -> None:
        self.fil = fil
        self.verdier: dict[Sti, Plass] = {}
        self.nokler: dict[Sti, Plass] = {}
        self.skalarer: dict[Sti, _Skalar] = {}
        self._kopier: Mapping[int, Node] = kopier or {}
        # Keyed by id() of a collection node's value list, which alias copies share.
        self._ferdig: dict[int, tuple[int, int]] = {}
        self._pagaar: set[int] = set()

    # -- budget check on the node graph (before building anything) -----------------

    def sjekk_storrelse(self, node: Node) -> None:
        """Reject cycles, too many expanded nodes and too deep expanded nesting."""
        self._mal(node, 1)

    def _mal(self, node: Node, dybde: int) -> tuple[int, int]:
        """Return (expanded node count, expanded height) of ``node``."""
        if dybde > MAKS_DYBDE:
            _feil("for-dyp", self.fil, node.start_mark, "dybde", maks=MAKS_DYBDE)
        if isinstance(node, ScalarNode):
            return (1, 1)
        nokkel = id(node.value)
        kjent = self._ferdig.get(nokkel)
        if kjent is not None:
            if dybde + kjent[1] - 1 > MAKS_DYBDE:
                _feil("for-dyp", self.fil, node.start_mark, "dybde", maks=MAKS_DYBDE)
            return kjent
        if nokkel in self._pagaar:
            _feil("rekursivt-alias", self.fil, node.start_mark, "alias")
        self._pagaar.add(nokkel)
        barn: list[Node] = [n for par in node.value for n in par] if isinstance(node, MappingNode) else list(node.value)
        antall, hoyde = 1, 0
        for b in barn:
            b_antall, b_hoyde = self._mal(b, dybde + 1)
            antall += b_antall
            hoyde = max(hoyde, b_hoyde)
            if antall > MAKS_NODER:
                _feil("for-mange-noder", self.fil, b.start_mark, "alias", maks=f"{MAKS_NODER:,}".replace(",", " "))
        self._pagaar.discard(nokkel)
        resultat = (antall, hoyde + 1)
        self._ferdig[nokkel] = resultat
        return resultat

    # -- building ---------------------------------------------------------------------

    def bygg(self, node: Node, sti: Sti) -> Any:
        self.verdier[sti] = _plass(node.start_mark)
        if isinstance(node, ScalarNode):
            kilde = self._kopier.get(id(node), node)  # an alias's text is where its anchor is
            assert isinstance(kilde, ScalarNode)
            self.skalarer[sti] = _Skalar(
                _STILER.get(kilde.style, "plain"),
                str(kilde.value),
                kilde.start_mark.index,
                kilde.end_mark.index,
            )
            return self._skalar(node)
        if isinstance(node, SequenceNode):
            self._sjekk_samlingstagg(node, _SEQ)
            return [self.bygg(barn, (*sti, i)) for i, barn in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        resultat: dict[str, Any] = {}
        for nokkel, (nokkel_node, verdi_node) in self._oppforinger(node).items():
            barn_sti = (*sti, nokkel)
            self.nokler[barn_sti] = _plass(nokkel_node.start_mark)
            resultat[nokkel] = self.bygg(verdi_node, barn_sti)
        return resultat

    def _sjekk_samlingstagg(self, node: Node, forventet: str) -> None:
        if node.tag != forventet:
            _feil("tagg-ukjent", self.fil, node.start_mark, "tagg", tagg=_tagg_visning(node.tag))

    def _oppforinger(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        """Entries of a mapping node by string key, with merge keys resolved."""
        self._sjekk_samlingstagg(node, _MAP)
        egne: dict[str, tuple[Node, Node]] = {}
        flettet: dict[str, tuple[Node, Node]] = {}
        forrige_fletting: Node | None = None
        for nokkel_node, verdi_node in node.value:
            if isinstance(nokkel_node, ScalarNode) and nokkel_node.tag == _MERGE:
                if forrige_fletting is not None:
                    self._duplikat("<<", forrige_fletting, nokkel_node)
                forrige_fletting = nokkel_node
                kilder = list(verdi_node.value) if isinstance(verdi_node, SequenceNode) else [verdi_node]
                for kilde in kilder:
                    if not isinstance(kilde, MappingNode):
                        _feil("fletting", self.fil, kilde.start_mark, "fletting")
                    for nokkel, par in self._oppforinger(kilde).items():
                        # The earlier merged mapping wins (YAML merge-key spec).
                        flettet.setdefault(nokkel, par)
                continue
            nokkel = self._nokkel(nokkel_node)
            if nokkel in egne:
                self._duplikat(nokkel, egne[nokkel][0], nokkel_node)
            egne[nokkel] = (nokkel_node, verdi_node)
        if not flettet:
            return egne
        # Keys written in the mapping itself win over merged ones.
        return flettet | egne

    def _duplikat(self, nokkel: str, forste: Node, andre: Node) -> NoReturn:
        if forste.start_mark.line == andre.start_mark.line:
            # «{a: 1, a: 2}»: both on one line, told apart by column
            _feil(
                "duplikat-nokkel-linje",
                self.fil,
                andre.start_mark,
                "duplikat-nokkel",
                nokkel=_kort(nokkel),
                linje=_plass(andre.start_mark)[0],
                forste=_plass(forste.start_mark)[1],
                andre=_plass(andre.start_mark)[1],
            )
        _feil(
            "duplikat-nokkel",
            self.fil,
            andre.start_mark,
            "duplikat-nokkel",
            nokkel=_kort(nokkel),
            forste=_plass(forste.start_mark)[0],
            andre=_plass(andre.start_mark)[0],
        )

    def _nokkel(self, node: Node) -> str:
        if not isinstance(node, ScalarNode):
            _feil("nokkel-samling", self.fil, node.start_mark, "nokkel")
        verdi = self._skalar(node)
        if isinstance(verdi, str):
            return verdi
        if verdi is None and node.value == "":
            _feil("nokkel-tom", self.fil, node.start_mark, "nokkel")
        _feil(
            "nokkel-ikke-tekst",
            self.fil,
            node.start_mark,
            "nokkel",
            nokkel=_kort(str(node.value)),
            hva=_KEY_TYPE_WORDS[type(verdi)],
        )

    def _skalar(self, node: ScalarNode) -> str | int | float | bool | None:
        tag, tekst = node.tag, str(node.value)
        if tag in (_STR, _MERGE):
            # A plain ``<<`` outside key position is just the text "<<".
            return tekst
        if tag == _NULL and _NULL_RE.match(tekst):
            return None
        if tag == _BOOL and _BOOL_RE.match(tekst):
            return tekst.lower() == "true"
        if tag == _INT and _INT_RE.match(tekst):
            try:
                if _INT_OCT_RE.match(tekst):
                    return int(tekst[2:], 8)
                if _INT_HEX_RE.match(tekst):
                    return int(tekst[2:], 16)
                return int(tekst, 10)
            except ValueError:  # more digits than int() accepts from text
                _feil("tall-for-stort", self.fil, node.start_mark, "tall", verdi=_kort(tekst))
        if tag == _FLOAT and _SPECIAL_FLOAT_RE.match(tekst):
            _feil("tall-spesiell", self.fil, node.start_mark, "tall", verdi=_kort(tekst))
        if tag == _FLOAT and _FLOAT_RE.match(tekst):
            tall = float(tekst)
            if not math.isfinite(tall):
                _feil("tall-for-stort", self.fil, node.start_mark, "tall", verdi=_kort(tekst))
            return tall
        if tag in (_NULL, _BOOL, _INT, _FLOAT):
            _feil(
                "tagg-passer-ikke",
                self.fil,
                node.start_mark,
                "tagg",
                verdi=_kort(tekst),
                tagg=_tagg_visning(tag),
            )
        _feil("tagg-ukjent", self.fil, node.start_mark, "tagg", tagg=_tagg_visning(tag))


# PyYAML names the token it did not expect at the end of its problem text:
# "expected <block end>, but found '<scalar>'", "expected ',' or ']', but got ':'".
_UVENTET_RE: Final = re.compile(r".*, but (?:found|got) '(.*)'")
# Line breaks as PyYAML counts them (its marks number lines this way).
_LINJESKIFT_RE: Final = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_LINJESKIFT: Final = "\r\n\x85\u2028\u2029"
# The three of them no editor shows as a line break.
_USYNLIGE: Final = {"\x85": "neste-linje-tegn", "\u2028": "linjeskilletegn", "\u2029": "avsnittsskilletegn"}
_USYNLIG_LINJESKIFT_RE: Final = re.compile("[\x85\u2028\u2029]")
# Spaces that YAML reads as text: only the ordinary space (and a tab) separate its structure.
_MELLOMROM_RE: Final = RARE_MELLOMROM
_MELLOMROM_NAVN: Final = {
    "\u00a0": "et hardt mellomrom",
    "\u202f": "et smalt hardt mellomrom",
    "\u2009": "et tynt mellomrom",
    "\u3000": "et bredt (ideografisk) mellomrom",
}
# Invisible characters that are not spaces at all (soft hyphen, zero-width space and joiners,
# word joiner, byte order mark): in a text they are only warned about (see _skjema).
_USYNLIG_RE: Final = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_FEILPLASSERT_RE: Final = re.compile(f"{_MELLOMROM_RE.pattern}|{_USYNLIG_RE.pattern}")


def _feilplasserte_tegn(tekst: str, til: int | None = None) -> list[int]:
    """Indexes of the odd spaces and invisible characters that stand where YAML's structure is.

    YAML reads them as text, so they only end up in a plain (unquoted) scalar, or stop the
    scanner.  An odd space in a plain scalar is misplaced when it, with the spaces around it,
    starts or ends the scalar (indentation, after «- » or «: », before «:», at the end of a line)
    or follows a «:» or an initial «-»/«?», or comes before a «#»: where an ordinary space would
    have been structure.  Between words it is text (``kl.\u00a015``).  An invisible character is
    misplaced only in the indentation: elsewhere in a text it is warned about (see _skjema),
    except before ``til``, the place of a syntax error, which it may well have caused.  The file
    is only scanned, never parsed.
    """
    funn: list[int] = []
    skanner = yaml.SafeLoader(tekst)
    # After a syntax error only its own line and the one before are looked at (an odd space in
    # the indentation is noticed a line later): a character further up did not cause it.
    fra = feillinje = 0
    if til is not None:
        feillinje = _linjestart(tekst, til)
        fra = _linjestart(tekst, feillinje - 1)

    def se_paa(tokens: Iterable[yaml.Token]) -> None:
        for token in tokens:
            if isinstance(token, yaml.ScalarToken) and token.plain:
                start, slutt = token.start_mark.index, token.end_mark.index
                # strictly only on the error's own line: above it the text parsed as text
                strengt = til is not None and slutt >= feillinje
                funn.extend(_i_strukturen(tekst, start, slutt, strengt=strengt))

    try:
        while not skanner.check_token(yaml.StreamEndToken):
            token: yaml.Token = skanner.get_token()  # type: ignore[no-untyped-call]
            if til is not None and token.start_mark.index > til:
                break
            se_paa([token])
    except yaml.MarkedYAMLError as feil:
        # Tokens already scanned but not handed out: the scanner gave up after them
        # («naar:\u00a0 "tekst"» has no «: », so the key's «:» is missing on the next line).
        se_paa(skanner.tokens)
        mark = feil.problem_mark
        if mark is not None and _FEILPLASSERT_RE.match(tekst, mark.index):
            # the scanner stopped at one («&navn\u00a0», «|\u00a0»)
            funn.append(mark.index)
    except yaml.reader.ReaderError:
        pass
    finally:
        skanner.dispose()
    return sorted(i for i in funn if til is None or fra <= i <= til)


def _linjestart(tekst: str, indeks: int) -> int:
    """Index of the first character of the line that holds ``indeks`` (0 for indeks < 0)."""
    if indeks <= 0:
        return 0
    return max(tekst.rfind(t, 0, indeks) for t in _LINJESKIFT) + 1


def _i_strukturen(tekst: str, start: int, slutt: int, *, strengt: bool) -> list[int]:
    """The misplaced odd spaces and invisible characters in the plain scalar ``tekst[start:slutt]``
    (``strengt``: invisible characters too, wherever an odd space would be misplaced)."""

    def blankt(i: int) -> bool:
        return tekst[i] in " \t" or _FEILPLASSERT_RE.match(tekst, i) is not None

    funn: list[int] = []
    ferdig = start
    forst = _forst_paa_linjen_i(tekst, start)
    for m in _FEILPLASSERT_RE.finditer(tekst, start, slutt):
        if m.start() < ferdig:
            continue  # in a run already looked at
        a, b = m.start(), m.end()
        while a > start and blankt(a - 1):
            a -= 1
        while b < slutt and blankt(b):
            b += 1
        ferdig = b
        innrykk = a == start and forst
        if strengt:
            # the file does not parse: anything where an ordinary space would be structure
            struktur = (
                a == start
                or b == slutt
                or tekst[a - 1] in _LINJESKIFT
                or tekst[b] in _LINJESKIFT
                or tekst[a - 1] == ":"
                or tekst[b] == "#"
                or (a == start + 1 and tekst[start] in "-?")
            )
        else:
            # The file parses, so the character is in a text. It is a mistake only where an ordinary
            # space gives what the editor shows: at the text's start or end (the space is dropped),
            # or, in a text that stands first on its line (where a key or a list item would), after
            # a «:» or an initial «-»/«?» («  - skolesituasjonen» is meant as a list item).
            # Elsewhere («Frist: 5 dager», «Se punkt #3», «innhold: - Ring») an
            # ordinary space would change the meaning (a key, a comment, a list item), so it is text.
            struktur = (
                a == start
                or b == slutt
                or (forst and (tekst[a - 1] == ":" or (a == start + 1 and tekst[start] in "-?")))
            )
        mellomrom = _MELLOMROM_RE.search(tekst, a, b) is not None
        if innrykk or (struktur and (mellomrom or strengt)):
            funn.append(m.start())
    return funn


def _forst_paa_linjen_i(tekst: str, indeks: int) -> bool:
    """Whether only spaces stand before ``indeks`` on its line."""
    i = indeks
    while i > 0 and tekst[i - 1] == " ":
        i -= 1
    return i == 0 or tekst[i - 1] in _LINJESKIFT


def _sjekk_feilplasserte_tegn(tekst: str, fil: str, til: int | None = None) -> None:
    """Raise at the first odd space or invisible character that stands in YAML's structure, if any
    (see :func:`_feilplasserte_tegn`)."""
    funn = _feilplasserte_tegn(tekst, til)
    if not funn:
        return
    tegn = tekst[funn[0]]
    linje, kolonne = _linje_og_kolonne(tekst, funn[0])
    flere = f" Det står {len(funn)} slike tegn på feil sted i filen; dette er det første." if len(funn) > 1 else ""
    if _MELLOMROM_RE.match(tegn):
        hva, kode_melding = _MELLOMROM_NAVN.get(tegn, "et typografisk mellomrom"), "mellomrom-tegn"
    else:
        hva, kode_melding = "et usynlig tegn", "usynlig-tegn"
    raise YamlFeil(
        _MELDINGER[kode_melding].format(hva=hva, tegn=f"U+{ord(tegn):04X}", flere=flere),
        fil=fil,
        linje=linje,
        kolonne=kolonne,
        kode="tegn",
    )


def _tegn_ved(tekst: str, mark: Mark | None, forskyvning: int = 0) -> str:
    """The character at ``mark`` (moved by ``forskyvning``), or "" outside the text."""
    if mark is None:
        return ""
    i = mark.index + forskyvning
    return tekst[i] if 0 <= i < len(tekst) else ""


def _vis_tegn(tegn: str) -> str:
    """A character as shown in a message: itself, or U+XXXX if it cannot be seen."""
    if len(tegn) == 1 and (not tegn.isprintable() or tegn.isspace()):
        return f"U+{ord(tegn):04X}"
    return tegn


def _forst_paa_linjen(tekst: str, mark: Mark) -> bool:
    """Whether only spaces stand before ``mark`` on its line."""
    i = min(mark.index, len(tekst))
    while i > 0 and tekst[i - 1] == " ":
        i -= 1
    return i == 0 or tekst[i - 1] in _LINJESKIFT


def _merkelinje_over(tekst: str, mark: Mark) -> tuple[str, Plass] | None:
    """The nearest line above ``mark`` (or before it on its line) that starts with ``%``
    (a directive) or ``...`` (end of document), as (that marker, location of the line).

    The search stops at a ``---`` line: a document start ends what the markers affect.
    """
    linjer = _LINJESKIFT_RE.split(tekst)
    for nr in range(min(mark.line, len(linjer) - 1), -1, -1):
        linje = linjer[nr][: mark.column] if nr == mark.line else linjer[nr]
        if linje.startswith("%"):
            return ("%", (nr + 1, 1))
        if linje[:3] in ("...", "---") and linje[3:4] in ("", " ", "\t"):
            return ("...", (nr + 1, 1)) if linje[:3] == "..." else None
    return None


def _syntaksfeil(feil: yaml.MarkedYAMLError, fil: str, tekst: str = "", apne: Sequence[Mark] = ()) -> YamlFeil:
    """Translate a PyYAML syntax error into a located Norwegian ``YamlFeil``.

    ``tekst`` is the text PyYAML read (its marks index into it) and ``apne`` the start
    marks of the collections the parser had open, innermost last.  PyYAML's English
    text is only used to recognise the error; it never reaches the message.
    """
    kode = "flere-dokumenter" if feil.context == "expected a single document in the stream" else "syntaks"
    melding, plass = _oversett_syntaksfeil(feil, tekst, apne)
    linje, kolonne = plass if plass is not None else (None, None)
    return YamlFeil(melding, fil=fil, linje=linje, kolonne=kolonne, kode=kode)


def _oversett_syntaksfeil(feil: yaml.MarkedYAMLError, tekst: str, apne: Sequence[Mark]) -> tuple[str, Plass | None]:
    """Norwegian message and 1-based location for one PyYAML scanner/parser/composer error."""
    problem = feil.problem or ""
    kontekst = feil.context or ""
    pmark, kmark = feil.problem_mark, feil.context_mark
    mark = pmark or kmark
    plass = _plass(mark) if mark is not None else None
    m = _UVENTET_RE.fullmatch(problem)
    uventet = m.group(1) if m is not None else None
    M = _MELDINGER

    # -- scanner: what PyYAML was reading when it gave up ---------------------------
    if "'\\t'" in problem:
        return M["tabulator"], plass
    if kontekst == "while scanning a quoted scalar" and kmark is not None:
        # Unclosed quote: it ran into the end of the file or into a "---"/"..." line.
        tegn = _tegn_ved(tekst, kmark) or '"'
        return M["anforsel-apen"].format(tegn=tegn, linje=_plass(kmark)[0]), _plass(kmark)
    if kontekst == "while scanning a double-quoted scalar" and pmark is not None:
        if problem.startswith("found unknown escape character"):
            return M["escape"].format(tegn=_tegn_ved(tekst, pmark)), plass
        # "expected escape sequence of N hexadecimal numbers": point at the letter
        # after the backslash (\x, \u or \U), as for an unknown escape.
        antall = re.search(r"(\d+) hexadecimal", problem)
        melding = M["escape-kode"].format(
            tegn=_tegn_ved(tekst, pmark, -1), antall=antall.group(1) if antall else "flere"
        )
        return melding, (pmark.line + 1, max(pmark.column, 1))
    if kontekst == "while scanning a block scalar" and kmark is not None:
        return M["blokktekst"].format(tegn=_tegn_ved(tekst, kmark) or "|"), _plass(kmark)
    if "directive" in kontekst or problem.startswith(
        ("found duplicate YAML directive", "found incompatible YAML document", "duplicate tag handle")
    ):
        return M["direktiv"], _plass(kmark) if kmark is not None else plass
    if kontekst in ("while scanning an anchor", "while scanning an alias") and kmark is not None:
        start = _tegn_ved(tekst, kmark) or "&"
        hva = "et alias" if start == "*" else "et anker"
        if pmark is None or pmark.index == kmark.index + 1:
            return M["anker-tomt"].format(start=start, hva=hva), _plass(kmark)
        tegn = _vis_tegn(_tegn_ved(tekst, pmark))
        return M["anker-tegn"].format(start=start, hva=hva, tegn=tegn), _plass(kmark)
    if kontekst in ("while scanning a tag", "while parsing a tag") or problem.startswith("found undefined tag handle"):
        return M["tagg-syntaks"], _plass(kmark) if kmark is not None else plass
    if problem.endswith("that cannot start any token"):
        return M["starttegn"].format(tegn=_vis_tegn(_tegn_ved(tekst, pmark))), plass
    if problem == "mapping values are not allowed here":
        return M["kolon"], plass
    if problem == "sequence entries are not allowed here":
        return M["listeelement"], plass
    if problem == "mapping keys are not allowed here":
        return M["sporsmaalstegn"], plass
    if problem == "could not find expected ':'":
        # Point at the line that looks like a key, not where PyYAML noticed.
        return M["mangler-kolon"], _plass(kmark) if kmark is not None else plass

    # -- parser: a token that does not fit where it stands ------------------------------
    if uventet is not None:
        oversatt = _uventet_token(feil, uventet, tekst, apne)
        if oversatt is not None:
            return oversatt

    # -- composer --------------------------------------------------------------------
    if (m := re.fullmatch(r"found undefined alias '(.*)'", problem)) is not None:
        return M["udefinert-alias"].format(navn=m.group(1)), plass
    if m := re.fullmatch(r"found duplicate anchor '(.*)'; first occurrence", kontekst):
        melding = M["duplikat-anker"].format(navn=m.group(1), forste=_plass(kmark)[0], andre=_plass(mark)[0])
        return melding, plass
    if kontekst == "expected a single document in the stream":
        return M["flere-dokumenter"].format(linje=_plass(mark)[0]), plass

    # -- anything else: no English, just where and what to check ------------------------
    if problem == "found unexpected end of stream" or "'<stream end>'" in problem:
        return M["slutt"], plass
    return M["syntaks"], plass


def _sitat_over_flere_linjer(tekst: str, mark: Mark) -> tuple[str, Plass] | None:
    """The quote that opened a quoted text ending just before ``mark``, when it stands on an
    earlier line: then the likeliest mistake is that it was never closed on its own line, and the
    text ran on to the next quote further down. Returns (quote character, its location)."""
    i = min(mark.index, len(tekst)) - 1
    while i >= 0 and tekst[i] == " ":
        i -= 1
    if i < 0 or tekst[i] not in "\"'":
        return None
    tegn, slutt = tekst[i], i
    j = slutt - 1
    while j >= 0:
        if tekst[j] == tegn:
            if tegn == '"' and j > 0 and tekst[j - 1] == "\\":
                j -= 2
                continue
            if tegn == "'" and j > 0 and tekst[j - 1] == "'":
                j -= 2  # '' is a quote inside single quotes
                continue
            break
        j -= 1
    if j < 0:
        return None
    start = _linje_og_kolonne(tekst, j)
    if start[0] == _linje_og_kolonne(tekst, slutt)[0]:
        return None  # opened and closed on one line: not this mistake
    return tegn, start


def _uventet_token(
    feil: yaml.MarkedYAMLError, token: str, tekst: str, apne: Sequence[Mark]
) -> tuple[str, Plass] | None:
    """Message for the parser's "expected ..., but found <token>" errors (None: not one)."""
    problem, kontekst = feil.problem or "", feil.context or ""
    pmark, kmark = feil.problem_mark, feil.context_mark
    if pmark is None:
        return None
    M = _MELDINGER
    plass = _plass(pmark)
    # Tokens that end the file or the document: inside [..] or {..} that means the
    # bracket was never closed.
    slutt_tokens = ("<stream end>", "<document start>", "<document end>")
    if kontekst in ("while parsing a flow sequence", "while parsing a flow mapping") and kmark is not None:
        start, slutt = ("[", "]") if kontekst.endswith("sequence") else ("{", "}")
        if token in slutt_tokens:
            return M["parentes-apen"].format(start=start, slutt=slutt, linje=_plass(kmark)[0]), _plass(kmark)
        return M["parentes"].format(start=start, slutt=slutt, linje=_plass(kmark)[0]), plass
    if kontekst == "while parsing a flow node" and token in slutt_tokens and apne:
        # A value is missing before the end inside [..] or {..}; the parser's innermost
        # open collection is that bracket.
        start = _tegn_ved(tekst, apne[-1])
        if start in ("[", "{"):
            slutt = "]" if start == "[" else "}"
            return M["parentes-apen"].format(start=start, slutt=slutt, linje=_plass(apne[-1])[0]), _plass(apne[-1])
    if problem.startswith("expected '<document start>'"):
        # The document ended (after "...", a top-level [..], {..} or quoted text) or a
        # line starting with "%" was read as a directive, and more text follows.
        merke = _merkelinje_over(tekst, pmark)
        if merke is not None and merke[0] == "%":
            return M["direktiv"], merke[1]
        if merke is not None:
            return M["dokumentslutt"].format(linje=merke[1][0]), merke[1]
    if token in ("]", "}"):
        return M["ekstra-parentes"].format(tegn=token), plass
    if token == ",":
        return M["komma"], plass
    if token == ":":
        return M["nokkel-tom"], plass
    if token == "<document end>":
        return M["dokumentslutt"].format(linje=plass[0]), plass
    if token == "<directive>":
        return M["direktiv"], plass
    if problem.startswith("expected '<document start>'"):
        if token == "<scalar>" and not _forst_paa_linjen(tekst, pmark):
            return M["tekst-etter-sitat"], plass
        return M["etter-rot"], plass
    if kontekst in ("while parsing a block mapping", "while parsing a block collection"):
        if token in ("<anchor>", "<tag>"):
            return M["ekstra-merke"], plass
        if token == "<scalar>" and not _forst_paa_linjen(tekst, pmark):
            apent = _sitat_over_flere_linjer(tekst, pmark)
            if apent is not None:
                tegn, sted = apent
                return M["anforsel-apen-linje"].format(tegn=tegn, linje=sted[0], slutt=plass[0]), sted
            return M["tekst-etter-sitat"], plass
        return M["innrykk"], plass
    if kontekst == "while parsing a flow node" and token == "-":
        return M["listeelement-parentes"], plass
    if kontekst == "while parsing a flow node" and token == "?":
        return M["sporsmaalstegn"], plass
    if kontekst == "while parsing a block node" and token == "?":
        # A key ("navn:") where the value of a list item or key above was expected:
        # it is less indented than that value should be.
        return M["innrykk"], plass
    if kontekst in ("while parsing a block node", "while parsing a flow node"):
        return M["verdi-mangler"], plass
    return None


def _linje_og_kolonne(tekst: str, posisjon: int) -> Plass:
    """1-based (line, column) of ``posisjon``, counting line breaks as PyYAML's marks do."""
    brudd = list(_LINJESKIFT_RE.finditer(tekst, 0, posisjon))
    linjestart = brudd[-1].end() if brudd else 0
    return (len(brudd) + 1, posisjon - linjestart + 1)


def _ulovlig_tegn_navn(kode: int) -> str:
    """What kind of character PyYAML's reader refused (it allows tab, line breaks and
    printable Unicode only)."""
    if kode == 0:
        return "et nulltegn"
    if kode < 0x20 or 0x7F <= kode <= 0x9F:
        return "et usynlig kontrolltegn"
    if 0xD800 <= kode <= 0xDFFF:
        return "en ødelagt tegnkode"
    return "et tegn"


def load_yaml_text(text: str, *, fil: str) -> YamlDokument:
    """Load one YAML document from ``text``; ``fil`` is the name used in messages."""
    text = text.removeprefix("\ufeff")
    if (usynlig := _USYNLIG_LINJESKIFT_RE.search(text)) is not None:
        # PyYAML breaks lines at these too (YAML 1.1), where no editor shows a new line: refuse
        # them, so every line number we report is the one the editor shows.
        linje, kolonne = _linje_og_kolonne(text, usynlig.start())
        tegn = usynlig.group()
        antall = len(_USYNLIG_LINJESKIFT_RE.findall(text))
        flere = f" Filen har {antall} slike tegn; dette er det første." if antall > 1 else ""
        # U+0085 is most often a "…" from a Windows-1252 text read the wrong way
        erstatt = "«…» hvis det skulle vært tre prikker, ellers et mellomrom" if tegn == "\x85" else "et mellomrom"
        raise YamlFeil(
            _MELDINGER["usynlig-linjeskift"].format(
                hva=_USYNLIGE[tegn], tegn=f"U+{ord(tegn):04X}", erstatt=erstatt, flere=flere
            ),
            fil=fil,
            linje=linje,
            kolonne=kolonne,
            kode="tegn",
        )
    laster: _Laster | None = None
    try:
        laster = _Laster(text, fil)
        # Same steps as Composer.get_single_node, but with our own error for a
        # second document.
        laster.get_event()  # type: ignore[no-untyped-call]  # STREAM-START
        rot: Node | None = None
        if not laster.check_event(yaml.StreamEndEvent):
            rot = laster.compose_document()
        if not laster.check_event(yaml.StreamEndEvent):
            mark = _naeste_mark(laster)
            _feil("flere-dokumenter", fil, mark, "flere-dokumenter", linje=_plass(mark)[0])
    except yaml.MarkedYAMLError as feil:
        feilmark = feil.problem_mark or feil.context_mark
        if _FEILPLASSERT_RE.search(text):
            # A space pasted from Word where YAML wants an ordinary one is the likely cause of a
            # syntax error after it; so is an invisible character in the indentation.
            _sjekk_feilplasserte_tegn(text, fil, feilmark.index if feilmark is not None else None)
        raise _syntaksfeil(feil, fil, text, laster.marks if laster is not None else ()) from None
    except yaml.reader.ReaderError as feil:
        linje, kolonne = _linje_og_kolonne(text, int(feil.position))
        raise YamlFeil(
            _MELDINGER["ulovlig-tegn"].format(
                hva=_ulovlig_tegn_navn(int(feil.character)), tegn=f"U+{int(feil.character):04X}"
            ),
            fil=fil,
            linje=linje,
            kolonne=kolonne,
            kode="tegn",
        ) from None
    finally:
        if laster is not None:
            laster.dispose()

    if _FEILPLASSERT_RE.search(text):
        # Read fine, but such a character may still have made a key or value different from what
        # the editor shows («naar\u00a0:» is the key «naar\u00a0»).
        _sjekk_feilplasserte_tegn(text, fil)
    bygger = _Bygger(fil, laster.kopier)
    if rot is None:
        return YamlDokument(fil, None, {(): (1, 1)}, {}, tekst=text)
    bygger.sjekk_storrelse(rot)
    data = bygger.bygg(rot, ())
    return YamlDokument(fil, data, bygger.verdier, bygger.nokler, skalarer=bygger.skalarer, tekst=text)


def load_yaml_file(path: str | os.PathLike[str], *, visningsnavn: str | None = None) -> YamlDokument:
    """Load one YAML document from a UTF-8 file; ``visningsnavn`` names it in messages."""
    fil = visningsnavn if visningsnavn is not None else os.fspath(path)
    try:
        with open(path, "rb") as f:
            raa = f.read()
    except FileNotFoundError:
        raise YamlFeil(_MELDINGER["finnes-ikke"], fil=fil, kode="fil") from None
    except OSError as feil:
        raise YamlFeil(_MELDINGER["kan-ikke-lese"].format(grunn=os_grunn(feil)), fil=fil, kode="fil") from None
    try:
        tekst = raa.decode("utf-8-sig")
    except UnicodeDecodeError as feil:
        linje = raa.count(b"\n", 0, feil.start) + 1
        linjestart = raa.rfind(b"\n", 0, feil.start) + 1
        kolonne = len(raa[linjestart : feil.start].decode("utf-8", errors="replace")) + 1
        raise YamlFeil(
            _MELDINGER["ikke-utf8"].format(linje=linje),
            fil=fil,
            linje=linje,
            kolonne=kolonne,
            kode="utf8",
        ) from None
    return load_yaml_text(tekst, fil=fil)
