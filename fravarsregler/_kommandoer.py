"""The ``evaluer`` and ``demo`` commands, and registration of the other sub-commands."""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from . import _cli_publisering
from ._argumenter import EnGang, filnavn, utfil, yamlfil
from ._dokument import sjekk_standardmappe, standard_rutinefiler
from ._errors import FravarsreglerError
from ._inndata import Fag, Innlesing, Kildefil, read_elever, read_fag, read_hendelser
from ._kodekart import load_kodekart
from ._meldinger import mente_du, og_liste, os_grunn, uten_surrogater, vis_filnavn
from ._motor import Regelsett, Resultat, Tiltak, evaluate, kildeomtale, rutineomtale
from ._paths import finn_datafil, rutinemappe
from ._rutine import load_routines
from ._skolerute import load_skolerute
from ._yaml import load_yaml_file

__all__ = ["legg_til", "skriv_resultat", "standardrutiner"]

FORMATER = ("tekst", "json", "csv", "csv-excel")
FORMATHJELP = "format for resultatet (standard tekst; csv-excel: CSV med BOM og CRLF, slik at Excel viser æøå riktig)"

DEMO_DATO = date(2026, 11, 26)


#: ``--fra skoleaar``: from the first day of the school year (1 August), the nightly job's window.
FRA_SKOLEAAR = "skoleaar"


def legg_til(sub: argparse._SubParsersAction[Any], dato: Callable[[str], object]) -> None:
    """Add ``evaluer``, ``demo`` and (when present) ``dokument``/``diff`` to ``sub``."""
    p = sub.add_parser("evaluer", help="evaluer fravær mot rutinene på en dato")
    p.add_argument(
        "--rutine",
        action="extend",
        nargs="+",
        type=yamlfil,
        metavar="FIL",
        help="rutinefil(er) (kan gjentas; standard: rutinene i ./rutiner eller de medfølgende)",
    )
    # (one file each: a repeated option would silently keep only the last file)
    p.add_argument(
        "--elever",
        required=True,
        type=filnavn,
        metavar="FIL",
        action=EnGang,
        help="elever (CSV eller JSON Lines; - leser standard inn)",
    )
    p.add_argument(
        "--fag",
        type=filnavn,
        metavar="FIL",
        action=EnGang,
        help="fag med årstimer for vgs (CSV eller JSON Lines; - leser standard inn)",
    )
    p.add_argument(
        "--hendelser",
        required=True,
        type=filnavn,
        metavar="FIL",
        action=EnGang,
        help="fraværshendelser (CSV eller JSON Lines; - leser standard inn)",
    )
    p.add_argument("--skolerute", required=True, type=yamlfil, metavar="FIL", action=EnGang, help="skolerute (YAML)")
    p.add_argument(
        "--kodekart",
        type=yamlfil,
        metavar="FIL",
        action=EnGang,
        help="kodekart (YAML): «kode» i hendelsene er fagsystemets egne koder, oversatt gjennom kartet",
    )
    p.add_argument("--dato", required=True, type=dato, metavar="ÅÅÅÅ-MM-DD", action=EnGang, help="evalueringsdato")

    def fra(tekst: str) -> object:
        if tekst.strip().casefold() in (FRA_SKOLEAAR, "skoleår"):
            return FRA_SKOLEAAR
        try:
            return dato(tekst)
        except argparse.ArgumentTypeError as e:
            raise argparse.ArgumentTypeError(f"{e}, eller «{FRA_SKOLEAAR}» for hele skoleåret") from None

    p.add_argument(
        "--fra",
        type=fra,
        metavar=f"ÅÅÅÅ-MM-DD|{FRA_SKOLEAAR}",
        action=EnGang,
        help=(
            "vis tiltak utløst fra og med denne datoen (standard: første skoledag i semesteret som --dato "
            "ligger i; i en ferie: første skoledag i semesteret før ferien; før første semester: 1. august). "
            f"«--fra {FRA_SKOLEAAR}» betyr fra skoleårets start (1. august): bruk det i en nattlig jobb, så "
            "høstens åpne tiltak ikke forsvinner når vårsemesteret begynner"
        ),
    )
    p.add_argument("--format", choices=FORMATER, default="tekst", action=EnGang, help=FORMATHJELP)
    p.add_argument(
        "--ut",
        type=utfil,
        metavar="FIL",
        action=EnGang,
        help="skriv resultatet til denne filen, helt eller ikke i det hele tatt: den gamle filen står urørt "
        "hvis evalueringen ikke blir gjort (standard: skjermen)",
    )
    p.set_defaults(kjor=_kjor_evaluer)

    d = sub.add_parser("demo", help="kjør motoren på de medfølgende, oppdiktede eksempeldataene")
    d.add_argument(
        "--dato",
        type=dato,
        default=DEMO_DATO,
        metavar="ÅÅÅÅ-MM-DD",
        action=EnGang,
        help=f"evalueringsdato (standard {DEMO_DATO.isoformat()})",
    )
    d.add_argument("--format", choices=FORMATER, default="tekst", action=EnGang, help=FORMATHJELP)
    d.set_defaults(kjor=_kjor_demo)

    k = sub.add_parser(
        "kopier",
        help="kopier de medfølgende rutinene og skjemaene til en mappe, for å redigere dem der",
        description=(
            "Kopierer rutinene som følger med fravarsregler (rutiner/) og skjemaene som gir hjelp i "
            "redigeringsprogrammet (skjema/) til MAPPE. Kjør deretter kommandoene fra MAPPE: da bruker de "
            "rutinene der. Ingenting blir skrevet over."
        ),
    )
    k.add_argument("mappe", type=filnavn, metavar="MAPPE", help="mappen det kopieres til (lages om den mangler)")
    k.set_defaults(kjor=_kjor_kopier)

    _cli_publisering.legg_til(sub)


