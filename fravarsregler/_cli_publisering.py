"""The publishing commands: ``fravarsregler dokument`` and ``fravarsregler diff``.

``legg_til(sub)`` adds both to the CLI's sub-command parsers; each command is a function
``(args, ut, feil) -> int`` that writes to the streams it is given.

Exit codes: ``dokument`` 0 ok, 1 a routine is invalid or the file cannot be written, 2 usage;
``diff`` as diff(1): 0 no differences, 1 differences, 2 trouble (a file missing or invalid).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from ._argumenter import EnGang, filnavn, utfil, vis_verdi
from ._diff import (
    Fellesdiff,
    Rutinediff,
    Skolerutediff,
    diff_felles,
    diff_routines,
    diff_skoleruter,
    skriv_tekst,
    som_json,
)
from ._dokument import render_html, render_markdown, sjekk_standardmappe, standard_rutinefiler
from ._errors import Problem
from ._meldinger import os_grunn, uten_surrogater, vis_filnavn
from ._model import Felles, Rutine, versjonsnokkel
from ._rutine import load_felles, load_routines, validate
from ._skolerute import load_skolerute

__all__ = [
    "SJEKK_NAVNET",
    "fd_for",
    "kan_ikke_skrive",
    "kjor_diff",
    "kjor_dokument",
    "legg_til",
    "maalet",
    "skriv_helt",
    "skriv_helt_til",
    "umask",
]

OK, UGYLDIG, BRUKSFEIL = 0, 1, 2
INGEN_FORSKJELLER, FORSKJELLER, PROBLEMER = 0, 1, 2


def legg_til(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``dokument`` and ``diff`` sub-commands to ``sub``."""
    p = sub.add_parser(
        "dokument",
        help="lag rutinedokumentet: HTML for utskrift og mobil, eller Markdown for intranett",
        description="Lager dokumentet med tabellene HVA / NÅR / ANSVAR / INNHOLD, vedlegg, brevmal, "
        "sjekklister, tidlige tegn og parametere, slik de står i rutinefilene.",
    )
    p.add_argument(
        "--rutine",
        dest="rutiner",
        action="extend",
        nargs="+",
        type=filnavn,
        metavar="FIL",
        help=(
            "rutinefiler, i den rekkefølgen de skal stå "
            "(standard: barnehage, grunnskole og vgs i ./rutiner, ellers de medfølgende)"
        ),
    )
    p.add_argument("--format", choices=("html", "markdown"), required=True, action=EnGang, help="format for resultatet")
    p.add_argument(
        "--ut", metavar="FIL", type=utfil, action=EnGang, help="skriv til denne filen (standard og «-»: skjermen)"
    )
    p.set_defaults(kjor=kjor_dokument)

    p = sub.add_parser(
        "diff",
        help="vis forskjellene mellom to versjoner av en rutine (eller av felles.yaml eller en skolerute)",
        description="Sammenligner to versjoner av samme rutine: metadata, parametere, tabeller, rader "
        "(ord for ord) og vedlegg. Er begge filene fellesfiler (felles.yaml), sammenlignes roller, sjekklister, "
        "tidlige tegn og vedleggstitler. Er begge skoleruter, sammenlignes semestre, fridager, ekstra "
        "skoledager og faste frister, og antallet skoledager som følger av dem. "
        "Avslutningskode 0: ingen forskjeller, 1: forskjeller, 2: feil.",
    )
    hva = "rutinefil, felles.yaml eller skolerute"
    p.add_argument("gammel", type=filnavn, metavar="GAMMEL", help=f"den gamle versjonen ({hva})")
    p.add_argument("ny", type=filnavn, metavar="NY", help=f"den nye versjonen ({hva})")
    p.add_argument("--format", choices=("tekst", "json"), default="tekst", action=EnGang, help="format for resultatet")
    p.set_defaults(kjor=kjor_diff)


def _skriv_problemer(problemer: Sequence[Problem], feil: IO[str]) -> None:
    for p in problemer:
        feil.write(f"{p}\n")


