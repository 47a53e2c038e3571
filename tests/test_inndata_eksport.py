"""Files as school systems and office tools really leave them: encodings mixed by appending rows,
a quote left open in a free-text column, Excel's ``sep=`` line, a doubled byte order mark, and
values in the wrong column of the pupil file. No row may vanish without a word, and
``lest == brukt + avvist`` always."""

from __future__ import annotations

from pathlib import Path

import pytest

from fravarsregler import InndataFeil, Innlesing, read_elever, read_fag, read_hendelser
from fravarsregler._inndata import les_tekst


def skriv(sti: Path, data: bytes) -> Path:
    sti.write_bytes(data)
    return sti


def avvist(inn: Innlesing[object]) -> list[tuple[int | None, str]]:
    assert inn.lest == len(inn.rader) + len(inn.avvist)
    return [(a.linje, a.melding) for a in inn.avvist]


ELEVHODE = "elev_id;trinn;fodselsdato;skole\n"


class TestBlandetTegnkoding:
    """A UTF-8 file with rows appended by a Windows-1252 program: only those rows are rejected."""

    def test_bom_og_windows_1252(self, tmp_path: Path) -> None:
        # Excel's "CSV UTF-8" (with BOM) to which an older tool appended a row: it crashed with
        # UnicodeDecodeError
        data = b"\xef\xbb\xbf" + ELEVHODE.encode() + b"E1;5;2015-03-01;Bj\xf8rn skole\nE2;5;2015-04-01;Leknes\n"
        inn = read_elever(skriv(tmp_path / "e.csv", data))
        assert [e.elev_id for e in inn.rader] == ["E2"]
        ((linje, melding),) = avvist(inn)
        assert linje == 2
        assert melding.startswith("«skole» har en byte som ikke er gyldig UTF-8 (0xF8): filen blander tegnkodinger")

    def test_utf8_med_en_windows_1252_rad_blir_ikke_rotete(self, tmp_path: Path) -> None:
        # the whole file used to be read as Windows-1252: every UTF-8 row's æøå silently garbled
        data = (ELEVHODE + "E1;5;2015-03-01;Ålesund skole\nE2;5;2015-04-01;Bø skole\n").encode() + (
            b"E3;5;2015-05-01;Ballst\xe5d skole\n"
        )
        inn = read_elever(skriv(tmp_path / "e.csv", data))
        assert [(e.elev_id, e.skole) for e in inn.rader] == [("E1", "Ålesund skole"), ("E2", "Bø skole")]
        assert [linje for linje, _ in avvist(inn)] == [4]
        assert "(0xE5)" in avvist(inn)[0][1]

    def test_ren_windows_1252_leses_som_for(self, tmp_path: Path) -> None:
        data = (ELEVHODE + "E1;5;2015-03-01;Bø skole\nE2;5;2015-04-01;Ballstad\n").encode("cp1252")
        inn = read_elever(skriv(tmp_path / "e.csv", data))
        assert [(e.elev_id, e.skole) for e in inn.rader] == [("E1", "Bø skole"), ("E2", "Ballstad")]
        assert avvist(inn) == []

    def test_ugyldig_byte_i_ubrukt_kolonne_er_ufarlig(self, tmp_path: Path) -> None:
        data = "elev_id;trinn;fodselsdato;merknad\nE1;5;2015-03-01;Bø\n".encode() + b"E2;5;2015-04-01;B\xf8\n"
        inn = read_elever(skriv(tmp_path / "e.csv", data))
        assert [e.elev_id for e in inn.rader] == ["E1", "E2"]

    def test_windows_1252_med_et_tilfeldig_utf8_par(self, tmp_path: Path) -> None:
        # "«SØ»" in Windows-1252 is the bytes AB 53 D8 BB, and D8 BB is valid UTF-8: one chance
        # pair must not turn every other row's ø into a rejection
        data = ("elev_id;fag;arstimer;merknad\n" + "V1;Kroppsøving;56;«SØ»\n" + "V2;Kroppsøving;56;\n").encode("cp1252")
        inn = read_fag(skriv(tmp_path / "f.csv", data))
        assert [f.fag for f in inn.rader] == ["Kroppsøving", "Kroppsøving"]

    def test_mest_windows_1252_lagt_til_utf8(self, tmp_path: Path) -> None:
        # two UTF-8 rows, then three rows appended in Windows-1252: the UTF-8 rows must not be
        # read as Windows-1252 ("kroppsÃ¸ving"), which would not match the events file
        data = "elev_id;fag;arstimer\nE1;kroppsøving;56\nE2;kroppsøving;56\n".encode()
        data += "E3;kroppsøving;56\nE4;særemne;56\nE5;tysk språk;56\n".encode("cp1252")
        inn = read_fag(skriv(tmp_path / "f.csv", data))
        assert [(f.elev_id, f.fag) for f in inn.rader] == [("E1", "kroppsøving"), ("E2", "kroppsøving")]
        assert [linje for linje, _ in avvist(inn)] == [4, 5, 6]

    def test_windows_1252_med_et_tilfeldig_utf8_par_i_en_linje(self, tmp_path: Path) -> None:
        # "Å»" in «HUSK PÅ» is valid UTF-8 (Ż), but its line is not UTF-8 as a whole
        tekst = "elev_id;trinn;fodselsdato;skole;merknad\nE1;5;2015-01-01;Bø skole;\n"
        tekst += "E2;5;2015-01-01;Ås skole;Skrev «HUSK PÅ»\n"
        inn = read_elever(skriv(tmp_path / "e.csv", tekst.encode("cp1252")))
        assert [(e.elev_id, e.skole) for e in inn.rader] == [("E1", "Bø skole"), ("E2", "Ås skole")]

    def test_utf8_uten_norske_bokstaver_blandet(self, tmp_path: Path) -> None:
        # a UTF-8 dash only, and a row appended in Windows-1252: still mixed, the dash intact
        data = "elev_id;trinn;fodselsdato;skole\nE1;5;2015-01-01;Vik skole – avd. Nord\n".encode()
        data += "E2;5;2015-01-01;Bø skole\n".encode("cp1252")
        inn = read_elever(skriv(tmp_path / "e.csv", data))
        assert [(e.elev_id, e.skole) for e in inn.rader] == [("E1", "Vik skole – avd. Nord")]
        assert [linje for linje, _ in avvist(inn)] == [3]

    def test_linje_med_begge_tegnkodinger(self, tmp_path: Path) -> None:
        # a UTF-8 file edited in a program that took it for Windows-1252: one line holds both
        data = (
            b"elev_id;fag;arstimer;kommentar\r\n" + "E1;Kroppsøving;56;".encode() + "ført av lærer\r\n".encode("cp1252")
        )
        inn = read_fag(skriv(tmp_path / "f.csv", data))
        assert [(f.elev_id, f.fag) for f in inn.rader] == [("E1", "Kroppsøving")]

    def test_byte_i_en_ubrukt_kolonne(self, tmp_path: Path) -> None:
        data = b"elev_id;trinn;fodselsdato;merknad_l\xe6rer\n" + "E1;5;2015-01-01;Bø\n".encode()
        inn = read_elever(skriv(tmp_path / "e.csv", data))
        assert [e.elev_id for e in inn.rader] == ["E1"]

    def test_byte_i_overskriften(self, tmp_path: Path) -> None:
        # a Windows-1252 byte in a column name blamed the name ("Mente du …?"), not the encoding
        data = b"elev_id;trinn;f\xf8dselsdato\n" + "E1;5;2015-01-01;Bø\nE2;5;2015-01-01;Bø\n".encode()
        with pytest.raises(InndataFeil, match="«f⟨U\\+DCF8⟩dselsdato» har en byte som ikke er gyldig UTF-8 \\(0xF8\\)"):
            read_elever(skriv(tmp_path / "e.csv", data))

    @pytest.mark.parametrize(
        ("data", "tekst"),
        [
            (b"abc", "abc"),
            (b"\xef\xbb\xbfabc", "abc"),
            (b"\xef\xbb\xbf\xef\xbb\xbfabc", "abc"),  # two files joined: the second BOM too
            ("Bø".encode("cp1252"), "Bø"),
            ("Bø".encode("utf-16"), "Bø"),
            ("Bø".encode(), "Bø"),
        ],
    )
    def test_les_tekst(self, data: bytes, tekst: str) -> None:
        assert les_tekst(data) == tekst