#: An input file named ``-`` is standard input.
STDIN = Path("-")


def standardrutiner() -> list[Path]:
    """The shipped routine files, plus archived versions in ``rutiner/arkiv/``.

    The archive also keeps the shared file and school calendars of earlier years (the staff guide
    says to): only its routine files are routines. A file that cannot be read is kept, so that
    loading it says what is wrong.
    """
    mappe = rutinemappe()
    filer = list(standard_rutinefiler())
    arkiv = mappe / "arkiv"
    if arkiv.is_dir():
        filer += [f for f in sorted(arkiv.glob("*.yaml")) if _filtype(f) in (None, "rutine")]
    return filer


#: What ``kopier`` copies: the folder, and which files of it (the shipped data, nothing else that
#: a checkout's working tree may hold).
_KOPIERES = (("rutiner", "*.yaml"), ("skjema", "*.schema.json"))


def _kjor_kopier(args: argparse.Namespace, ut: IO[str], feil: IO[str]) -> int:
    """``fravarsregler kopier MAPPE``: the shipped routines and schemas, to edit (an installed
    package keeps them inside site-packages, where no one should edit them)."""
    maal: Path = args.mappe
    finnes = [navn for navn, _ in _KOPIERES if os.path.lexists(maal / navn)]
    if finnes:
        hva = og_liste(finnes)
        feil.write(
            f"fravarsregler kopier: {vis_filnavn(str(maal))} har allerede {hva}; ingenting er kopiert. "
            "Flytt eller slett det som er der, eller velg en annen mappe.\n"
        )
        return 1
    antall: dict[str, int] = {}
    try:
        maal.mkdir(parents=True, exist_ok=True)
        for navn, monster in _KOPIERES:
            filer = sorted(finn_datafil(navn).glob(monster))
            # into a temporary folder first: a failure half-way leaves no half-filled rutiner/
            midlertidig = Path(tempfile.mkdtemp(prefix=f".{navn}-", dir=maal))
            try:
                for fil in filer:
                    shutil.copyfile(fil, midlertidig / fil.name)
                os.chmod(midlertidig, 0o777 & ~_cli_publisering.umask())  # (mkdtemp made it private)
                midlertidig.rename(maal / navn)
            except BaseException:
                shutil.rmtree(midlertidig, ignore_errors=True)
                raise
            antall[navn] = len(filer)
    except OSError as e:
        kopiert = og_liste(antall)
        feil.write(
            f"fravarsregler kopier: kan ikke skrive til {vis_filnavn(str(maal))} ({os_grunn(e)})."
            + (f" Kopiert før feilen: {kopiert}." if antall else "")
            + "\n"
        )
        return 1
    vist = vis_filnavn(str(maal))
    ut.write(
        f"Kopierte {antall['rutiner']} filer til {vist}/rutiner og {antall['skjema']} skjemaer til "
        f"{vist}/skjema.\nRediger filene der, og kjør kommandoene fra {vist} (for eksempel "
        "«fravarsregler valider»): da bruker de disse rutinene.\n"
    )
    return 0