def kjor_dokument(args: argparse.Namespace, ut: IO[str], feil: IO[str]) -> int:
    """``fravarsregler dokument``: render the routines as HTML or Markdown."""
    if not args.rutiner and not sjekk_standardmappe(
        "fravarsregler dokument", feil, ellers="eller gi rutinefilene som argumenter"
    ):
        return UGYLDIG
    filer: list[Path] = list(args.rutiner or standard_rutinefiler())
    rutiner, problemer = load_routines(filer)
    if problemer:
        _skriv_problemer(problemer, feil)
        feil.write("fravarsregler dokument: dokumentet ble ikke laget, fordi rutinefilene har feil.\n")
        return UGYLDIG
    sett: dict[str, str] = {}
    for rutine in rutiner:
        if rutine.id in sett:
            feil.write(
                f"fravarsregler dokument: rutinen «{rutine.id}» er oppgitt to ganger "
                f"({sett[rutine.id]} og {rutine.fil}). Ta med én versjon av hver rutine.\n"
            )
            return BRUKSFEIL
        sett[rutine.id] = rutine.fil
    tekst = render_html(rutiner) if args.format == "html" else render_markdown(rutiner)
    if args.ut is None or args.ut == "-":
        ut.write(tekst)
        return OK
    try:
        skriv_helt(Path(args.ut), tekst)
    except BrokenPipeError:
        if fd_for(Path(args.ut)) == 1:
            raise  # (--ut /dev/stdout | head: 141, silently, as for standard output)
        feil.write(kan_ikke_skrive("fravarsregler dokument", args.ut, "leseren av røret gikk"))
        return UGYLDIG
    except OSError as e:
        feil.write(
            kan_ikke_skrive("fravarsregler dokument", args.ut, os_grunn(e), sjekk_navnet=e.errno in SJEKK_NAVNET)
        )
        return UGYLDIG
    # a status line, so it goes to stderr: stdout stays empty when the document goes to a file
    feil.write(f"Skrev {args.ut} ({len(rutiner)} rutiner, {args.format}).\n")
    return OK


#: The write errors a wrong name or folder causes (not a full disk).
SJEKK_NAVNET = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.EPERM, errno.EROFS})


def kan_ikke_skrive(prog: str, fil: str, grunn: str, *, sjekk_navnet: bool = False) -> str:
    """The line for an output file (``--ut``) that could not be written, its name shown safely."""
    raad = " Sjekk navnet og mappen." if sjekk_navnet else ""
    return f"{prog}: kan ikke skrive {vis_verdi(vis_filnavn(fil))} ({grunn}).{raad}\n"


def umask() -> int:
    """The process's umask: the mode bits a new file or folder is made without (read by setting
    it, to the most private value while it is read, and setting it back)."""
    gammel = os.umask(0o077)
    os.umask(gammel)
    return gammel


def skriv_helt(sti: Path, tekst: str) -> None:
    """Write ``tekst`` to ``sti`` whole or not at all (see :func:`skriv_helt_til`)."""
    with skriv_helt_til(sti) as f:
        f.write(tekst)


@contextlib.contextmanager
def skriv_helt_til(sti: Path) -> Iterator[IO[str]]:
    """A text file (UTF-8, line ends as written) whose content replaces ``sti`` whole or not at
    all: a temporary file, put in place only when the block ends without an error, so a full
    disk, Ctrl-C or an error half-way leaves an earlier version of the file as it was. What is
    written streams to the disk; nothing is held in memory.

    Normally the temporary file lies beside ``sti`` and is renamed over it (a symbolic link is
    followed: its target is replaced, the link kept). Where a rename would break something it is
    copied in once complete instead: a file with other hard links, a file of another user or
    whose group we are not in (owner and group are kept), and a file in a folder where no new
    file may be made or renamed (a sticky folder such as /tmp; the temporary file is then made in
    the system's temporary folder). The copy checks for room first and holds Ctrl-C and SIGTERM
    back; a disk that fills up meanwhile can still leave the file incomplete. A pipe, a device
    and ``/dev/stdout`` and its kin are written as a stream. The file keeps its permissions (a
    replaced file gets no ACLs or extended attributes); a temporary file that is copied in is
    private (0600) meanwhile. A file we may not write stays unwritten, as an ordinary write
    would leave it.
    """
    try:
        st: os.stat_result | None = os.stat(sti)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    if (fd := fd_for(sti)) is not None:
        # /dev/stdout and its kin name a stream the shell opened (a pipe, a socket, a file opened
        # with > or >>): written through a copy of that very descriptor, so its offset is shared
        # (opening the name anew would empty a file, or start at its beginning)
        with _uten_aa_skjule(os.fdopen(os.dup(fd), "w", encoding="utf-8", newline="")) as f:
            yield f
        return
    if st is not None and not stat.S_ISREG(st.st_mode):
        with _uten_aa_skjule(open(sti, "w", encoding="utf-8", newline="")) as f:  # a pipe or device
            yield f
        return
    sti = maalet(sti)
    if st is not None and not os.access(sti, os.W_OK):
        with open(sti, "a"):  # raises what an ordinary write would (EACCES, EROFS)
            pass
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(sti))
    # else keep the file, and copy in: its other names (hard links), or its owner (a file of another
    # user in a shared folder would become ours)
    bytt_ut = st is None or (st.st_nlink == 1 and (not _sjekk_eier() or st.st_uid == os.geteuid()))
    try:
        fd, midlertidig = tempfile.mkstemp(dir=sti.parent, prefix=f".{sti.name}.", suffix=".tmp")
    except PermissionError:
        if st is None:
            raise
        fd, midlertidig = tempfile.mkstemp(prefix="fravarsregler-", suffix=".tmp")  # a read-only folder
        bytt_ut = False
    try:
        with _uten_aa_skjule(os.fdopen(fd, "w", encoding="utf-8", newline="")) as f:
            if bytt_ut and st is not None and st.st_gid != os.fstat(f.fileno()).st_gid:
                try:
                    os.fchown(f.fileno(), -1, st.st_gid)
                except PermissionError:
                    bytt_ut = False  # we are not in the file's group: keep the file, and so its group
            if not bytt_ut:
                modus = 0o600  # only copied in: private meanwhile (it holds pupils' data)
            elif st is not None:
                modus = stat.S_IMODE(st.st_mode)
            else:
                # mkstemp makes the file private (0600): give it the mode a plain open() would have
                modus = 0o666 & ~umask()
            os.chmod(f.fileno(), modus)
            yield f
        if bytt_ut:
            try:
                os.replace(midlertidig, sti)
                return
            except PermissionError:
                if st is None:
                    raise
        # the folder forbids the rename, or the file must stay itself: copy the complete file in
        _kopier_inn(Path(midlertidig), sti)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(midlertidig)  # (gone already after the rename)