class TestAnforselstegnSomSvelgerRader:
    """A quote left open in a free-text column must not take the following rows with it."""

    HODE = "hendelse_id;elev_id;dato;type;kode;dager;merknad\n"

    def test_rader_i_ukjent_kolonne(self, tmp_path: Path) -> None:
        tekst = self.HODE + (
            'H1;E1;2026-09-07;fravaer;F;1;"Syk, mor ringte\n'
            "H2;E1;2026-09-08;fravaer;UF;1;\n"
            "H3;E1;2026-09-09;fravaer;UF;1;\n"
            'H4;E1;2026-09-10;fravaer;F;1;sa "ok"\n'
            "H5;E1;2026-09-11;fravaer;F;1;\n"
        )
        inn = read_hendelser(skriv(tmp_path / "h.csv", tekst.encode()))
        # H1 to H4 were read as one row and used, with no message: two UF events lost
        assert [h.id for h in inn.rader] == ["H5"]
        assert avvist(inn) == [
            (
                2,
                "anførselstegn som ikke er lukket i «merknad»: feltet tar med seg linjene 3–5, som ser ut som "
                "egne rader (de er ikke lest hver for seg); lukk anførselstegnet eller fjern det (er det en "
                "merknad over flere linjer, fjern linjeskiftene i den)",
            )
        ]

    def test_rader_i_kjent_kolonne_nevner_linjene(self, tmp_path: Path) -> None:
        tekst = ELEVHODE + 'E1;5;2015-03-01;"Leknes\nE2;5;2015-04-01;Ballstad"\nE3;5;2015-05-01;Bø\n'
        inn = read_elever(skriv(tmp_path / "e.csv", tekst.encode()))
        assert [e.elev_id for e in inn.rader] == ["E3"]
        ((linje, melding),) = avvist(inn)
        assert linje == 2
        # one line: singular
        assert "tar med seg linje 3, som ser ut som en egen rad (den er ikke lest for seg); lukk" in melding

    @pytest.mark.parametrize("sep", [",", ";"])
    def test_merknad_med_skilletegn_over_flere_linjer_er_lov(self, tmp_path: Path, sep: str) -> None:
        # a note with as many separators as a row has, in a file with few columns: not a row
        tekst = sep.join(["elev_id", "trinn", "fodselsdato", "merknad"]) + "\n"
        tekst += sep.join(
            ["E1", "5", "2015-03-01", '"Møte med mor.\nTil stede: mor, far; lærer, rektor; helsesykepleier"']
        )
        inn = read_elever(skriv(tmp_path / "e.csv", (tekst + "\n").encode()))
        assert [e.elev_id for e in inn.rader] == ["E1"]
        assert avvist(inn) == []

    def test_rader_med_dato_skrevet_annerledes(self, tmp_path: Path) -> None:
        # swallowed rows that are faulty themselves (a date as dd.mm.yyyy) are still rows
        tekst = self.HODE + (
            'H1;E1;2026-09-07;fravaer;F;1;"Syk\nH2;E1;08.09.2026;fravaer;UF;1;\nH3;E1;2026-09-9;fravaer;UF;1;sa "ok"\n'
        )
        inn = read_hendelser(skriv(tmp_path / "h.csv", tekst.encode()))
        assert [(linje, melding.split(":")[0]) for linje, melding in avvist(inn)] == [
            (2, "anførselstegn som ikke er lukket i «merknad»")
        ]

    def test_rader_med_id_uten_sifre_og_feilstavet_type(self, tmp_path: Path) -> None:
        elever = 'elev_id;trinn;fodselsdato;merknad\nola;5;2015-01-01;"syk\nkari;5;2015-01-02;\nper;6;2014-01-03;ok"\n'
        assert [linje for linje, _ in avvist(read_elever(skriv(tmp_path / "e.csv", elever.encode())))] == [2]
        hendelser = self.HODE + 'H1;E1;2026-09-01;fravaer;F;1;"syk\nH2;E2;2026-09-02;fravær;F;1;ok"\n'
        assert [linje for linje, _ in avvist(read_hendelser(skriv(tmp_path / "h.csv", hendelser.encode())))] == [2]

    def test_merknad_med_tall_i_fagfilen_er_lov(self, tmp_path: Path) -> None:
        tekst = 'elev_id,fag,arstimer,merknad\nE1,norsk,112,"Prøver uke:\n12, 14, 16, 18"\n'
        inn = read_fag(skriv(tmp_path / "f.csv", tekst.encode()))
        assert [f.elev_id for f in inn.rader] == ["E1"]

    def test_merknad_over_flere_linjer_er_lov(self, tmp_path: Path) -> None:
        tekst = self.HODE + 'H1;E1;2026-09-07;fravaer;F;1;"Syk.\nMor ringte kl. 8; far sendte sms"\n'
        inn = read_hendelser(skriv(tmp_path / "h.csv", tekst.encode()))
        assert [h.id for h in inn.rader] == ["H1"]
        assert avvist(inn) == []