def _filtype(fil: Path) -> str | None:
    """The ``type`` a YAML file declares, or None when it cannot be read or names none."""
    try:
        data = load_yaml_file(fil).data
    except (FravarsreglerError, OSError):
        return None
    typ = data.get("type") if isinstance(data, dict) else None
    return typ if isinstance(typ, str) else None


def _kjor(
    rutinefiler: Sequence[Path],
    *,
    elever: Kildefil,
    fag: Kildefil | None,
    hendelser: Kildefil,
    skolerute: Path,
    dato: date,
    fra: date | str | None,
    fmt: str,
    ut: IO[str],
    feil: IO[str],
    kodekart: Path | None = None,
    ut_navn: str | None = None,
    prog: str = "fravarsregler evaluer",
) -> int:
    rutiner, problemer = load_routines(rutinefiler)
    if problemer:
        for p in problemer:
            feil.write(f"{p}\n")
        feil.write(f"{prog}: rutinene har feil; rett dem (se «fravarsregler valider») og prøv igjen.\n")
        return 1
    sr = load_skolerute(skolerute)
    # (the only text --fra takes is FRA_SKOLEAAR)
    fra_dato = sr.skoleaaret[0] if isinstance(fra, str) else fra
    kart = load_kodekart(kodekart) if kodekart is not None else None
    # any day of the school year: in the summer after the last school day, June's overdue actions
    # and the kindergarten's events still show
    forste, siste = sr.skoleaaret
    if not forste <= dato <= siste:
        feil.write(
            f"{prog}: --dato {dato.isoformat()} er utenfor skoleåret {sr.skoleaar} i skoleruta "
            f"«{sr.id}» ({forste.isoformat()} til {siste.isoformat()}). Bruk skoleruta for det skoleåret datoen "
            "hører til.\n"
        )
        return 1
    # A deadline pinned for a rule id no routine has would be ignored silently: say so.
    kjente = {regel.id for rutine in rutiner for regel in rutine.regler()}
    for regel_id in sorted(set(sr.frister) - kjente):
        mente, _ = mente_du(regel_id, kjente)
        feil.write(f"{sr.fil}: advarsel: «frister» nevner regelen «{regel_id}», som ingen rutine har.{mente}\n")
    fag_inn: Innlesing[Fag] | tuple[Fag, ...] = read_fag(fag) if fag is not None else ()
    hendelser_inn = read_hendelser(hendelser, kodekart=kart)
    elever_inn = read_elever(elever)
    for navn, innlest in (("elever", elever_inn), ("hendelser", hendelser_inn)):
        if innlest.lest == 0:
            # an export that stopped after its header line looks like a night without absence
            feil.write(
                f"{prog}: advarsel: --{navn} {vis_filnavn(innlest.fil)} har ingen rader (filen er tom, "
                "eller har bare overskriftslinjen). Er eksporten ufullstendig?\n"
            )
    resultat = evaluate(Regelsett(rutiner), elever_inn, hendelser_inn, sr, dato, fag=fag_inn, fra=fra_dato)
    if ut_navn is None or ut_navn == "-":
        skriv_resultat(resultat, fmt, ut)
    else:
        # the whole result, streamed to a temporary file, or (an error) the earlier file as it was
        try:
            with _cli_publisering.skriv_helt_til(Path(ut_navn)) as fil:
                skriv_resultat(resultat, fmt, fil)
        except BrokenPipeError:
            if _cli_publisering.fd_for(Path(ut_navn)) == 1:
                raise  # (--ut /dev/stdout | head: 141, silently, as for standard output)
            feil.write(_cli_publisering.kan_ikke_skrive(prog, ut_navn, "leseren av røret gikk", sjekk_navnet=False))
            return 1
        except OSError as e:
            feil.write(
                _cli_publisering.kan_ikke_skrive(
                    prog, ut_navn, os_grunn(e), sjekk_navnet=e.errno in _cli_publisering.SJEKK_NAVNET
                )
            )
            return 1
    if fmt != "json":
        for a in resultat.avvist:
            sted = a.fil if a.linje is None else f"{a.fil}:{a.linje}"
            feil.write(f"{sted}: avvist: {a.melding}\n")
    elif resultat.antall.avvist:
        # one line for the job's log; the rows and reasons are in the JSON
        n = resultat.antall.avvist
        rader = f"{n} {'rad' if n == 1 else 'rader'} avvist"
        hvordan = "ingen er brukt" if resultat.antall.brukt == 0 else "resten er brukt"
        feil.write(f"{prog}: {rader}, {hvordan}; se «avvist» i resultatet.\n")
    return 1 if resultat.antall.avvist else 0


