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

Locations of values inside an alias point into the anchored text; the location of
the alias value itself is the alias (``*navn``).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Final, NoReturn, TypeAlias

import attrs
import yaml
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ._errors import YamlFeil

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
    "ulovlig-tegn": ("Filen inneholder et tegn som ikke er tillatt i YAML ({tegn}). Fjern tegnet."),
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
    "syntaks": "YAML-syntaksfeil: {problem}. Sjekk innrykk og kolon på linjen.",
    "innrykk": (
        "Innrykket stemmer ikke med linjene over. Sjekk at felt på samme nivå har like mange "
        "mellomrom foran seg, og at et listeelement begynner med «- »."
    ),
    "tekst-etter-sitat": (
        "Det står tekst der YAML ikke venter mer: ofte tekst etter et avsluttende anførselstegn, eller "
        "feil innrykk. Sett hele teksten i anførselstegn, og sjekk innrykket."
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
    "for-dyp": ("Verdiene er nestet for dypt (mer enn {maks} nivåer). Forenkle strukturen."),
    "duplikat-nokkel": (
        "Nøkkelen «{nokkel}» står to ganger i samme tabell (linje {forste} og linje "
        "{andre}). Fjern eller gi nytt navn til én av dem."
    ),
    "nokkel-ikke-tekst": (
        "Nøkkelen «{nokkel}» blir lest som {hva}, men nøkler må være tekst. "
        'Sett nøkkelen i anførselstegn, for eksempel "{nokkel}":'
    ),
    "nokkel-tom": "Nøkkelen mangler. Skriv et navn foran kolon.",
    "nokkel-samling": "En nøkkel kan ikke være en liste eller tabell. Bruk tekst som nøkkel.",
    "fletting": (
        "Flettenøkkelen «<<» må ha en tabell eller en liste av tabeller som verdi, for eksempel «<<: *felles»."
    ),
    "tagg-ukjent": (
        "Taggen «{tagg}» er ikke tillatt. Fjern den; bare tekst, tall, true/false, null, lister og tabeller kan brukes."
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
        _MELDINGER[kode_melding].format(**felt),
        fil=fil,
        linje=linje,
        kolonne=kolonne,
        kode=kode,
    )


def _kort(tekst: str, maks: int = 40) -> str:
    return tekst if len(tekst) <= maks else tekst[: maks - 1] + "…"


def _tagg_visning(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


@attrs.frozen
class YamlDokument:
    """One loaded YAML document: display name, plain data and source locations."""

    fil: str
    data: Any
    _verdier: Mapping[Sti, Plass] = attrs.field(repr=False, eq=False)
    _nokler: Mapping[Sti, Plass] = attrs.field(repr=False, eq=False)

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


class _Bygger:
    """Builds plain Python data from a composed node tree, recording locations."""

    def __init__(self, fil: str) -> None:
        self.fil = fil
        self.verdier: dict[Sti, Plass] = {}
        self.nokler: dict[Sti, Plass] = {}
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
                _feil("for-mange-noder", self.fil, b.start_mark, "alias", maks=MAKS_NODER)
        self._pagaar.discard(nokkel)
        resultat = (antall, hoyde + 1)
        self._ferdig[nokkel] = resultat
        return resultat

    # -- building ---------------------------------------------------------------------

    def bygg(self, node: Node, sti: Sti) -> Any:
        self.verdier[sti] = _plass(node.start_mark)
        if isinstance(node, ScalarNode):
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


def _syntaksfeil(feil: yaml.MarkedYAMLError, fil: str) -> YamlFeil:
    """Translate a PyYAML syntax error into a located Norwegian ``YamlFeil``."""
    problem = feil.problem or ""
    kontekst = feil.context or ""
    mark = feil.problem_mark or feil.context_mark
    melding: str
    if "'\\t'" in problem:
        melding = _MELDINGER["tabulator"]
    elif problem == "mapping values are not allowed here":
        melding = _MELDINGER["kolon"]
    elif problem == "found unexpected end of stream" or "'<stream end>'" in problem:
        melding = _MELDINGER["slutt"]
    elif (m := re.match(r"expected ',' or '([\]}])'", problem)) is not None:
        slutt = m.group(1)
        melding = _MELDINGER["parentes"].format(
            start="[" if slutt == "]" else "{",
            slutt=slutt,
            linje=_plass(feil.context_mark)[0],
        )
    elif problem.startswith("expected <block end>") and "'<scalar>'" in problem:
        melding = _MELDINGER["tekst-etter-sitat"]
    elif problem.startswith("expected <block end>"):
        melding = _MELDINGER["innrykk"]
    elif (m := re.fullmatch(r"found character '(.+)' that cannot start any token", problem)) is not None:
        melding = _MELDINGER["starttegn"].format(tegn=m.group(1))
    elif problem == "could not find expected ':'":
        melding = _MELDINGER["mangler-kolon"]
    elif (m := re.match(r"found unknown escape character '(.+)'", problem)) is not None:
        melding = _MELDINGER["escape"].format(tegn=m.group(1))
    elif (m := re.fullmatch(r"found undefined alias '(.*)'", problem)) is not None:
        melding = _MELDINGER["udefinert-alias"].format(navn=m.group(1))
    elif m := re.fullmatch(r"found duplicate anchor '(.*)'; first occurrence", kontekst):
        melding = _MELDINGER["duplikat-anker"].format(
            navn=m.group(1), forste=_plass(feil.context_mark)[0], andre=_plass(mark)[0]
        )
    else:
        beskrivelse = "; ".join(d for d in (kontekst, problem) if d) or "ukjent feil"
        melding = _MELDINGER["syntaks"].format(problem=beskrivelse)
    linje, kolonne = _plass(mark) if mark is not None else (None, None)
    return YamlFeil(melding, fil=fil, linje=linje, kolonne=kolonne, kode="syntaks")


def _linje_og_kolonne(tekst: str, posisjon: int) -> Plass:
    linje = tekst.count("\n", 0, posisjon) + 1
    kolonne = posisjon - (tekst.rfind("\n", 0, posisjon) + 1) + 1
    return (linje, kolonne)


def load_yaml_text(text: str, *, fil: str) -> YamlDokument:
    """Load one YAML document from ``text``; ``fil`` is the name used in messages."""
    text = text.removeprefix("\ufeff")
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
        raise _syntaksfeil(feil, fil) from None
    except yaml.reader.ReaderError as feil:
        linje, kolonne = _linje_og_kolonne(text, int(feil.position))
        raise YamlFeil(
            _MELDINGER["ulovlig-tegn"].format(tegn=f"U+{int(feil.character):04X}"),
            fil=fil,
            linje=linje,
            kolonne=kolonne,
            kode="tegn",
        ) from None
    finally:
        if laster is not None:
            laster.dispose()

    bygger = _Bygger(fil)
    if rot is None:
        return YamlDokument(fil, None, {(): (1, 1)}, {})
    bygger.sjekk_storrelse(rot)
    data = bygger.bygg(rot, ())
    return YamlDokument(fil, data, bygger.verdier, bygger.nokler)


def load_yaml_file(path: str | os.PathLike[str], *, visningsnavn: str | None = None) -> YamlDokument:
    """Load one YAML document from a UTF-8 file; ``visningsnavn`` names it in messages."""
    fil = visningsnavn if visningsnavn is not None else os.fspath(path)
    try:
        with open(path, "rb") as f:
            raa = f.read()
    except FileNotFoundError:
        raise YamlFeil(_MELDINGER["finnes-ikke"], fil=fil, kode="fil") from None
    except OSError as feil:
        grunn = feil.strerror or type(feil).__name__
        raise YamlFeil(_MELDINGER["kan-ikke-lese"].format(grunn=grunn), fil=fil, kode="fil") from None
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
