"""Instructions executed by the engine and by the hand-written loop, counted under valgrind.

Wall-clock times on a shared machine vary by up to 50 % between runs; the number of machine
instructions a call executes hardly varies at all. This script runs each side under
``valgrind --tool=cachegrind`` twice in a fresh process, once with one call and once with two,
and takes the difference: the instructions of one call, without start-up, data generation and
the caches a first call fills. Run from the repository root (needs ``valgrind``; a few minutes)::

    python bench/instruksjoner.py [--elever 3000]

It prints the count for each side and their ratio. Garbage collection inside the calls is
counted; at this size it weighs less than at 60 000 pupils (see bench/README.md).
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_motor as b  # the benchmark beside this file


def _kall(elever: int, side: str, ganger: int) -> None:
    """The measured process: build the data, then call one side ``ganger`` times."""
    from fravarsregler import Regelsett, evaluate, load_routine, load_skolerute
    from fravarsregler._kommandoer import standardrutiner
    from fravarsregler._paths import finn_datafil

    sr = load_skolerute(finn_datafil("rutiner", "skolerute-2026-27.yaml"))
    rutiner = [load_routine(f) for f in standardrutiner()]
    fra, dato = sr.skoledager[0], sr.skoledager[-1]
    rs = Regelsett(rutiner)
    elev_rader, fag, hendelser = b.lag_data(sr, elever, 12, 2026)
    behold = []
    gc.collect()  # once: a collection per call would put one more full collection in the difference
    for _ in range(ganger):
        if side == "motor":
            behold.append(evaluate(rs, elev_rader, hendelser, sr, dato, fag=fag, fra=fra))
        else:
            behold.append(b.handskrevet_lokke(rutiner, elev_rader, fag, hendelser, sr, dato=dato, fra=fra))


def _instruksjoner(elever: int, side: str, ganger: int) -> int:
    kommando = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--kall",
        side,
        str(ganger),
        "--elever",
        str(elever),
    ]
    miljo = {**os.environ, "PYTHONHASHSEED": "0"}
    svar = subprocess.run(kommando, capture_output=True, text=True, env=miljo, check=True)
    treff = re.search(r"I\s+refs:\s+([\d,]+)", svar.stderr)
    if treff is None:
        raise SystemExit(f"fant ikke instruksjonstallet i valgrinds utdata:\n{svar.stderr[-2000:]}")
    return int(treff.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--elever", type=int, default=3000, help="omtrent så mange elever (standard 3000)")
    p.add_argument("--kall", nargs=2, metavar=("SIDE", "GANGER"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.kall:
        _kall(args.elever, args.kall[0], int(args.kall[1]))
        return 0
    if shutil.which("valgrind") is None:
        print("instruksjoner: valgrind er ikke installert", file=sys.stderr)
        return 2
    tall = {}
    for side in ("motor", "lokke"):
        tall[side] = _instruksjoner(args.elever, side, 2) - _instruksjoner(args.elever, side, 1)
        print(f"{side:6s} {tall[side]:>15,} instruksjoner per kall".replace(",", " "))
    print(f"Forhold motor/løkke: {tall['motor'] / tall['lokke']:.2f}×".replace(".", ","))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