def _utfil_feil(sti: Path) -> str | None:
    """Why ``--ut`` cannot be written, when that is plain before the work (a county takes minutes).
    The checks follow a symbolic link, as the writer does."""
    if (fd := _cli_publisering.fd_for(sti)) is not None:
        return _fd_feil(fd)
    try:
        st = os.stat(sti)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as e:  # a folder on the way we may not look into
        return os_grunn(e)
    if st is not None and stat.S_ISDIR(st.st_mode):
        return "det er en mappe, ikke en fil"
    if st is not None and not stat.S_ISREG(st.st_mode):
        return None  # a pipe or device
    if st is not None and not os.access(sti, os.W_OK):
        skrivebeskyttet = hasattr(os, "statvfs") and os.statvfs(sti).f_flag & os.ST_RDONLY
        return "stedet er skrivebeskyttet" if skrivebeskyttet else "du har ikke tilgang"
    sti = _cli_publisering.maalet(sti)
    mappe = sti.parent
    try:
        if not stat.S_ISDIR(os.stat(mappe).st_mode):
            return "en del av stien er ikke en mappe"
    except FileNotFoundError:
        return "mappen finnes ikke"
    except OSError as e:
        return os_grunn(e)
    if not sti.exists() and not os.access(mappe, os.W_OK | os.X_OK):
        return "du har ikke tilgang til å lage en fil i mappen"
    return None


def _fd_feil(fd: int) -> str | None:
    """Why the descriptor ``/dev/stdout`` or ``/dev/fd/N`` names cannot be written to."""
    if sys.platform == "win32":  # pragma: no cover - no fcntl there
        return None
    import fcntl  # noqa: PLC0415 - POSIX only

    try:
        flagg = fcntl.fcntl(fd, fcntl.F_GETFL)
    except OSError:
        return f"filbeskrivelse {fd} er ikke åpen" + (" (standard ut er lukket)" if fd == 1 else "")
    if flagg & os.O_ACCMODE == os.O_RDONLY:
        return f"filbeskrivelse {fd} er bare åpen for lesing"
    return None


def _kjor_evaluer(args: argparse.Namespace, ut: IO[str], feil: IO[str]) -> int:
    ut_fil = None if args.ut in (None, "-") else Path(args.ut)
    if ut_fil is not None and (grunn := _utfil_feil(ut_fil)) is not None:
        feil.write(_cli_publisering.kan_ikke_skrive("fravarsregler evaluer", args.ut, grunn, sjekk_navnet=True))
        return 1
    if isinstance(args.fra, date) and args.fra > args.dato:
        feil.write(
            f"fravarsregler evaluer: feil: --fra ({args.fra.isoformat()}) kan ikke være etter "
            f"--dato ({args.dato.isoformat()}).\n"
        )
        return 2
    # One input may come from standard input, named "-" as in other Unix tools.
    fra_inn = [navn for navn in ("elever", "fag", "hendelser") if getattr(args, navn) == STDIN]
    if len(fra_inn) > 1:
        feil.write(
            "fravarsregler evaluer: feil: bare én av "
            + ", ".join(f"--{n}" for n in fra_inn)
            + " kan lese fra standard inn (-).\n"
        )
        return 2
    inn: IO[bytes] = args.stdin  # (run() always sets it: the standard input, read only if "-" is given)

    def kilde(sti: Path) -> Kildefil:
        return inn if sti == STDIN else sti

    if not args.rutine and not sjekk_standardmappe(
        "fravarsregler evaluer", feil, ellers="eller gi rutinene med --rutine"
    ):
        return 1
    return _kjor(
        args.rutine or standardrutiner(),
        elever=kilde(args.elever),
        fag=None if args.fag is None else kilde(args.fag),
        hendelser=kilde(args.hendelser),
        skolerute=args.skolerute,
        dato=args.dato,
        fra=args.fra,
        fmt=args.format,
        ut=ut,
        feil=feil,
        kodekart=args.kodekart,
        ut_navn=args.ut,
    )


