"""The command-line interface: ``fravarsregler <kommando> ...``.

``main(argv) -> int`` is a thin wrapper over :func:`run`, which takes its output streams so
tests call it directly. Exit codes: 0 ok, 1 invalid input or rules, 2 usage error.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import errno
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any, NoReturn, cast

import attrs

from . import _kommandoer
from ._argumenter import EnGang, filnavn, vis_verdi
from ._dokument import medfolgende_merknad
from ._errors import FravarsreglerError, InndataFeil
from ._inndata import STANDARD_INN
from ._meldinger import M, os_grunn, uten_surrogater
from ._paths import lokal_rutinemappe, manglende_rutinefiler, rutinemappe
from ._rutine import Valideringsresultat, iter_yaml_filer, validate_files

__all__ = ["main", "run"]

OK, UGYLDIG, BRUKSFEIL = 0, 1, 2
#: The reader of the output went away (``| head``): 128 + SIGPIPE, as the shell reports a tool
#: killed by a broken pipe; never 1, which means invalid input (or, for diff, differences).
AVBRUTT = 141
#: Stopped with Ctrl-C: 128 + SIGINT.
AVBRUTT_AV_BRUKER = 130

# Whole phrases only: a bare word such as "value" would also match inside "evaluer".
_ARGPARSE_NORSK = {
    "the following arguments are required": "disse argumentene mangler",
    "unrecognized arguments": "ukjente argumenter",
    "invalid choice": "ugyldig valg",
    "expected one argument": "forventet én verdi",
    "expected at least one argument": "forventet minst én verdi",
    "choose from": "velg blant",
    "not allowed with argument": "kan ikke brukes sammen med",
    "ambiguous option": "tvetydig valg",
    "could match": "kan bety",
    "ignored explicit argument": "tar ikke imot en verdi, men fikk",
    "maybe you meant": "mente du",  # (Python 3.14's suggestions)
}
#: A Python string literal as argparse writes a value (its repr: 'pdf', or "o'x" when it holds a ').
_PYTHON_STRENG = re.compile(r"'(?:[^'\\\n]|\\.)*'" + r'|"(?:[^"\\\n]|\\.)*"')
#: The argparse messages that quote values that way (the rest of the tool writes «»), by how they
#: begin. Only these: "unrecognized arguments" lists the arguments bare, and our own messages
#: quote with «» already.
_ARGPARSE_MED_SITAT = re.compile(r"argument [^:]*: (invalid choice|ignored explicit argument)")


#: A value quoted «…» (by us or by _sitat).
_SITERT = re.compile(r"(«[^»]*»)")


def _sitat(treff: re.Match[str]) -> str:
    try:
        verdi = ast.literal_eval(treff.group(0))
    except (ValueError, SyntaxError):  # pragma: no cover - argparse writes repr()s
        return treff.group(0)
    # (a control character stays escaped, as repr() wrote it: no terminal escape or line break)
    return f"«{verdi}»" if isinstance(verdi, str) and verdi.isprintable() else treff.group(0)


class _Bruksfeil(Exception):
    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding


class _Hjelpeformat(argparse.HelpFormatter):
    """Help text with Norwegian headings."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="bruk: " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        oversatt = {"positional arguments": "argumenter", "options": "valg"}.get(heading or "", heading)
        super().start_section(oversatt)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports usage errors in Norwegian and never exits by itself."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Hjelpeformat)
        kwargs["add_help"] = False
        # "--for" is not "--format": an option added later must not change what a script means
        kwargs["allow_abbrev"] = False
        super().__init__(*args, **kwargs)
        #: the sub-commands' parsers by name (on the top parser)
        self.underkommandoer: dict[str, argparse.ArgumentParser] = {}
        self.add_argument("-h", "--hjelp", "--help", action="help", help="vis denne hjelpeteksten og avslutt")

    def error(self, message: str) -> NoReturn:
        # the arguments a user gave, listed after "unrecognized arguments: ", are kept as given
        forklaring, skille, argumenter = message.partition("unrecognized arguments: ")
        forklaring += skille
        if not skille:
            forklaring, argumenter = message, ""
        if _ARGPARSE_MED_SITAT.match(forklaring):
            forklaring = _PYTHON_STRENG.sub(_sitat, forklaring)
        deler = _SITERT.split(forklaring)  # every other part is a value in «»: kept as given
        for i in range(0, len(deler), 2):
            for en, no in _ARGPARSE_NORSK.items():
                deler[i] = deler[i].replace(en, no)
        message = "".join(deler) + argumenter
        raise _Bruksfeil(f"{self.format_usage().rstrip()}\n{self.prog}: feil: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Avslutt(status, message)


class _Avslutt(Exception):
    def __init__(self, status: int, message: str | None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


Kommando = Callable[[argparse.Namespace, IO[str], IO[str]], int]


#: Exactly ÅÅÅÅ-MM-DD, ASCII digits: date.fromisoformat also takes 20261126 and 2026-W48-4.
_DATOFORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _dato(tekst: str) -> object:
    try:
        if _DATOFORM.fullmatch(tekst) is None:
            raise ValueError(tekst)
        return date.fromisoformat(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{vis_verdi(tekst)}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)") from None


def _bygg_parser() -> _Parser:
    parser = _Parser(
        prog="fravarsregler",
        description="Fraværsoppfølging etter rutinen «OPP IGJEN!»: valider, evaluer og publiser rutinene.",
    )
    parser.add_argument(
        "-V", "--versjon", "--version", action="version", version=_versjon(), help="vis versjonen og avslutt"
    )
    sub = parser.add_subparsers(dest="kommando", metavar="KOMMANDO", parser_class=_Parser, title="kommandoer")

    p = sub.add_parser(
        "valider", help="valider rutinefiler (standard: alle YAML-filer i ./rutiner, ellers de medfølgende)"
    )
    p.add_argument("filer", nargs="*", metavar="FIL", type=filnavn, help="filer eller mapper å validere")
    p.add_argument("--format", choices=("tekst", "json"), default="tekst", action=EnGang, help="format for resultatet")
    p.set_defaults(kjor=_kjor_valider)

    _kommandoer.legg_til(sub, _dato)
    parser.underkommandoer = dict(sub.choices)
    return parser


def _versjon() -> str:
    try:
        return f"fravarsregler {version('fravarsregler')}"
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "fravarsregler (ikke installert)"


def run(argv: Sequence[str], stdout: IO[str], stderr: IO[str], stdin: IO[bytes] | None = None) -> int:
    """Run the CLI with ``argv`` (without the program name), writing to the given streams.

    ``stdin`` is what an input file named ``-`` reads (default: the process's standard input).
    """
    parser = _bygg_parser()
    try:
        # argparse prints --hjelp/--versjon to sys.stdout; send it to our stream instead
        with contextlib.redirect_stdout(stdout):
            args, ukjente = parser.parse_known_args(list(argv))
            if ukjente:
                # argparse reports them from the top parser, with its usage; the sub-command's
                # usage is the one that helps
                kommando = getattr(args, "kommando", None)
                liste = list(argv)
                if kommando is None or liste.index(ukjente[0]) < liste.index(kommando):
                    kommando = None  # before the sub-command: the top parser's own
                (parser.underkommandoer.get(kommando, parser) if kommando else parser).error(
                    f"unrecognized arguments: {' '.join(ukjente)}"
                )
    except _Bruksfeil as e:
        stderr.write(e.melding + "\n")
        return BRUKSFEIL
    except _Avslutt as e:
        if e.status == 0:  # --hjelp / --versjon, already printed
            return OK
        stderr.write(e.message or "")
        return BRUKSFEIL
    args.stdin = cast(IO[bytes], _Standardinn(stdin))
    kjor: Kommando | None = getattr(args, "kjor", None)
    if kjor is None:
        parser.print_help(stderr)
        return BRUKSFEIL
    try:
        return kjor(args, stdout, stderr)
    except FravarsreglerError as e:
        stderr.write(f"fravarsregler: {e}\n")
        # for diff, 1 means "differences": trouble is 2, as in diff(1)
        return BRUKSFEIL if args.kommando == "diff" else UGYLDIG
    except BrokenPipeError:  # e.g. `fravarsregler ... | head`
        return AVBRUTT


class _Standardinn:
    """The process's standard input, looked up only when an input named ``-`` is read: the shell
    may have closed it (``<&-``, ``sys.stdin`` is then None), which matters only to a command that
    reads it. A closed standard input is an unreadable input file: exit code 1. ``strom`` stands
    in for it (a test's stream); either way the readers name it "(standard inn)"."""

    name = "<stdin>"

    def __init__(self, strom: IO[bytes] | None = None) -> None:
        self._strom = strom

    def read(self) -> bytes | str:
        if self._strom is not None:
            return self._strom.read()
        strom = sys.stdin
        if strom is None:
            raise InndataFeil(
                "Standard inn er lukket, så det er ingenting å lese. Send dataene inn med en pipe "
                "(eksport | fravarsregler evaluer --hendelser - …) eller oppgi filen i stedet for «-».",
                fil=STANDARD_INN,
            )
        kilde: IO[bytes] | IO[str] = getattr(strom, "buffer", strom)
        return kilde.read()


class _Skrivefeil(Exception):
    """Standard output could not be written (a full disk, a closed stream)."""

    def __init__(self, feil: OSError) -> None:
        super().__init__(feil)
        self.feil = feil

    @property
    def melding(self) -> str:
        if self.feil.errno == errno.EBADF:
            return (
                "standard ut er lukket, så resultatet kan ikke skrives. Send det til en fil "
                "(> resultat.json) eller til et program."
            )
        return f"kan ikke skrive resultatet til standard ut ({os_grunn(self.feil)}); resultatet er ufullstendig."


class _Utstrom:
    """The process's standard output for :func:`main`: a failed write becomes :class:`_Skrivefeil`,
    so it is told apart from other OS errors; a broken pipe stays a :class:`BrokenPipeError`."""

    def __init__(self, strom: IO[str] | None) -> None:
        self._strom = strom
        self.feilet = False

    def _aapen(self) -> IO[str]:
        if self._strom is None:
            self.feilet = True
            raise _Skrivefeil(OSError(errno.EBADF, os.strerror(errno.EBADF)))
        return self._strom

    def write(self, tekst: str) -> int:
        strom = self._aapen()
        try:
            # (a file name that is not UTF-8, in text output; the JSON writers have converted theirs)
            return strom.write(uten_surrogater(tekst))
        except BrokenPipeError:
            raise
        except OSError as e:
            self.feilet = True
            raise _Skrivefeil(e) from None

    def flush(self) -> None:
        strom = self._aapen()
        try:
            strom.flush()
        except BrokenPipeError:
            raise
        except OSError as e:
            self.feilet = True
            raise _Skrivefeil(e) from None

    def __getattr__(self, navn: str) -> Any:
        if self._strom is None:
            raise AttributeError(navn)
        return getattr(self._strom, navn)


class _Feilstrom:
    """The process's standard error for :func:`main`: when it is closed or cannot be written,
    messages are dropped (there is nowhere to say so); the exit code still tells."""

    def __init__(self, strom: IO[str] | None) -> None:
        self._strom = strom
        self.feilet = False

    def write(self, tekst: str) -> int:
        if self._strom is not None and not self.feilet:
            try:
                return self._strom.write(uten_surrogater(tekst))
            except (OSError, ValueError):
                self.feilet = True
        return len(tekst)

    def flush(self) -> None:
        if self._strom is not None and not self.feilet:
            try:
                self._strom.flush()
            except (OSError, ValueError):
                self.feilet = True


def _til_devnull(strom: IO[str] | None) -> None:
    """Point ``strom``'s file descriptor at /dev/null: Python flushes the standard streams at exit
    and would report a failed write again, with a traceback-like "Exception ignored" (the recipe
    in the signal module's documentation)."""
    if strom is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, strom.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no real file descriptor
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point."""
    for strom in (sys.stdout, sys.stderr):
        if strom is not None:
            # UTF-8 whatever the locale (JSON and CSV output are UTF-8 by contract); a file name
            # that is not UTF-8 (a lone surrogate from the file system) is written as \udcf8
            # rather than stopping the output half-way
            with contextlib.suppress(AttributeError, ValueError, OSError):
                strom.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    if sys.stdout is not None:
        # line ends as written: on Windows a text stream turns "\n" into "\r\n", which made the CRLF
        # of csv-excel CR CR LF and the csv's documented "\n" a "\r\n"
        with contextlib.suppress(AttributeError, ValueError, OSError):
            sys.stdout.reconfigure(newline="")  # type: ignore[union-attr]
    ut, feil = _Utstrom(sys.stdout), _Feilstrom(sys.stderr)
    argumenter = list(sys.argv[1:] if argv is None else argv)
    fanget, forrige, stoppet = False, None, False
    # (held back while the handler is set, so that a SIGTERM just then cannot escape as a traceback)
    maske = _hold_tilbake_sigterm()
    try:
        fanget, forrige = _fang_sigterm()
        _slipp_sigterm(maske)  # a SIGTERM that came meanwhile arrives here, inside the try
        kode = _kjor_main(argumenter, ut, feil)
    except _Stoppet:
        # the stack has unwound (an --ut file's temporary copy is removed)
        stoppet = True
        kode = 128 + signal.SIGTERM
    finally:
        if fanget:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if forrige is None else forrige)
        _slipp_sigterm(maske)  # (already done, unless setting the handler failed)
    if stoppet:
        # now as if we had not caught it: the process dies by the signal, as a job's supervisor
        # expects of a stopped process (systemd counts it a clean stop), or a Python program that
        # called main() gets its own handler's say
        signal.raise_signal(signal.SIGTERM)
    return kode


def _kjor_main(argumenter: list[str], ut: _Utstrom, feil: _Feilstrom) -> int:
    try:
        kode = run(argumenter, cast(IO[str], ut), cast(IO[str], feil))
        ut.flush()
    except BrokenPipeError:  # the final flush: the reader left before the end (`| head`)
        kode = AVBRUTT
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback, 128 + SIGINT as the shell expects
        feil.write("\nfravarsregler: avbrutt\n")
        kode = AVBRUTT_AV_BRUKER
    except _Skrivefeil as e:
        feil.write(f"fravarsregler: {e.melding}\n")
        # for diff, 1 means "differences": trouble is 2, as in diff(1)
        kommando = next((a for a in argumenter if not a.startswith("-")), None)
        kode = BRUKSFEIL if kommando == "diff" else UGYLDIG
    feil.flush()
    if kode == AVBRUTT or ut.feilet:
        _til_devnull(sys.stdout)
    if feil.feilet:
        _til_devnull(sys.stderr)
    return kode


class _Stoppet(BaseException):
    """SIGTERM arrived (``kill``, a systemd timeout): unwind as for Ctrl-C, so that cleanups run."""


def _stopp(signum: int, frame: object) -> None:
    # one is enough: a second SIGTERM while unwinding must not cut the cleanup short
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise _Stoppet


def _hold_tilbake_sigterm() -> Any:
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})


def _slipp_sigterm(maske: Any) -> None:
    if maske is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, maske)


def _fang_sigterm() -> tuple[bool, Any]:
    """Catch SIGTERM while the command runs: whether it was caught, and the handler it replaces.

    Not when SIGTERM is ignored (a parent that starts us so): that choice is kept."""
    if threading.current_thread() is not threading.main_thread():
        return False, None  # (signal handlers belong to the main thread)
    try:
        if signal.getsignal(signal.SIGTERM) == signal.SIG_IGN:
            return False, None
        return True, signal.signal(signal.SIGTERM, _stopp)
    except (ValueError, OSError):  # pragma: no cover - an interpreter without signals
        return False, None


# --------------------------------------------------------------------------- valider


def _filer_fra(stier: Sequence[Path], feil: IO[str]) -> tuple[list[Path], set[Path]]:
    """The files to validate, and those of them that are routine files missing from ./rutiner."""
    mangler: set[Path] = set()
    if not stier:
        # every YAML file of ./rutiner, whatever it holds (a school calendar alone is checked too:
        # rutinemappe() would pass it over for the shipped routines), else the shipped files
        lokal = Path("rutiner")
        if lokal.is_dir() and any(iter_yaml_filer(lokal)):
            mappe = lokal
            if lokal_rutinemappe() is not None:
                # a routines folder lacking one of the three: evaluer would stop, so say it here
                mangler = {lokal / navn for navn in manglende_rutinefiler(lokal)}
        else:
            mappe = rutinemappe()
            feil.write(
                medfolgende_merknad("fravarsregler valider", "ingen YAML-filer i en mappe «rutiner»", "kontrollerer")
            )
        stier = [mappe] + ([mappe / "arkiv"] if (mappe / "arkiv").is_dir() else [])
    filer: list[Path] = []
    for s in stier:
        if s.is_dir():
            filer.extend(iter_yaml_filer(s))
        else:
            filer.append(s)
    return filer + sorted(mangler), mangler


def _mangler_i_mappen(resultat: Valideringsresultat, mangler: set[Path]) -> Valideringsresultat:
    """A routine file missing from ./rutiner: say that the folder needs all three."""
    if Path(resultat.fil) not in mangler:
        return resultat
    problemer = tuple(
        attrs.evolve(p, melding=M["rutinefil-mangler"]) if p.kode == "fil" and p.fil == resultat.fil else p
        for p in resultat.problemer
    )
    return attrs.evolve(resultat, problemer=problemer)


def _kjor_valider(args: argparse.Namespace, ut: IO[str], feil: IO[str]) -> int:
    filer, mangler = _filer_fra(args.filer, feil)
    if not filer:
        feil.write("fravarsregler valider: fant ingen YAML-filer (.yaml/.yml) å validere.\n")
        return UGYLDIG
    resultater = [_mangler_i_mappen(_finnes_ikke(r), mangler) for r in validate_files(filer)]
    antall_feil = sum(len(r.feil) for r in resultater)
    antall_advarsler = sum(len(r.problemer) - len(r.feil) for r in resultater)
    ugyldige = [r for r in resultater if not r.gyldig]
    if args.format == "json":
        tekst = json.dumps(
            {
                "gyldig": not ugyldige,
                "filer": [
                    {
                        "fil": r.fil,
                        "type": r.type,
                        "gyldig": r.gyldig,
                        "problemer": [p.as_dict() for p in r.problemer],
                    }
                    for r in resultater
                ],
                "antall": {
                    "filer": len(resultater),
                    "ugyldige_filer": len(ugyldige),
                    "feil": antall_feil,
                    "advarsler": antall_advarsler,
                },
            },
            ensure_ascii=False,
            indent=2,
        )
        ut.write(uten_surrogater(tekst, i_json=True))
        ut.write("\n")
    else:
        for r in resultater:
            for p in r.problemer:
                prefiks = "" if p.alvor == "feil" else "advarsel: "
                ut.write(f"{_sted(p.fil, p.linje, p.kolonne)}: {prefiks}{p.melding}\n")
        advarsler = f"{antall_advarsler} {'advarsel' if antall_advarsler == 1 else 'advarsler'}"
        if ugyldige and len(resultater) == 1:
            ut.write(f"Filen har feil ({antall_feil} feil, {advarsler}).\n")
        elif ugyldige:
            ut.write(f"{len(ugyldige)} av {len(resultater)} filer har feil ({antall_feil} feil, {advarsler}).\n")
        elif len(resultater) == 1:
            ut.write(f"Filen er gyldig ({advarsler}).\n")
        else:
            ut.write(f"Alle {len(resultater)} filer er gyldige ({advarsler}).\n")
    return UGYLDIG if ugyldige else OK


def _finnes_ikke(resultat: Valideringsresultat) -> Valideringsresultat:
    """A path that is neither a file nor a folder, and not named like a YAML file, may have been
    meant as either (valider takes both): say so, instead of only «Finner ikke filen»."""
    sti = Path(resultat.fil)
    if resultat.type is not None or sti.suffix.lower() in (".yaml", ".yml") or sti.exists():
        return resultat
    problemer = tuple(
        attrs.evolve(p, melding=M["sti-mangler"]) if p.kode == "fil" and p.fil == resultat.fil else p
        for p in resultat.problemer
    )
    return attrs.evolve(resultat, problemer=problemer)


def _sted(fil: str, linje: int | None, kolonne: int | None) -> str:
    s = fil
    if linje is not None:
        s += f":{linje}"
        if kolonne is not None:
            s += f":{kolonne}"
    return s
