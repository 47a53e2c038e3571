"""Loading and validating routine files (``type: rutine``) and the shared file (``type: felles``).

Validation runs in three layers and reports every problem it finds:

1. safe YAML loading (syntax, duplicate keys, aliases) -- stops at the first problem;
2. the JSON Schema in ``skjema/`` -- every schema problem;
3. semantic checks the schema cannot express (unknown roles, references, ranges, dates).
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

import attrs

from ._errors import ArgumentFeil, Problem, RutineFeil, YamlFeil
from ._kodekart import kodekart_problemer
from ._meldinger import M, eller_liste, feil_filtype, janei_forslag, klokkeslett_forslag, mente_du, vis_filnavn
from ._model import (
    PLASSHOLDER,
    Brev,
    Felles,
    Frist,
    Mottaker,
    Parameter,
    Parameterverdi,
    Plassering,
    Rad,
    Regel,
    Rolle,
    Rutine,
    Seksjon,
    Sjekkliste,
    Sjekklistegruppe,
    Steg,
    TidligeTegn,
    Unntak,
    Utloser,
    Vedlegg,
    VedleggReferanse,
    versjonsnokkel,
)
from ._paths import visningsnavn
from ._skjema import json_path, lag_problem, skjema_problemer, tekst_advarsler
from ._skolerute import skolerute_problemer
from ._yaml import YamlDokument, load_yaml_file

__all__ = ["Valideringsresultat", "load_felles", "load_routine", "load_routines", "validate", "validate_files"]

FASTE_REGLER: Mapping[str, tuple[str, ...]] = {
    "barnehage": ("vegring-samme-dag",),
    "grunnskole": (
        "bekymringsfullt-fravaer",
        "bekymringsbrev",
        "etterlys-uvarslet-fravaer",
        "vegring-samme-dag",
        "rapport-til-rektor",
    ),
    "vgs": ("varselbrev-fagfravaer", "fravaersgrense-overskredet"),
}

# A fixed rule that no longer covers every trinn of its routine (see _faste_reglers_trinn).
_FAST_REGEL_OMDOPT_TRINN: Final = (
    "Regelen «{verdi}» gjelder ikke lenger trinn {trinn}, men her står «{funnet}». Id-en «{verdi}» er fast: "
    "motoren og integrasjoner bruker den, så den kan ikke få nytt navn. Skriv «{verdi}» igjen."
)
_FAST_REGEL_TRINN: Final = (
    "Regelen «{verdi}» gjelder ikke lenger trinn {trinn}: ingen regel for de trinnene har denne id-en. "
    "Er det meningen? Skal regelen gjelde dem, må den hete «{verdi}» der også."
)

# Which parameter unit each parameter reference needs.
_ENHETSKRAV = {
    "terskel": ("andel",),
    "minste_nevner": ("skoledager",),
    "tellende_dokumentasjon": ("liste",),
    "tidlig_i_semesteret": ("skoledager",),
    "minst_sammenhengende_skoledager": ("skoledager",),
    "antall": ("skoledager", "dager"),
    "klokkeslett": ("klokkeslett",),
}

# Which trigger types each deadline type fits; types not listed fit every trigger.
_FRIST_KREVER = {
    "samme_time": ("hendelse",),
    "samme_dag": ("hendelse",),
    "vindu_slutt": ("kalender",),
    "skoledager": ("hendelse", "terskel"),
}
_FRISTTYPER = ("samme_time", "samme_dag", "skoledager", "vindu_slutt", "klokkeslett", "ingen")
# The values the schema allows for utloser.type and parameter enhet (tests keep them in step):
# a check that depends on one of these is skipped when the value is not one of them, since the
# schema has already reported it.
_UTLOSERTYPER = ("hendelse", "terskel", "kalender", "lopende")
_ENHETER = ("andel", "skoledager", "dager", "timer", "minutter", "klokkeslett", "ja_nei", "liste", "tekst")
_ROLLE_ID = re.compile(r"[a-z][a-z0-9_]*")
# Semantic problems that name the mistake at a value better than the schema does (with the fix
# or «Mente du …?»); the schema's problem at the same place is then dropped.
_ERSTATTER_SKJEMA = ("parameter", "ukjent-rolle", "referanse")
_PROSENT = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*%\s*")
_DESIMALKOMMA = re.compile(r"\s*\d+,\d+\s*")
_KLOKKESLETT = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


@attrs.frozen
class Valideringsresultat:
    """The outcome of validating one file: its type and every problem found."""

    fil: str = attrs.field(converter=vis_filnavn)
    type: str | None
    problemer: tuple[Problem, ...]

    @property
    def gyldig(self) -> bool:
        """True when no problem is an error (warnings allowed)."""
        return not any(p.alvor == "feil" for p in self.problemer)

    @property
    def feil(self) -> tuple[Problem, ...]:
        """The problems that are errors, not warnings."""
        return tuple(p for p in self.problemer if p.alvor == "feil")


def _sortert(problemer: Sequence[Problem]) -> tuple[Problem, ...]:
    # One problem per place and message: a text reached through an alias («innhold: *t») is the
    # anchored text, so its problem would otherwise be told twice at the same place.
    unike: dict[tuple[str, int | None, int | None, str, str], Problem] = {}
    for p in problemer:
        unike.setdefault((p.fil, p.linje, p.kolonne, p.alvor, p.melding), p)
    return tuple(sorted(unike.values(), key=lambda p: (p.fil, p.linje or 0, p.kolonne or 0, p.json_path, p.melding)))


def _fil_problem(fil: str, melding: str, kode: str) -> Problem:
    return Problem(fil=fil, linje=None, kolonne=None, melding=melding, kode=kode)


def _les(path: Path) -> YamlDokument | Problem:
    navn = visningsnavn(path)
    if path.is_dir():
        return _fil_problem(navn, M["fil-mappe"], "fil")
    if not path.exists():
        return _fil_problem(navn, M["fil-mangler"], "fil")
    try:
        return load_yaml_file(path, visningsnavn=navn)
    except YamlFeil as e:
        return e.problem


def validate(path: str | os.PathLike[str]) -> Valideringsresultat:
    """Validate one file (routine, shared file, school calendar or code map); never raises for bad input."""
    return _valider_dok(Path(path))[0]


def _valider_dok(p: Path) -> tuple[Valideringsresultat, YamlDokument | None]:
    """:func:`validate`, and the document when the file could be read as YAML."""
    doc = _les(p)
    if isinstance(doc, Problem):
        return Valideringsresultat(doc.fil, None, (doc,)), None
    return _valider_innhold(doc, p), doc


def _valider_innhold(doc: YamlDokument, p: Path) -> Valideringsresultat:
    data = doc.data
    if data is None:
        return Valideringsresultat(doc.fil, None, (lag_problem(doc, (), M["yaml-tom"], kode="tom"),))
    if not isinstance(data, dict):
        melding = M["ikke-tabell"].format(fikk="en liste" if isinstance(data, list) else "én verdi")
        return Valideringsresultat(doc.fil, None, (lag_problem(doc, (), melding, kode="feil-type"),))
    typ = data.get("type")
    if typ is None:
        return Valideringsresultat(doc.fil, None, (lag_problem(doc, (), M["mangler-type"], kode="mangler-felt"),))
    if typ == "rutine":
        problemer = _valider_rutine(doc, p)
    elif typ == "felles":
        problemer = _valider_felles(doc)
    elif typ == "skolerute":
        problemer = skolerute_problemer(doc)
        if not problemer:
            problemer = _skolerute_advarsler(doc)
    elif typ == "kodekart":
        problemer = kodekart_problemer(doc)
    else:
        mente, forslag = mente_du(typ, ["rutine", "felles", "skolerute", "kodekart"])
        problemer = [
            lag_problem(
                doc, ("type",), M["ukjent-type"].format(verdi=typ, mente=mente), kode="ugyldig-verdi", forslag=forslag
            )
        ]
    # likely paste and quoting mistakes in texts: warnings, not where there is an error already
    problemer = [*problemer, *tekst_advarsler(doc, problemer)]
    return Valideringsresultat(doc.fil, str(typ), _sortert(problemer))


def validate_files(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> list[Valideringsresultat]:
    """Validate several files as one set (what ``fravarsregler valider`` does); a single path
    of a folder means the YAML files in it.

    Unlike calling :func:`validate` on each file:

    - a file named twice is validated once (in the place it was first named);
    - a problem in another file of the set (a routine's shared file) is reported under that
      file, once, whatever the order of the files; a problem in a file outside the set stays
      under the first file that led to it;
    - two versions of the same routine in force from the same date (``gyldig_fra``), which
      the engine refuses to load together, are an error at the ``gyldig_fra`` of the newer.
    """
    if isinstance(paths, str | os.PathLike):
        # one path, not a list of them (a str is an iterable of characters): a folder is its files
        en = Path(paths)
        paths = list(iter_yaml_filer(en)) if en.is_dir() else [en]
    lest: dict[Path, tuple[Valideringsresultat, YamlDokument | None]] = {}
    for path in paths:
        p = Path(path)
        nokkel = p.resolve()
        if nokkel not in lest:
            lest[nokkel] = _valider_dok(p)
    problemer: dict[Path, list[Problem]] = {nokkel: [] for nokkel in lest}
    # a problem names its file as shown (a name that is not UTF-8 as \xf8): find the file by that
    vist: dict[str, Path] = {}
    for nokkel, (resultat, _) in lest.items():
        vist.setdefault(vis_filnavn(os.fspath(nokkel)), nokkel)
        vist.setdefault(resultat.fil, nokkel)
    utenfor: set[Problem] = set()
    for nokkel, (resultat, _) in lest.items():
        for problem in resultat.problemer:
            eier = nokkel if problem.fil == resultat.fil else vist.get(problem.fil) or Path(problem.fil).resolve()
            if eier in problemer:
                problemer[eier].append(problem)
            elif problem not in utenfor:
                utenfor.add(problem)
                problemer[nokkel].append(problem)
    rutiner = {nokkel: doc for nokkel, (resultat, doc) in lest.items() if doc is not None and resultat.type == "rutine"}
    for nokkel, problem in _versjonskonflikter(rutiner):
        problemer[nokkel].append(problem)
    skoleruter = {
        nokkel: doc
        for nokkel, (resultat, doc) in lest.items()
        if doc is not None and resultat.type == "skolerute" and resultat.gyldig
    }
    for nokkel, problem in _skolerutekonflikter(skoleruter):
        problemer[nokkel].append(problem)
    gyldige_rutiner = [doc for nokkel, doc in rutiner.items() if lest[nokkel][0].gyldig]
    if gyldige_rutiner:
        for nokkel, problem in _ukjente_frister(skoleruter, gyldige_rutiner):
            problemer[nokkel].append(problem)
    return [attrs.evolve(resultat, problemer=_sortert(problemer[nokkel])) for nokkel, (resultat, _) in lest.items()]


def _versjonskonflikter(docs: Mapping[Path, YamlDokument]) -> list[tuple[Path, Problem]]:
    """Two routine files with the same ``id`` and ``gyldig_fra``: an error at the newer one's
    ``gyldig_fra`` (higher ``versjon``; then one not in a folder ``arkiv``; then the one read later).
    Each problem comes with the key of the file it is in."""
    grupper: dict[tuple[str, date], list[tuple[int, Path, YamlDokument]]] = defaultdict(list)
    for i, (nokkel, doc) in enumerate(docs.items()):
        rutine_id, fra = doc.data.get("id"), _dato(doc.data.get("gyldig_fra"))
        if isinstance(rutine_id, str) and fra is not None:
            grupper[rutine_id, fra].append((i, nokkel, doc))
    ut: list[tuple[Path, Problem]] = []
    for (rutine_id, fra), liste in grupper.items():
        liste.sort(key=lambda x: (versjonsnokkel(x[2].data.get("versjon")), x[1].parent.name != "arkiv", x[0]))
        _, _, forste = liste[0]
        for _, nokkel, doc in liste[1:]:
            melding = M["versjon-samme-dato"].format(
                id=rutine_id,
                dato=fra.isoformat(),
                versjon=doc.data.get("versjon"),
                annen=forste.fil,
                linje=forste.plassering(("gyldig_fra",))[0],
                annen_versjon=forste.data.get("versjon"),
            )
            ut.append((nokkel, lag_problem(doc, ("gyldig_fra",), melding, kode="versjoner")))
    return ut


_AARSTALL_RE: Final = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?!\d)")


def _skolerute_advarsler(doc: YamlDokument) -> list[Problem]:
    """A valid skolerute whose ``id`` names another school year than ``skoleaar`` (a copy of last
    year's file where the id was not changed): a warning at the id."""
    sr_id, skoleaar = doc.data.get("id"), doc.data.get("skoleaar")
    if not isinstance(sr_id, str) or not isinstance(skoleaar, str):
        return []
    m = _AARSTALL_RE.search(sr_id)
    if m is None or m.group(0) == skoleaar:
        return []
    forslag = sr_id[: m.start()] + skoleaar + sr_id[m.end() :]
    melding = (
        f"Id-en «{sr_id}» nevner skoleåret {m.group(0)}, men «skoleaar» er {skoleaar}. Er filen kopiert fra "
        f"fjorårets skolerute? Skriv id-en som «{forslag}»."
    )
    return [lag_problem(doc, ("id",), melding, kode="skolerute-id", forslag=(forslag,), alvor="advarsel")]


def _skolerutekonflikter(docs: Mapping[Path, YamlDokument]) -> list[tuple[Path, Problem]]:
    """Two skolerute files with the same ``id``: an error at the id of each but one. The file
    whose id names its own school year keeps it (the other is likely a copy of it)."""
    grupper: dict[str, list[tuple[bool, int, Path, YamlDokument]]] = defaultdict(list)
    for i, (nokkel, doc) in enumerate(docs.items()):
        sr_id = doc.data.get("id")
        if isinstance(sr_id, str):
            grupper[sr_id].append((not _skolerute_advarsler(doc), i, nokkel, doc))
    ut: list[tuple[Path, Problem]] = []
    for sr_id, liste in grupper.items():
        liste.sort(key=lambda x: (not x[0], x[1]))
        annen = liste[0][3]
        for _, _, nokkel, doc in liste[1:]:
            forslag = f"skolerute-{doc.data.get('skoleaar')}"
            hint = f", for eksempel «{forslag}»" if forslag != sr_id else ""
            melding = (
                f"Skoleruta har samme id «{sr_id}» som {annen.fil} (linje {annen.plassering(('id',))[0]}). "
                f"Gi hver skolerute sin egen id{hint}."
            )
            ut.append((nokkel, lag_problem(doc, ("id",), melding, kode="duplikat-id")))
    return ut


def _ukjente_frister(
    skoleruter: Mapping[Path, YamlDokument], rutiner: Sequence[YamlDokument]
) -> list[tuple[Path, Problem]]:
    """A rule id under a skolerute's ``frister`` that none of the routines validated with it has
    (``evaluer`` would ignore that deadline): a warning at the key, with "Mente du …?"."""
    kjente: set[str] = set()
    for doc in rutiner:
        kjente |= {rid for rid, _, _ in _alle_regelider(doc.data)}
    ut: list[tuple[Path, Problem]] = []
    for nokkel, doc in skoleruter.items():
        for regel_id in _dict(doc.data.get("frister")):
            if regel_id in kjente:
                continue
            mente, forslag = mente_du(regel_id, kjente)
            melding = (
                f"«frister» nevner regelen «{regel_id}», som ingen av rutinene som valideres sammen med "
                f"skoleruta har; fristen blir ikke brukt.{mente}"
            )
            ut.append(
                (
                    nokkel,
                    lag_problem(
                        doc,
                        ("frister", regel_id),
                        melding,
                        kode="ukjent-regel",
                        nokkel=True,
                        forslag=forslag,
                        alvor="advarsel",
                    ),
                )
            )
    return ut


def _alle_regelider(data: Any) -> Iterator[tuple[str, Any, Any]]:
    """Every rule of a routine document's data: (id, the rule, its row or vedlegg)."""
    d = _dict(data)
    for v in _list(d.get("vedlegg")):
        for r in _list(_dict(v).get("regler")):
            if isinstance(rid := _dict(r).get("id"), str):
                yield rid, r, v
    for seksjon in _list(d.get("seksjoner")):
        for rad in _list(_dict(seksjon).get("rader")):
            for r in _list(_dict(rad).get("regler")):
                if isinstance(rid := _dict(r).get("id"), str):
                    yield rid, r, rad


def _filtype_problem(doc: YamlDokument, forventet: str) -> Problem | None:
    """One plain problem when the file is another known kind of file than the one expected."""
    typ = doc.data.get("type") if isinstance(doc.data, dict) else None
    melding = feil_filtype(typ, forventet)
    return None if melding is None else lag_problem(doc, ("type",), melding, kode="feil-filtype")


def load_routine(path: str | os.PathLike[str]) -> Rutine:
    """Load one routine file; raise :class:`RutineFeil` with every problem if it is invalid."""
    p = Path(path)
    doc = _les(p)
    if isinstance(doc, Problem):
        raise RutineFeil([doc])
    resultat = _valider_innhold(doc, p)
    if (annen := _filtype_problem(doc, "rutine")) is not None:
        # first what kind of file it is; then its own problems, if any (diff shows those)
        raise RutineFeil([annen, *resultat.feil])
    if resultat.type != "rutine" and resultat.gyldig:
        raise RutineFeil([lag_problem(doc, ("type",), M["const"].format(lovlig="rutine"), kode="ugyldig-verdi")])
    if not resultat.gyldig:
        raise RutineFeil(resultat.feil)
    felles = load_felles(_felles_sti(p, doc.data["felles"]))
    return _bygg_rutine(doc, felles)


def load_routines(
    filer: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> tuple[list[Rutine], list[Problem]]:
    """Load every file; collect every problem instead of stopping at the first bad file.

    A single path is one file. A folder holds other files than routines (``felles.yaml``, the
    skolerute), so it is refused with :class:`ArgumentFeil`: name the routine files.
    """
    if isinstance(filer, str | os.PathLike):
        # a str is an iterable too: of its characters
        if Path(filer).is_dir():
            raise ArgumentFeil(
                f"«{os.fspath(filer)}» er en mappe; oppgi rutinefilene i den, for eksempel "
                '["rutiner/barnehage.yaml", "rutiner/grunnskole.yaml", "rutiner/vgs.yaml"]',
                argument="filer",
            )
        filer = [filer]
    rutiner: list[Rutine] = []
    problemer: list[Problem] = []
    for fil in filer:
        try:
            rutiner.append(load_routine(fil))
        except RutineFeil as e:
            problemer.extend(e.problemer)
    return rutiner, problemer


def load_felles(path: str | os.PathLike[str]) -> Felles:
    """Load the shared file (roles, checklists, early signs); raise :class:`RutineFeil` if invalid."""
    p = Path(path)
    doc = _les(p)
    if isinstance(doc, Problem):
        raise RutineFeil([doc])
    if (annen := _filtype_problem(doc, "felles")) is not None:
        raise RutineFeil([annen])
    problemer = _valider_felles(doc) if isinstance(doc.data, dict) else []
    if not isinstance(doc.data, dict) or doc.data.get("type") != "felles":
        problemer.append(lag_problem(doc, ("type",), M["const"].format(lovlig="felles"), kode="ugyldig-verdi"))
    feil = [x for x in problemer if x.alvor == "feil"]
    if feil:
        raise RutineFeil(_sortert(feil))
    return _bygg_felles(doc)


def _felles_sti(rutinefil: Path, felles: str) -> Path:
    return (rutinefil.parent / felles).resolve()


# --------------------------------------------------------------------------- felles


def _valider_felles(doc: YamlDokument) -> list[Problem]:
    problemer = skjema_problemer(doc, "felles")
    if problemer:
        return problemer
    data = doc.data
    for liste in ("roller", "sjekklister", "tidlige_tegn"):
        problemer.extend(_duplikate_ider(doc, (liste,), data.get(liste, [])))
    return problemer


def _duplikate_ider(doc: YamlDokument, path: tuple[str | int, ...], elementer: Any) -> list[Problem]:
    sett: dict[str, int] = {}
    ut: list[Problem] = []
    if not isinstance(elementer, list):
        return ut
    for i, el in enumerate(elementer):
        if not isinstance(el, dict) or not isinstance(el.get("id"), str):
            continue
        id_ = el["id"]
        if id_ in sett:
            linje = doc.plassering((*path, sett[id_], "id"))[0]
            ut.append(
                lag_problem(doc, (*path, i, "id"), M["duplikat-id"].format(verdi=id_, linje=linje), kode="duplikat")
            )
        else:
            sett[id_] = i
    return ut


def _bygg_felles(doc: YamlDokument) -> Felles:
    d = doc.data
    roller = {r["id"]: Rolle(id=r["id"], navn=r["navn"], beskrivelse=r.get("beskrivelse")) for r in d["roller"]}
    sjekklister = {
        s["id"]: Sjekkliste(
            id=s["id"],
            tittel=s["tittel"],
            kortnavn=s.get("kortnavn", s["tittel"]),
            grupper=tuple(Sjekklistegruppe(tittel=g.get("tittel"), punkter=tuple(g["punkter"])) for g in s["grupper"]),
        )
        for s in d.get("sjekklister", [])
    }
    tegn = tuple(
        TidligeTegn(id=t["id"], tittel=t["tittel"], punkter=tuple(t["punkter"])) for t in d.get("tidlige_tegn", [])
    )
    vedlegg = tuple(
        VedleggReferanse(nummer=v["nummer"], tittel=v["tittel"], innhold_i_kilden=v.get("innhold_i_kilden", False))
        for v in d.get("vedlegg", [])
    )
    return Felles(
        id=d["id"],
        versjon=str(d["versjon"]),
        gyldig_fra=date.fromisoformat(d["gyldig_fra"]),
        roller=roller,
        sjekklister=sjekklister,
        tidlige_tegn=tegn,
        vedlegg=vedlegg,
        fil=doc.fil,
        tidlige_tegn_innledning=d.get("tidlige_tegn_innledning", ""),
    )


# --------------------------------------------------------------------------- rutine


def _valider_rutine(doc: YamlDokument, path: Path) -> list[Problem]:
    problemer = skjema_problemer(doc, "rutine")
    data = doc.data
    # The shared file gives the role and checklist catalogues.
    roller: set[str] | None = None
    sjekklister: set[str] | None = None
    felles_navn = data.get("felles")
    felles_vis = str(felles_navn)
    if isinstance(felles_navn, str):
        fsti = _felles_sti(path, felles_navn)
        if not fsti.is_file():
            problemer.append(
                lag_problem(doc, ("felles",), M["felles-mangler"].format(verdi=felles_navn), kode="referanse")
            )
        else:
            try:
                felles = load_felles(fsti)
                roller = set(felles.roller)
                sjekklister = set(felles.sjekklister)
                felles_vis = felles.fil
            except RutineFeil as e:
                problemer.extend(e.problemer)
                problemer.append(
                    lag_problem(doc, ("felles",), M["felles-ugyldig"].format(verdi=felles_navn), kode="referanse")
                )
    # The semantic checks are written defensively, so they run even when the schema failed.
    sem = _Semantikk(doc, roller, sjekklister, felles_vis)
    sem.sjekk()
    # A value the semantic check rejects may also fail the schema at the same place: a parameter
    # value (a range, a type or a pattern), or a reference that is not written as an id
    # («Styrer» for «styrer»). The semantic message names the fix or the id meant, so the
    # schema's message for that value is dropped: one mistake, one problem.
    dekket = {p.json_path for p in sem.problemer if p.kode in _ERSTATTER_SKJEMA}
    problemer = [p for p in problemer if p.json_path not in dekket]
    # Without a role catalogue (felles missing or broken) a role not written as an id still
    # fails the schema's pattern: say that it is a role id, not a parameter name.
    problemer = [
        attrs.evolve(p, melding=M["rolle-format"].format(verdi=sem.roller_skrevet[p.json_path]))
        if p.json_path in sem.roller_skrevet and p.kode == "feil-form"
        else p
        for p in problemer
    ]
    return problemer + sem.problemer


def _dict(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else {}


def _list(x: Any) -> list[Any]:
    return x if isinstance(x, list) else []


class _Semantikk:
    """Checks beyond the schema, written defensively so they run even on broken files."""

    def __init__(self, doc: YamlDokument, roller: set[str] | None, sjekklister: set[str] | None, felles: str) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data
        self.roller = roller
        self.sjekklister = sjekklister
        self.felles = felles
        self.problemer: list[Problem] = []
        # every role as written (json path -> value), whether or not the catalogue is known
        self.roller_skrevet: dict[str, Any] = {}
        self.parametere = _dict(self.data.get("parametere"))
        self.unntak: set[str] = set()
        self.brev: set[str] = set()
        self.steg: set[str] = set()
        for vedlegg in _list(self.data.get("vedlegg")):
            v = _dict(vedlegg)
            self.unntak |= _ider(v.get("unntak"))
            self.brev |= _ider(v.get("brev"))
            self.steg |= _ider(v.get("steg"))

    def feil(
        self,
        path: tuple[str | int, ...],
        melding: str,
        kode: str,
        forslag: tuple[str, ...] = (),
        tegn: int | None = None,
    ) -> None:
        self.problemer.append(lag_problem(self.doc, path, melding, kode=kode, forslag=forslag, tegn=tegn))

    def sjekk(self) -> None:
        self._datoer()
        self._parametere()
        rutinetrinn = [t for t in _list(self.data.get("trinn")) if isinstance(t, str)]
        regel_ider_vedlegg: dict[str, tuple[str | int, ...]] = {}
        # every rule id in the file -> where it first appears
        alle_regler: dict[str, tuple[str | int, ...]] = {}
        # every rule: (id, where, the trinn it applies to)
        self.regeltrinn: list[tuple[str, tuple[str | int, ...], frozenset[str]]] = []
        for vi, v in enumerate(_list(self.data.get("vedlegg"))):
            for ri, r in enumerate(_list(_dict(v).get("regler"))):
                rpath: tuple[str | int, ...] = ("vedlegg", vi, "regler", ri)
                self._regel(rpath, _dict(r), rutinetrinn)
                rid = _dict(r).get("id")
                if isinstance(rid, str):
                    self.regeltrinn.append((rid, rpath, _regelens_trinn(_dict(r), rutinetrinn)))
                    alle_regler.setdefault(rid, rpath)
                    if rid in regel_ider_vedlegg:
                        self._duplikat_regel(rpath, rid, regel_ider_vedlegg[rid])
                    else:
                        regel_ider_vedlegg[rid] = rpath
        self.seksjonstrinn: list[tuple[tuple[str | int, ...], frozenset[str]]] = []
        for si, seksjon in enumerate(_list(self.data.get("seksjoner"))):
            s = _dict(seksjon)
            strinn = [t for t in _list(s.get("trinn")) if isinstance(t, str)]
            self.seksjonstrinn.append((("seksjoner", si, "trinn"), frozenset(strinn or rutinetrinn)))
            for ti, t in enumerate(strinn):
                if rutinetrinn and t not in rutinetrinn:
                    self.feil(
                        ("seksjoner", si, "trinn", ti),
                        M["trinn-utenfor"].format(verdi=t, hvor="rutinen", lovlige=", ".join(rutinetrinn)),
                        "trinn",
                    )
            rader: dict[str, int] = {}
            regler: dict[str, tuple[str | int, ...]] = dict(regel_ider_vedlegg)
            for ri, rad_data in enumerate(_list(s.get("rader"))):
                rad = _dict(rad_data)
                path: tuple[str | int, ...] = ("seksjoner", si, "rader", ri)
                rid = rad.get("id")
                if isinstance(rid, str):
                    if rid in rader:
                        linje = self.doc.plassering(("seksjoner", si, "rader", rader[rid], "id"))[0]
                        self.feil(
                            (*path, "id"),
                            M["duplikat-rad"].format(verdi=rid, seksjon=s.get("tittel", s.get("id")), linje=linje),
                            "duplikat-rad",
                        )
                    else:
                        rader[rid] = ri
                for i, rolle in enumerate(_list(_dict(rad.get("ansvar")).get("roller"))):
                    self._rolle((*path, "ansvar", "roller", i), rolle)
                for i, sl in enumerate(_list(rad.get("sjekklister"))):
                    self._sjekkliste((*path, "sjekklister", i), sl)
                for gi, regel in enumerate(_list(rad.get("regler"))):
                    rpath = (*path, "regler", gi)
                    self._regel(rpath, _dict(regel), strinn)
                    gid = _dict(regel).get("id")
                    if isinstance(gid, str):
                        self.regeltrinn.append((gid, rpath, _regelens_trinn(_dict(regel), strinn or rutinetrinn)))
                        alle_regler.setdefault(gid, rpath)
                        if gid in regler:
                            self._duplikat_regel(rpath, gid, regler[gid])
                        else:
                            regler[gid] = rpath
        self._tekster((), self.data)
        self._faste_regler(alle_regler)
        self._faste_reglers_trinn(rutinetrinn)

    def _faste_regler(self, alle_regler: Mapping[str, tuple[str | int, ...]]) -> None:
        """Every fixed rule id is present; a missing one is located at its likely renaming."""
        rutine_id = self.data.get("id")
        if not isinstance(rutine_id, str):
            return
        faste = FASTE_REGLER.get(rutine_id, ())
        ukjente = [r for r in alle_regler if r not in faste]
        for fast in faste:
            if fast in alle_regler:
                continue
            like = difflib.get_close_matches(fast, ukjente, n=1, cutoff=0.8)
            if like:
                self.feil(
                    (*alle_regler[like[0]], "id"),
                    M["fast-regel-omdopt"].format(verdi=fast, rutine=rutine_id, funnet=like[0]),
                    "fast-regel",
                    (fast,),
                )
            else:
                self.feil(
                    ("id",),
                    M["fast-regel-mangler"].format(verdi=fast, rutine=rutine_id),
                    "fast-regel",
                )

    def _faste_reglers_trinn(self, rutinetrinn: Sequence[str]) -> None:
        """A fixed rule still applies to every trinn of the routine.

        Renaming it in one table only (the grunnskole tables each have their own copy) would leave
        those trinn without it: an error at the renamed id when a rule there has a near-miss id;
        otherwise a warning (a revision may have removed it for those trinn on purpose).
        """
        rutine_id = self.data.get("id")
        if not isinstance(rutine_id, str):
            return
        faste = FASTE_REGLER.get(rutine_id, ())
        for fast in faste:
            dekket = frozenset().union(*(t for rid, _, t in self.regeltrinn if rid == fast))
            if not dekket:
                continue  # missing altogether: _faste_regler says so
            mangler = [t for t in rutinetrinn if t not in dekket]
            if not mangler:
                continue
            kandidater = {rid: path for rid, path, t in self.regeltrinn if rid not in faste and t & set(mangler)}
            like = difflib.get_close_matches(fast, list(kandidater), n=1, cutoff=0.8)
            if like:
                self.feil(
                    (*kandidater[like[0]], "id"),
                    _FAST_REGEL_OMDOPT_TRINN.format(verdi=fast, funnet=like[0], trinn=", ".join(mangler)),
                    "fast-regel",
                    (fast,),
                )
            else:
                # at the table that lost it, else at the rule where it still stands
                path = next(
                    (sti for sti, trinn in self.seksjonstrinn if trinn & set(mangler)),
                    next((*sti, "id") for rid, sti, _ in self.regeltrinn if rid == fast),
                )
                self.problemer.append(
                    lag_problem(
                        self.doc,
                        path,
                        _FAST_REGEL_TRINN.format(verdi=fast, trinn=", ".join(mangler)),
                        kode="fast-regel",
                        alvor="advarsel",
                    )
                )

    def _duplikat_regel(self, path: tuple[str | int, ...], rid: str, forrige: tuple[str | int, ...]) -> None:
        linje = self.doc.plassering((*forrige, "id"))[0]
        self.feil((*path, "id"), M["duplikat-regel"].format(verdi=rid, linje=linje), "duplikat-regel")

    def _datoer(self) -> None:
        g = _dato(self.data.get("gyldig_fra"))
        n = _dato(self.data.get("neste_revisjon"))
        if g and n and n <= g:
            self.feil(
                ("neste_revisjon",),
                M["revisjon-foer-gyldig"].format(neste=n.isoformat(), gyldig=g.isoformat()),
                "datoer",
            )

    def _parametere(self) -> None:
        for navn, parameter in self.parametere.items():
            p = _dict(parameter)
            enhet = p.get("enhet")
            if "verdi" in p:
                self._verdi(("parametere", navn, "verdi"), navn, p["verdi"], enhet)
            forrige: date | None = None
            for i, datert in enumerate(_list(p.get("verdier"))):
                dv = _dict(datert)
                if "verdi" in dv:
                    self._verdi(("parametere", navn, "verdier", i, "verdi"), navn, dv["verdi"], enhet)
                fra = _dato(dv.get("fra"))
                if fra and forrige and fra <= forrige:
                    melding = (
                        M["datert-samme-dato"].format(dato=fra.isoformat())
                        if fra == forrige
                        else M["datert-rekkefolge"].format(dato=fra.isoformat(), forrige=forrige.isoformat())
                    )
                    self.feil(("parametere", navn, "verdier", i, "fra"), melding, "parameter")
                forrige = fra or forrige

    def _verdi(self, path: tuple[str | int, ...], navn: str, verdi: Any, enhet: Any) -> None:
        krav = _krav(verdi, enhet)
        if krav:
            self.feil(path, M["parameter-utenfor"].format(navn=navn, verdi=_vis(verdi), krav=krav), "parameter")

    def _param_ref(self, path: tuple[str | int, ...], navn: Any, felt: str) -> None:
        if not isinstance(navn, str):
            return
        if navn not in self.parametere:
            mente, forslag = mente_du(navn, self.parametere)
            self.feil(path, M["ukjent-parameter"].format(verdi=navn, mente=mente), "referanse", forslag)
            return
        enhet = _dict(self.parametere[navn]).get("enhet")
        lovlige = _ENHETSKRAV.get(felt)
        # an enhet the schema rejected is reported there; comparing with it would only confuse
        if lovlige and enhet in _ENHETER and enhet not in lovlige:
            self.feil(
                path,
                M["feil-enhet"].format(verdi=navn, enhet=enhet, forventet=" eller ".join(f"«{e}»" for e in lovlige)),
                "referanse",
            )

    def _rolle(self, path: tuple[str | int, ...], rolle: Any) -> None:
        self.roller_skrevet[json_path(path)] = rolle
        if self.roller is None or not isinstance(rolle, str) or rolle in self.roller:
            return
        mente, forslag = mente_du(rolle, self.roller)
        melding = M["ukjent-rolle"].format(verdi=rolle, mente=mente, felles=self.felles)
        if not forslag and not _ROLLE_ID.fullmatch(rolle):
            # the schema's pattern problem here is dropped: keep its advice
            melding += " Rolle-id-er skrives med små bokstaver a–z, tall og understrek."
        self.feil(path, melding, "ukjent-rolle", forslag)

    def _sjekkliste(self, path: tuple[str | int, ...], sl: Any) -> None:
        if self.sjekklister is None or not isinstance(sl, str) or sl in self.sjekklister:
            return
        mente, forslag = mente_du(sl, self.sjekklister)
        self.feil(path, M["ukjent-sjekkliste"].format(verdi=sl, mente=mente, felles=self.felles), "referanse", forslag)

    def _ref(self, path: tuple[str | int, ...], verdi: Any, kjente: set[str], nokkel: str) -> None:
        if isinstance(verdi, str) and verdi not in kjente:
            mente, forslag = mente_du(verdi, kjente)
            self.feil(path, M[nokkel].format(verdi=verdi, mente=mente), "referanse", forslag)

    def _regel(self, path: tuple[str | int, ...], regel: dict[str, Any], lovlige_trinn: list[str]) -> None:
        for i, rolle in enumerate(_list(regel.get("ansvar"))):
            self._rolle((*path, "ansvar", i), rolle)
        for gruppe, roller in _dict(regel.get("mottaker")).items():
            for i, rolle in enumerate(_list(roller)):
                self._rolle((*path, "mottaker", gruppe, i), rolle)
        for i, sl in enumerate(_list(regel.get("sjekklister"))):
            self._sjekkliste((*path, "sjekklister", i), sl)
        for i, st in enumerate(_list(regel.get("steg"))):
            self._ref((*path, "steg", i), st, self.steg, "ukjent-steg")
        if "brev" in regel:
            self._ref((*path, "brev"), regel["brev"], self.brev, "ukjent-brev")
        for i, t in enumerate(_list(regel.get("trinn"))):
            if lovlige_trinn and isinstance(t, str) and t not in lovlige_trinn:
                self.feil(
                    (*path, "trinn", i),
                    M["trinn-utenfor"].format(verdi=t, hvor="tabellen", lovlige=", ".join(lovlige_trinn)),
                    "trinn",
                )
        u = _dict(regel.get("utloser"))
        for felt in ("terskel", "minste_nevner", "tellende_dokumentasjon"):
            if felt in u:
                self._param_ref((*path, "utloser", felt), u[felt], felt)
        for i, un in enumerate(_list(u.get("unntak"))):
            self._ref((*path, "utloser", "unntak", i), un, self.unntak, "ukjent-unntak")
        f = _dict(regel.get("frist"))
        if isinstance(f.get("antall"), str):
            self._param_ref((*path, "frist", "antall"), f["antall"], "antall")
        if "klokkeslett" in f:
            self._param_ref((*path, "frist", "klokkeslett"), f["klokkeslett"], "klokkeslett")
        ftype, utype = f.get("type"), u.get("type")
        # an unknown trigger type is reported by the schema («Mente du …?»): no follow-on problem
        if isinstance(ftype, str) and utype in _UTLOSERTYPER:
            krav = _FRIST_KREVER.get(ftype)
            if krav and utype not in krav:
                lovlige = [t for t in _FRISTTYPER if utype in _FRIST_KREVER.get(t, (utype,))]
                self.feil(
                    (*path, "frist", "type"),
                    M["frist-utloser"].format(
                        frist=ftype,
                        utloser=utype,
                        krav=eller_liste(krav),
                        lovlige=eller_liste(lovlige),
                    ),
                    "frist",
                    tuple(lovlige),
                )

    def _tekster(self, path: tuple[str | int, ...], node: Any) -> None:
        if isinstance(node, str):
            for m in PLASSHOLDER.finditer(node):
                if m.group(1) not in self.parametere:
                    mente, forslag = mente_du(m.group(1), self.parametere)
                    melding = M["ukjent-plassholder"].format(verdi=m.group(1), mente=mente)
                    self.feil(path, melding, "referanse", forslag, tegn=m.start())
            # a brace outside every placeholder: reported at the first such brace
            i_plassholder = {i for m in PLASSHOLDER.finditer(node) for i in range(m.start(), m.end())}
            los = next((i for i, t in enumerate(node) if t in "{}" and i not in i_plassholder), None)
            if los is not None:
                self.feil(path, M["krollparentes"], "plassholder", tegn=los)
        elif isinstance(node, dict):
            for k, v in node.items():
                self._tekster((*path, k), v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self._tekster((*path, i), v)
        # unntak parameter references
        if path == ():
            for vi, v in enumerate(_list(self.data.get("vedlegg"))):
                for ui, un in enumerate(_list(_dict(v).get("unntak"))):
                    for felt in ("tidlig_i_semesteret", "minst_sammenhengende_skoledager"):
                        if felt in _dict(un):
                            self._param_ref(("vedlegg", vi, "unntak", ui, felt), un[felt], felt)


def _regelens_trinn(regel: Mapping[str, Any], standard: Sequence[str]) -> frozenset[str]:
    """The trinn a rule applies to: its own ``trinn``, else its table's (or the routine's)."""
    egne = [t for t in _list(regel.get("trinn")) if isinstance(t, str)]
    return frozenset(egne or standard)


def _ider(elementer: Any) -> set[str]:
    """The string ``id`` of every mapping in a list."""
    return {e["id"] for e in _list(elementer) if isinstance(e, dict) and isinstance(e.get("id"), str)}


_TALLENHETER: Final = ("andel", "skoledager", "dager", "minutter", "timer")
_TALL_I_TEKST: Final = re.compile(r"[0-9]+(\.[0-9]+)?")


def _krav(verdi: Any, enhet: Any) -> str | None:
    """What a parameter value of this ``enhet`` must be, when ``verdi`` is not; else None."""
    tall = isinstance(verdi, int | float) and not isinstance(verdi, bool)
    heltall = isinstance(verdi, int) and not isinstance(verdi, bool)
    if isinstance(verdi, str) and enhet in _TALLENHETER and _TALL_I_TEKST.fullmatch(verdi.strip()):
        # "0.08" in quotes: a text that reads as the right number; without the quotes it is fine
        som_tall = float(verdi) if "." in verdi else int(verdi)
        if _krav(som_tall, enhet) is None:
            return M["krav-tall-i-anforsel"].format(forslag=verdi.strip())
    if enhet == "andel" and not (tall and 0 < verdi <= 1):
        return _krav_andel(verdi)
    if enhet in ("skoledager", "dager") and not (heltall and 0 <= verdi <= 200):
        return M["krav-dager"]
    if enhet == "minutter" and not (heltall and 0 <= verdi <= 600):
        return M["krav-minutter"]
    if enhet == "timer" and not (tall and verdi >= 0):
        return M["krav-timer"]
    if enhet == "ja_nei" and not isinstance(verdi, bool):
        riktig = janei_forslag(verdi)
        return M["krav-janei-uklar"] if riktig is None else M["krav-janei"].format(riktig=riktig)
    if enhet == "klokkeslett" and not (isinstance(verdi, str) and _klokkeslett(verdi)):
        forslag = klokkeslett_forslag(verdi)
        if forslag is None:
            return M["krav-klokkeslett"]
        return M["krav-klokkeslett-forslag"].format(forslag=forslag)
    if enhet == "liste" and not (isinstance(verdi, list) and all(isinstance(v, str) for v in verdi)):
        return M["krav-liste"]
    return None


def _krav_andel(verdi: Any) -> str:
    """The fix for a bad ``andel``: 10 or "10 %" -> 0.1, "0,1" -> 0.1, else the general rule."""
    prosent: float | None = None
    if isinstance(verdi, int | float) and not isinstance(verdi, bool):
        prosent = float(verdi) if 1 < verdi <= 100 else None
    elif isinstance(verdi, str) and (m := _PROSENT.fullmatch(verdi)):
        prosent = float(m.group(1).replace(",", "."))
    elif isinstance(verdi, str) and _DESIMALKOMMA.fullmatch(verdi):
        tall = float(verdi.strip().replace(",", "."))
        if 0 < tall <= 1:
            return M["krav-andel-komma"].format(forslag=f"{tall:g}")
    if prosent is not None and 0 < prosent <= 100:
        return M["krav-andel-prosent"].format(forslag=f"{prosent / 100:g}", verdi=f"{prosent:g}")
    return M["krav-andel"]


def _vis(verdi: Any) -> str:
    return f"«{verdi}»" if isinstance(verdi, str) else str(verdi)


def _dato(x: Any) -> date | None:
    if not isinstance(x, str):
        return None
    try:
        return date.fromisoformat(x)
    except ValueError:
        return None


def _klokkeslett(x: str) -> bool:
    return _KLOKKESLETT.fullmatch(x) is not None


# --------------------------------------------------------------------------- building


def _plass(doc: YamlDokument, path: tuple[str | int, ...]) -> Plassering:
    linje, kolonne = doc.plassering(path)
    return Plassering(doc.fil, linje, kolonne)


def _tuple(x: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in _list(x))


def _bygg_regel(
    doc: YamlDokument,
    path: tuple[str | int, ...],
    r: dict[str, Any],
    trinn: tuple[str, ...],
    kilde: str,
    **hvor: str | None,
) -> Regel:
    u = r["utloser"]
    f = r["frist"]
    m = r.get("mottaker")
    mottaker = (
        Mottaker(
            under_18=_tuple(m.get("under_18")),
            fra_18=_tuple(m.get("fra_18")),
            fra_18_med_samtykke=_tuple(m.get("fra_18_med_samtykke", m.get("fra_18"))),
        )
        if m
        else None
    )
    return Regel(
        id=r["id"],
        tiltak=r["tiltak"],
        utloser=Utloser(
            type=u["type"],
            hendelse=u.get("hendelse"),
            koder=_tuple(u.get("koder")),
            maal=u.get("maal"),
            terskel=u.get("terskel"),
            sammenligning=u.get("sammenligning", "over"),
            minste_nevner=u.get("minste_nevner"),
            tellende_dokumentasjon=u.get("tellende_dokumentasjon"),
            unntak=_tuple(u.get("unntak")),
            gjentakelse=u.get("gjentakelse"),
            vindu=u.get("vindu"),
            trinn=_tuple(u.get("trinn")),
            per=u.get("per", "trinn"),
            antall=u.get("antall"),
            hyppighet=u.get("hyppighet"),
        ),
        frist=Frist(type=f["type"], antall=f.get("antall"), klokkeslett=f.get("klokkeslett")),
        ansvar=_tuple(r["ansvar"]),
        trinn=_tuple(r["trinn"]) if r.get("trinn") else trinn,
        kilde=kilde,
        mottaker=mottaker,
        brev=r.get("brev"),
        sjekklister=_tuple(r.get("sjekklister")),
        steg=_tuple(r.get("steg")),
        hjemmel=r.get("hjemmel"),
        merknad=r.get("merknad"),
        plassering=_plass(doc, path),
        **hvor,
    )


def _bygg_parameter(doc: YamlDokument, navn: str, p: dict[str, Any]) -> Parameter:
    def konv(v: Any) -> Any:
        return tuple(v) if isinstance(v, list) else v

    if "verdier" in p:
        verdier = tuple(
            Parameterverdi(fra=date.fromisoformat(v["fra"]), verdi=konv(v["verdi"]), hjemmel=v.get("hjemmel"))
            for v in p["verdier"]
        )
    else:
        verdier = (Parameterverdi(fra=None, verdi=konv(p["verdi"]), hjemmel=p.get("hjemmel")),)
    return Parameter(
        navn=navn,
        enhet=p["enhet"],
        beskrivelse=p["beskrivelse"],
        verdier=verdier,
        kilde=p.get("kilde"),
        hjemmel=p.get("hjemmel"),
        lokal_presisering=bool(p.get("lokal_presisering", False)),
        merknad=p.get("merknad"),
        plassering=_plass(doc, ("parametere", navn)),
    )


def _bygg_rutine(doc: YamlDokument, felles: Felles) -> Rutine:
    d = doc.data
    rutinetrinn = _tuple(d["trinn"])
    seksjoner = []
    for si, s in enumerate(d["seksjoner"]):
        strinn = _tuple(s.get("trinn")) or rutinetrinn
        rader = []
        for ri, rad in enumerate(s["rader"]):
            path: tuple[str | int, ...] = ("seksjoner", si, "rader", ri)
            kilde = f"{s['tittel']}, rad {ri + 1}"
            rader.append(
                Rad(
                    id=rad["id"],
                    hva=rad["hva"],
                    naar=rad["naar"],
                    ansvar_tekst=rad["ansvar"]["tekst"],
                    roller=_tuple(rad["ansvar"]["roller"]),
                    innhold=rad["innhold"],
                    regler=tuple(
                        _bygg_regel(doc, (*path, "regler", gi), g, strinn, kilde, seksjon=s["id"], rad=rad["id"])
                        for gi, g in enumerate(rad["regler"])
                    ),
                    kilde=dict(rad.get("kilde", {})),
                    sjekklister=_tuple(rad.get("sjekklister")),
                    merknad=rad.get("merknad"),
                    plassering=_plass(doc, path),
                )
            )
        seksjoner.append(Seksjon(id=s["id"], tittel=s["tittel"], trinn=strinn, rader=tuple(rader)))
    vedlegg = []
    for vi, v in enumerate(d.get("vedlegg", [])):
        kilde = f"Vedlegg {v['nummer']}: {v['tittel']}" if v.get("nummer") is not None else v["tittel"]
        vedlegg.append(
            Vedlegg(
                id=v["id"],
                nummer=v.get("nummer"),
                tittel=v["tittel"],
                innledning=v.get("innledning", ""),
                sporsmaal=v.get("sporsmaal", ""),
                steg=tuple(Steg(id=s["id"], tekst=s["tekst"]) for s in v.get("steg", [])),
                unntak=tuple(
                    Unntak(
                        id=u["id"],
                        tekst=u["tekst"],
                        arsak=_tuple(u.get("arsak")),
                        tidlig_i_semesteret=u.get("tidlig_i_semesteret"),
                        minst_sammenhengende_skoledager=u.get("minst_sammenhengende_skoledager"),
                    )
                    for u in v.get("unntak", [])
                ),
                brev=tuple(Brev(id=b["id"], tittel=b["tittel"], tekst=b["tekst"]) for b in v.get("brev", [])),
                regler=tuple(
                    _bygg_regel(doc, ("vedlegg", vi, "regler", gi), g, rutinetrinn, kilde, vedlegg=v["id"])
                    for gi, g in enumerate(v.get("regler", []))
                ),
            )
        )
    return Rutine(
        id=d["id"],
        navn=d["navn"],
        kommune=d["kommune"],
        versjon=str(d["versjon"]),
        gyldig_fra=date.fromisoformat(d["gyldig_fra"]),
        neste_revisjon=date.fromisoformat(d["neste_revisjon"]),
        trinn=rutinetrinn,
        kilde=dict(d.get("kilde", {})),
        parametere={n: _bygg_parameter(doc, n, p) for n, p in d.get("parametere", {}).items()},
        seksjoner=tuple(seksjoner),
        vedlegg=tuple(vedlegg),
        felles=felles,
        fil=doc.fil,
        gyldig_fra_plassering=_plass(doc, ("gyldig_fra",)),
    )


def iter_yaml_filer(mappe: Path) -> Iterator[Path]:
    """The YAML files directly in ``mappe``, sorted by name."""
    yield from sorted(p for p in mappe.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