def _kjor_demo(args: argparse.Namespace, ut: IO[str], feil: IO[str]) -> int:
    mappe = finn_datafil("eksempel")
    skolerute = finn_datafil("rutiner", "skolerute-2026-27.yaml")
    forste, siste = load_skolerute(skolerute).skoleaaret
    if not forste <= args.dato <= siste:
        # the demo's data are one school year's: another date is a usage error, said before any output
        feil.write(
            f"fravarsregler demo: feil: --dato {args.dato.isoformat()} er utenfor eksempeldataenes skoleår "
            f"({forste.isoformat()} til {siste.isoformat()}). Velg en dato i det skoleåret, eller bruk "
            "«fravarsregler evaluer» med egne data.\n"
        )
        return 2
    if not sjekk_standardmappe(
        "fravarsregler demo", feil, ellers="eller kjør demoen i en mappe uten «rutiner»", merk_medfolgende=False
    ):
        return 1
    if args.format == "tekst":
        ut.write(
            "Demo: oppdiktede data for én barnehage, én grunnskole (1.–10. trinn) og én videregående skole.\n"
            f"Data: {mappe}\nRutiner: {rutinemappe()}\n\n"
        )
    return _kjor(
        standardrutiner(),
        elever=mappe / "elever.csv",
        fag=mappe / "fag.csv",
        hendelser=mappe / "hendelser.csv",
        skolerute=skolerute,
        dato=args.dato,
        fra=None,
        fmt=args.format,
        ut=ut,
        feil=feil,
        prog="fravarsregler demo",
    )


# --------------------------------------------------------------------------- output

CSV_KOLONNER = (
    "regel",
    "rutine",
    "versjon",
    "elev_id",
    "trinn",
    "skole",
    "klasse",
    "fag",
    "hva",
    "tiltak",
    "ansvar",
    "mottaker",
    "frist",
    "forfalt",
    "status",
    "utlost",
    "hendelser",
    "teller",
    "nevner",
    "andel",
    "terskel",
    "begrunnelse",
)


def skriv_resultat(resultat: Resultat, fmt: str, ut: IO[str]) -> None:
    """Write a result as ``json``, ``csv`` (``;``-separated), ``csv-excel`` (the same with a
    byte-order mark and CRLF) or ``tekst``."""
    if fmt == "json":
        _skriv_json(resultat, ut)
    elif fmt in ("csv", "csv-excel"):
        excel = fmt == "csv-excel"
        if excel:
            # Excel opens a double-clicked CSV as Windows-1252 unless it starts with a BOM
            ut.write("\ufeff")
        w = csv.writer(ut, delimiter=";", lineterminator="\r\n" if excel else "\n")
        w.writerow(CSV_KOLONNER)
        for t in resultat.tiltak:
            g = t.grunnlag
            w.writerow(
                [
                    _celle(t.regel),
                    _celle(t.rutine),
                    _celle(t.versjon),
                    _celle(t.elev_id or ""),
                    _celle(t.trinn),
                    _celle(t.skole or ""),
                    _celle(t.klasse or ""),
                    _celle(t.fag or ""),
                    _celle(t.hva),
                    _celle(t.tiltak),
                    _liste(t.ansvar),
                    _liste(t.mottaker),
                    t.frist.isoformat(),
                    "ja" if t.forfalt(resultat.dato) else "nei",
                    t.status,
                    t.utlost.isoformat(),
                    _liste(t.hendelser),
                    _n(g.teller) if g else "",
                    _n(g.nevner) if g else "",
                    _n(g.andel) if g else "",
                    _n(g.terskel) if g else "",
                    _celle(t.begrunnelse),
                ]
            )
    else:
        _tekst(resultat, ut)