class TestExcelSeparatorlinje:
    """Excel's first line "sep=;" names the separator; the header follows it."""

    def test_sep_linje(self, tmp_path: Path) -> None:
        tekst = "sep=;\r\n" + ELEVHODE + "E1;5;2015-03-01;Bø\nE2;5;2015-13-01;Bø\n"
        inn = read_elever(skriv(tmp_path / "e.csv", tekst.encode()))
        assert [e.elev_id for e in inn.rader] == ["E1"]
        assert [linje for linje, _ in avvist(inn)] == [4]  # line numbers count the sep= line

    def test_sep_tabulator(self, tmp_path: Path) -> None:
        tekst = "sep=\t\nelev_id\ttrinn\tfodselsdato\nE1\t5\t2015-03-01\n"
        inn = read_elever(skriv(tmp_path / "e.csv", tekst.encode()))
        assert [e.elev_id for e in inn.rader] == ["E1"]

    def test_sep_linje_uten_overskrift(self, tmp_path: Path) -> None:
        with pytest.raises(InndataFeil, match="mangler overskriftslinjen") as e:
            read_elever(skriv(tmp_path / "e.csv", b"sep=;\n"))
        assert e.value.linje == 2

    def test_feil_i_overskriften_paa_linje_2(self, tmp_path: Path) -> None:
        with pytest.raises(InndataFeil, match="Overskriftslinjen mangler kolonnen «fodselsdato»") as e:
            read_elever(skriv(tmp_path / "e.csv", b"sep=,\nelev_id,trinn\nE1,5\n"))
        assert e.value.linje == 2