def maalet(sti: Path) -> Path:
    """The file a symbolic link leads to (itself when it is none): that file is replaced, the link kept."""
    return Path(os.path.realpath(sti)) if sti.is_symlink() else sti


#: Names of a descriptor: /dev/stdout, /dev/stderr, /dev/fd/N, /proc/<self|thread-self|pid>[/task/tid]/fd/N.
_FD_NAVN = re.compile(
    r"/dev/(stdout|stderr|fd/([0-9]{1,9}))"
    r"|/proc/(?:self|thread-self|([0-9]{1,9})(?:/task/[0-9]{1,9})?)/fd/([0-9]{1,9})"
)


def fd_for(sti: Path) -> int | None:
    """The descriptor of ours ``sti`` names (``/dev/stdout`` is 1), following symbolic links to
    such a name; None for a name of a file. Another process's descriptor (the shell's
    ``/proc/$$/fd/1``) counts as ours when it is the same open file as our standard input, output
    or error (inherited: ``{ …; } > logg``), so that it too is written through our copy."""
    navn = str(sti)
    for _ in range(40):  # (as the system's own limit on a chain of links)
        navn = "/" + os.path.abspath(navn).lstrip("/")  # (//dev/stdout, a relative name in /dev)
        m = _FD_NAVN.fullmatch(navn)
        if m is not None:
            if m.group(1) in ("stdout", "stderr"):
                return 1 if m.group(1) == "stdout" else 2
            if m.group(3) is not None and int(m.group(3)) != os.getpid():
                return _samme_som_vaar(navn)
            return int(m.group(2) or m.group(4))
        if not os.path.islink(navn):
            return None
        navn = os.path.join(os.path.dirname(navn), os.readlink(navn))
    return None


def _samme_som_vaar(navn: str) -> int | None:
    """Which of our descriptors 0–2 is the file another process's descriptor ``navn`` names."""
    try:
        st = os.stat(navn)
    except OSError:
        return None
    for fd in (1, 2, 0):
        try:
            egen = os.fstat(fd)
        except OSError:
            continue
        if (egen.st_dev, egen.st_ino) == (st.st_dev, st.st_ino):
            return fd
    return None


def _sjekk_eier() -> bool:
    """Whether files have owners we can compare with ours (not on Windows)."""
    return hasattr(os, "geteuid")