#: One JSON value on one line: the C encoder (``indent`` would fall back to the pure-Python one).
_JSON_KODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _json_linje(verdi: object) -> str:
    # a file name that is not UTF-8 (a routine's «kilde», a rejected row's «fil») as \\xf8
    return uten_surrogater(_JSON_KODER(verdi), i_json=True)


def _skriv_json(r: Resultat, ut: IO[str]) -> None:
    """``Resultat.as_dict()`` as JSON, written as it is made: one action or row per line.

    The whole document is never held in memory (a county's year is hundreds of megabytes of
    JSON), and each line is encoded by the C encoder; ``json.load`` reads the same data as
    ``as_dict()`` gives.
    """

    def liste(navn: str, elementer: Iterable[object]) -> None:
        ut.write(f'  "{navn}": [')
        skille = "\n    "
        for e in elementer:
            ut.write(skille)
            ut.write(_json_linje(e))
            skille = ",\n    "
        ut.write("]" if skille == "\n    " else "\n  ]")

    ut.write("{\n")
    liste("rutiner", (rutineomtale(rutine) for rutine in r.rutiner))
    for navn, verdi in kildeomtale(r).items():
        ut.write(f',\n  "{navn}": {_json_linje(verdi)}')
    ut.write(f',\n  "dato": "{r.dato.isoformat()}",\n  "fra": "{r.fra.isoformat()}"')
    ut.write(",\n")
    liste("tiltak", (t.as_dict(r.dato) for t in r.tiltak))
    ut.write(",\n")
    liste("oversikt", (o.as_dict() for o in r.oversikt))
    ut.write(",\n")
    liste("avvist", (a.as_dict() for a in r.avvist))
    ut.write(f',\n  "antall": {_json_linje(r.antall.as_dict())}\n}}\n')


def _celle(tekst: str) -> str:
    """A text cell that a spreadsheet cannot take for a formula (CSV injection): a leading ``=``,
    ``+``, ``-``, ``@``, tab or carriage return gets a ``'`` in front (docs/utveksling.md)."""
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


def _liste(ider: Iterable[str]) -> str:
    """A list cell: ids joined by ``", "``. A plain ``,`` made ``1,2`` of two numeric event ids,
    which Norwegian Excel reads as the number 1.2; with the space it stays text."""
    return _celle(", ".join(ider))


def _n(x: float) -> str:
    """A number with a decimal comma and at most 6 decimals, never cut to significant digits
    (``112,5625``, not ``112,562``) nor in exponent form (``1000000``, not ``1e+06``)."""
    tekst = f"{round(x, 6):.6f}".rstrip("0").rstrip(".")
    return "0" if tekst in ("-0", "") else tekst.replace(".", ",")


def _trinnavn(trinn: str) -> str:
    """How a report names a trinn: "5. trinn", "Vg2" (Udir's spelling), "barnehage"."""
    if trinn.isdigit():
        return f"{trinn}. trinn"
    if trinn == "bhg":
        return "barnehage"
    return trinn.capitalize() if trinn.startswith("vg") else trinn


def _antall(n: int, entall: str, flertall: str) -> str:
    """``"1 rad"``, ``"3 rader"``."""
    return f"{n} {entall if n == 1 else flertall}"


def _frist(t: Tiltak) -> str:
    if isinstance(t.frist, datetime):
        return f"{t.frist:%Y-%m-%d kl. %H:%M}"
    return t.frist.isoformat()