class TestVerdierSomIkkeVises:
    """A value is echoed from the pupil file only when it looks like what its column holds."""

    @pytest.mark.parametrize("trinn", ["Per 7", "Ola", "Kari 10"])
    def test_navn_i_trinn_vises_ikke(self, tmp_path: Path, trinn: str) -> None:
        inn = read_elever(skriv(tmp_path / "e.csv", f"{ELEVHODE}E1;{trinn};2015-03-01;Bø\n".encode()))
        ((_, melding),) = avvist(inn)
        assert trinn not in melding
        assert "verdien vises ikke" in melding

    @pytest.mark.parametrize("trinn", ["11", "vg4", "VG 4", "5. trinn", "10A", "bhg2"])
    def test_trinnlignende_verdi_vises(self, tmp_path: Path, trinn: str) -> None:
        inn = read_elever(skriv(tmp_path / "e.csv", f"{ELEVHODE}E1;{trinn};2015-03-01;Bø\n".encode()))
        ((_, melding),) = avvist(inn)
        assert f"«{trinn}»" in melding

    def test_usynlig_tegn_i_overskriften_vises(self, tmp_path: Path) -> None:
        # «\ufeffelev_id» and «elev_id» looked the same in the message
        with pytest.raises(InndataFeil, match="«⟨U\\+200B⟩elev_id»"):
            read_elever(skriv(tmp_path / "e.csv", "\u200belev_id;trinn;fodselsdato\nE1;5;2015-03-01\n".encode()))