def _kopier_inn(kilde: Path, sti: Path) -> None:
    """Copy the complete ``kilde`` over ``sti``'s content, keeping the file itself. Room on the
    disk is checked before the old content is touched, and Ctrl-C or SIGTERM wait until the copy is
    done (a disk that fills up meanwhile can still leave it incomplete)."""
    ny, gammel = kilde.stat().st_size, sti.stat().st_size
    if hasattr(os, "statvfs"):
        fs = os.statvfs(sti.parent)
        blokker = -(-ny // fs.f_frsize) - -(-gammel // fs.f_frsize)  # the blocks the file grows by
        # with room to spare for the file system's own blocks (block maps, extents); only the
        # blocks every user may use (root's reserve may not be usable, in a user namespace)
        if blokker > 0 and blokker + 1 + blokker // 64 > fs.f_bavail:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(sti))
    with _signaler_venter(), open(kilde, "rb") as inn, open(sti, "wb") as ut:
        shutil.copyfileobj(inn, ut)


@contextlib.contextmanager
def _signaler_venter() -> Iterator[None]:
    """SIGINT and SIGTERM held back (delivered at the end) where the platform allows it."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    forrige = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, forrige)


@contextlib.contextmanager
def _uten_aa_skjule(f: IO[str]) -> Iterator[IO[str]]:
    """``f``, closed at the end; when the block raises (Ctrl-C, SIGTERM), a failing flush on close
    (a full disk) does not hide that exception."""
    try:
        yield f
    except BaseException:
        with contextlib.suppress(OSError):
            f.close()
        raise
    f.close()


def kjor_diff(args: argparse.Namespace, ut: IO[str], feil: IO[str]) -> int:
    """``fravarsregler diff GAMMEL NY``: the differences between two versions of a routine.

    Two valid shared files (``type: felles``) are compared as such; anything else goes the
    routine way, which reports every problem of both files.
    """
    typer = [(f, validate(f)) for f in (args.gammel, args.ny)]
    if all(v.gyldig for _, v in typer) and {v.type for _, v in typer} != {"rutine"}:
        if {v.type for _, v in typer} == {"skolerute"}:
            gammel_s, ny_s = (load_skolerute(f) for f, _ in typer)
            if ny_s.skoleaaret < gammel_s.skoleaaret:
                feil.write(
                    f"fravarsregler diff: merk: {args.gammel} (skoleåret {gammel_s.skoleaar}) er nyere enn "
                    f"{args.ny} (skoleåret {ny_s.skoleaar}). Er filene byttet om? Den gamle skal stå først.\n"
                )
            sdiff = diff_skoleruter(gammel_s, ny_s)
            _skriv_diff(sdiff, args.format, ut)
            return INGEN_FORSKJELLER if sdiff.tom else FORSKJELLER
        if {v.type for _, v in typer} != {"felles"}:
            hva = ", ".join(f"{f} er {_FILTYPER.get(str(v.type), v.type)}" for f, v in typer)
            feil.write(
                "fravarsregler diff: kan bare sammenligne to rutinefiler, to fellesfiler eller to skoleruter "
                f"({hva}).\n"
            )
            return PROBLEMER
        gammel_f, ny_f = (load_felles(f) for f, _ in typer)
        _advar_om_byttet_rekkefolge(gammel_f, ny_f, args, feil)
        fdiff = diff_felles(gammel_f, ny_f)
        _skriv_diff(fdiff, args.format, ut)
        return INGEN_FORSKJELLER if fdiff.tom else FORSKJELLER
    rutiner, problemer = load_routines([args.gammel, args.ny])
    if problemer:
        _skriv_problemer(problemer, feil)
        feil.write("fravarsregler diff: kan ikke sammenligne, fordi filene har feil.\n")
        return PROBLEMER
    gammel, ny = rutiner
    if gammel.id != ny.id:
        feil.write(
            f"fravarsregler diff: filene er ikke to versjoner av samme rutine "
            f"(«{gammel.id}» i {gammel.fil} og «{ny.id}» i {ny.fil}).\n"
        )
        return PROBLEMER
    _advar_om_byttet_rekkefolge(gammel, ny, args, feil)
    diff = diff_routines(gammel, ny)
    _skriv_diff(diff, args.format, ut)
    return INGEN_FORSKJELLER if diff.tom else FORSKJELLER


def _advar_om_byttet_rekkefolge(
    gammel: Rutine | Felles, ny: Rutine | Felles, args: argparse.Namespace, feil: IO[str]
) -> None:
    """A note on stderr when the first file is the newer version: every change then reads backwards."""
    eldre = (versjonsnokkel(ny.versjon), ny.gyldig_fra) < (versjonsnokkel(gammel.versjon), gammel.gyldig_fra)
    if eldre:
        feil.write(
            f"fravarsregler diff: merk: {args.gammel} (versjon {gammel.versjon}, gyldig fra "
            f"{gammel.gyldig_fra.isoformat()}) er nyere enn {args.ny} (versjon {ny.versjon}, gyldig fra "
            f"{ny.gyldig_fra.isoformat()}). Er filene byttet om? Den gamle versjonen skal stå først.\n"
        )


_FILTYPER = {
    "rutine": "en rutinefil",
    "felles": "en fellesfil",
    "skolerute": "en skolerute",
    "kodekart": "et kodekart",
}


def _skriv_diff(diff: Rutinediff | Fellesdiff | Skolerutediff, format_: str, ut: IO[str]) -> None:
    if format_ == "json":
        ut.write(uten_surrogater(json.dumps(som_json(diff), ensure_ascii=False, indent=2), i_json=True))
        ut.write("\n")
    else:
        ut.write(skriv_tekst(diff))