def _tekst(r: Resultat, ut: IO[str]) -> None:
    rollenavn = {rid: rolle.navn for rut in r.rutiner for rid, rolle in rut.felles.roller.items()}

    def roller(ider: tuple[str, ...]) -> str:
        return ", ".join(rollenavn.get(i, i).lower() if i != "ppt" else "PPT" for i in ider)

    ut.write(f"Fraværsoppfølging per {r.dato.isoformat()} (tiltak utløst fra {r.fra.isoformat()})\n")
    for rut in r.rutiner:
        ut.write(f"  Rutine {rut.id}: «{rut.navn}», versjon {rut.versjon}, gyldig fra {rut.gyldig_fra.isoformat()}\n")
    if r.skolerute is not None:
        ut.write(f"  Skolerute {r.skolerute.id}: {r.skolerute.kommune}, skoleåret {r.skolerute.skoleaar}\n")
    if r.kodekart is not None:
        ut.write(f"  Kodekart {r.kodekart.id}: koder fra {r.kodekart.system}\n")
    elevtiltak = [t for t in r.tiltak if t.kategori != "kalender"]
    kalender = [t for t in r.tiltak if t.kategori == "kalender"]
    ut.write(f"\nTiltak for den enkelte elev eller det enkelte barn ({len(elevtiltak)}):\n")
    if not elevtiltak:
        ut.write("  (ingen)\n")
    # the routine's own order within a pupil's day: the contact step before the letter
    plass = {regel.id: i for rut in r.rutiner for i, regel in enumerate(rut.regler())}
    for t in sorted(
        elevtiltak, key=lambda t: (t.frist.isoformat(), t.elev_id or "", plass.get(t.regel, len(plass)), t.regel)
    ):
        merke = "FORFALT " if t.forfalt(r.dato) else ""
        if t.status == "holdt_tilbake":
            merke = "HOLDT TILBAKE "
        hvor = ", ".join(x for x in (_trinnavn(t.trinn), t.fag, t.klasse, t.skole) if x)
        ut.write(f"- {merke}{_frist(t)}  {t.elev_id} ({hvor}): {t.tiltak}\n")
        ut.write(f"    regel {t.regel} (versjon {t.versjon}); ansvar: {roller(t.ansvar)}")
        if t.mottaker:
            ut.write(f"; mottaker: {roller(t.mottaker)}")
        ut.write(f"\n    hvorfor: {t.begrunnelse}\n")
    ut.write(f"\nFaste punkter i rutinene ({len(kalender)}):\n")
    grupper: Counter[tuple[str, str, str, str, bool, bool]] = Counter()
    for t in kalender:
        grupper[(t.frist.isoformat(), t.regel, t.hva, roller(t.ansvar), t.elev_id is not None, t.trinn == "bhg")] += 1
    for (frist, regel, hva, ansvar, per_elev, bhg), n in sorted(grupper.items()):
        forfalt = " FORFALT" if date.fromisoformat(frist) < r.dato else ""
        # a row per pupil, or per trinn at each school (a kindergarten: one per kindergarten)
        if per_elev:
            enhet = _antall(n, "barn", "barn") if bhg else _antall(n, "elev", "elever")
        else:
            enhet = _antall(n, "barnehage", "barnehager") if bhg else _antall(n, "trinn", "trinn")
        ut.write(f"- {frist}{forfalt}  {hva} [{regel}] – ansvar: {ansvar} ({enhet})\n")
    if r.oversikt:
        hoyest = [o for o in sorted(r.oversikt, key=lambda o: (-o.andel, o.elev_id, o.fag or "")) if o.teller][:5]
        ut.write(
            f"\nFraværsandeler nå ({_antall(len(r.oversikt), 'beregning', 'beregninger')}: én per elev for "
            "skoledager, én per elev og fag for timer); de høyeste:\n"
        )
        if not hoyest:
            ut.write("  (ingen fravær ennå)\n")
        for o in hoyest:
            if o.maal == "fagtimer":
                timer = "fraværstime" if _n(o.teller) == "1" else "fraværstimer"
                hva = f"{_n(o.teller)} {timer} i {o.fag} av {_n(o.nevner)} årstimer"
            else:
                dager = "fraværsdag" if _n(o.teller) == "1" else "fraværsdager"
                hva = f"{_n(o.teller)} {dager} av {_n(o.nevner)} skoledager"
            ut.write(f"  {o.elev_id} ({_trinnavn(o.trinn)}): {hva} = {_n(round(o.andel * 100, 1))} %\n")
    a = r.antall
    ut.write(f"\nInndata: {_antall(a.lest, 'rad', 'rader')} lest, {a.brukt} brukt, {a.avvist} avvist")
    if a.etter_dato:
        ut.write(f" ({a.etter_dato} {'hendelse' if a.etter_dato == 1 else 'hendelser'} etter datoen).\n")
    else:
        ut.write(".\n")
