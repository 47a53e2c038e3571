"""All Norwegian wording for validation messages, in one place."""

from __future__ import annotations

import difflib
import errno
import re
import unicodedata
from collections.abc import Iterable

from ._paths import dokumentasjon

#: Spaces that look like an ordinary one: a non-breaking space and its kin (pasted from Word).
RARE_MELLOMROM: re.Pattern[str] = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

MAANEDER = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)

TYPENAVN = {
    "string": "tekst",
    "integer": "et heltall",
    "number": "et tall",
    "boolean": "true eller false",
    "array": "en liste",
    "object": "en samling av felt (nøkkel: verdi)",
    "null": "en tom verdi",
}

M = {
    "yaml-tom": f"Filen er tom. Start med «type: rutine» (se {dokumentasjon('slik-reviderer-du-rutinen.md')}).",
    "ikke-tabell": "Toppnivået i filen må være en samling av felt (nøkkel: verdi), ikke {fikk}.",
    "ukjent-type": (
        "Ukjent filtype «{verdi}». Skriv «type: rutine», «type: felles», «type: skolerute» eller "
        "«type: kodekart».{mente}"
    ),
    "mangler-type": (
        "Filen mangler «type:» øverst. Skriv «type: rutine», «type: felles», «type: skolerute» eller «type: kodekart»."
    ),
    "required": "Feltet «{navn}» mangler. Legg det til her.",
    "additional": "Ukjent felt «{navn}».{mente} Fjern feltet eller rett stavemåten.",
    "enum": "«{verdi}» er ikke en tillatt verdi her. Tillatte verdier: {lovlige}.{mente}",
    "const": "Verdien må være «{lovlig}».",
    "const-gjentakelse": (
        "Verdien må være «{lovlig}»: fraværsdager telles per semester og fagtimer for hele skoleåret, "
        "og regelen kan slå til én gang per slik periode. (Er det «maal» som er feil, rett den i stedet.)"
    ),
    "const-tall": "Verdien må være tallet {lovlig}. Skriv {lovlig} uten anførselstegn.",
    "enum-anforsel": 'Her skal det stå tekst: skriv "{verdi}" i anførselstegn.',
    "type-tekst-tall": "Her skal det stå tekst, men det står tallet {verdi}. Sett verdien i anførselstegn, "
    'slik den skal stå, for eksempel "{verdi}".',
    "type-tekst-tall-lest": "Her skal det stå tekst, men {skrevet} uten anførselstegn blir lest som tallet "
    '{verdi}. Sett verdien i anførselstegn, slik den skal stå: "{skrevet}".',
    "type": "Feil type: her skal det stå {forventet}, men det står {fikk}.",
    "type-janei": "Skriv {riktig} her, ikke «{verdi}». Bare true og false forstås som ja og nei.",
    "type-tall-tekst": "Her skal det stå {forventet}. Fjern anførselstegnene rundt «{verdi}».",
    "dato": "«{verdi}» er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel 2026-08-19.",
    "dato-finnes-ikke": "«{verdi}» er ikke en gyldig dato: den finnes ikke i kalenderen. Rett måneden eller "
    "dagen (for eksempel 2026-02-28).",
    "skoleaar": "Skoleåret «{verdi}» har feil form. Skriv det som «2026-27».",
    "klokkeslett": '«{verdi}» er ikke et gyldig klokkeslett. Skriv det som "HH:MM" i '
    'anførselstegn, for eksempel "09:00".',
    "klokkeslett-forslag": '«{verdi}» er ikke et gyldig klokkeslett. Skriv "{forslag}": to sifre '
    "for timen, og i anførselstegn.",
    "id-format": "«{verdi}» er ikke en gyldig id. Bruk små bokstaver a–z, tall og bindestrek, "
    "for eksempel «vegring-samme-dag».",
    "navn-format": "«{verdi}» er ikke et gyldig navn. Bruk små bokstaver a–z, tall og "
    "understrek, for eksempel «bekymring_terskel».",
    "pattern": "«{verdi}» har feil form (forventet mønster {monster}).",
    "mellomrom-rundt": "«{verdi}» har mellomrom først eller sist, eller et linjeskift. Fjern det.",
    "nokkel-tom-tekst": 'Nøkkelen er tom (""). Skriv et navn eller en kode.',
    "nokkel-for-lang": "«{verdi}» er for lang: høyst {grense} tegn.",
    "tom": "Dette feltet kan ikke være tomt.",
    "min-items": "Listen må ha minst {antall} element.",
    "unique": "Listen har samme verdi flere ganger.",
    "minimum": "Verdien {verdi} er for liten: den må være minst {grense}.",
    "maksimum": "Verdien {verdi} er for stor: den kan være høyst {grense}.",
    "exclusive-minimum": "Verdien {verdi} er for liten: den må være større enn {grense}.",
    "oneof": f"Verdien har ikke en tillatt form her. Sjekk skrivemåten mot {dokumentasjon('format.md')}.",
    "verdi-verdier": "Oppgi nøyaktig én av «verdi» og «verdier» for parameteren.",
    "ukjent-skjemafeil": f"Verdien er ikke tillatt her. Sjekk skrivemåten mot {dokumentasjon('format.md')}.",
    # semantic checks
    "ukjent-rolle": "Ukjent rolle «{verdi}».{mente} Roller må stå i rollekatalogen i {felles}.",
    "ukjent-sjekkliste": "Ukjent sjekkliste «{verdi}».{mente} Sjekklister står i {felles}.",
    "ukjent-parameter": "Ukjent parameter «{verdi}».{mente} Legg den til under «parametere:» eller rett navnet.",
    "feil-enhet": "Parameteren «{verdi}» har enhet «{enhet}», men her trengs enhet {forventet}.",
    "ukjent-unntak": "Ukjent unntak «{verdi}».{mente} Unntak står under «unntak:» i et vedlegg.",
    "ukjent-brev": "Ukjent brev «{verdi}».{mente} Brev står under «brev:» i et vedlegg.",
    "ukjent-steg": "Ukjent steg «{verdi}».{mente} Steg står under «steg:» i et vedlegg.",
    "ukjent-plassholder": "Teksten viser til «{{{verdi}}}», men det finnes ingen parameter med "
    "det navnet.{mente} Rett navnet i krøllparentesen, eller legg parameteren til under "
    "«parametere:».",
    # used as is (not .format()ed), so the braces are single
    "krollparentes": "Teksten har en krøllparentes «{» eller «}» som ikke hører til en plassholder. "
    "En plassholder skrives {parameter_navn}, for eksempel {bekymring_terskel}: fullfør den, eller "
    "fjern parentesen.",
    "duplikat-rad": "Raden «{verdi}» står to ganger i tabellen «{seksjon}» (også på linje "
    "{linje}). Gi en av radene en ny id.",
    "duplikat-regel": "Regelen «{verdi}» står to ganger (også på linje {linje}). Fjern kopien; er det en ny "
    "regel, gi den en egen id (de faste id-ene kan ikke endres).",
    "duplikat-id": "Id-en «{verdi}» står to ganger (også på linje {linje}).",
    "revisjon-foer-gyldig": "«neste_revisjon» ({neste}) må være senere enn «gyldig_fra» ({gyldig}). Rett en av "
    "datoene.",
    "parameter-utenfor": "Parameteren «{navn}» har verdien {verdi}, men {krav}.",
    # the {krav} part of "parameter-utenfor", by enhet
    "krav-andel": "en andel må være et tall større enn 0 og høyst 1 (10 % skrives 0.10)",
    "krav-tall-i-anforsel": "et tall skal stå uten anførselstegn: skriv {forslag}",
    "krav-andel-prosent": "en andel skrives som desimaltall over 0 og høyst 1: skriv {forslag} for {verdi} %",
    "krav-andel-komma": "desimaltall skrives med punktum, ikke komma: skriv {forslag}",
    "krav-dager": "antall dager må være et heltall fra 0 til 200",
    "krav-minutter": "minutter må være et heltall fra 0 til 600",
    "krav-timer": "timer må være et tall som ikke er negativt",
    "krav-janei": "verdien må være true eller false: skriv {riktig}",
    "krav-janei-uklar": "verdien må være true eller false",
    "krav-klokkeslett": 'et klokkeslett skrives "HH:MM" i anførselstegn, for eksempel "09:00"',
    "krav-klokkeslett-forslag": 'et klokkeslett skrives med to sifre for timen og i anførselstegn: skriv "{forslag}"',
    "krav-liste": "verdien må være en liste med tekster",
    "datert-rekkefolge": "Verdiene må stå i datorekkefølge, den eldste «fra»-datoen først: {dato} står etter "
    "{forrige}, men er en tidligere dato.",
    "datert-samme-dato": "«fra»-datoen {dato} står to ganger. Hver verdi må ha sin egen «fra»-dato: rett "
    "datoen, eller fjern den ene verdien.",
    "trinn-utenfor": "Trinn «{verdi}» hører ikke til {hvor} (tillatt: {lovlige}).",
    "fast-regel-mangler": "Regelen «{verdi}» mangler i rutinen «{rutine}». Id-en er fast: motoren "
    "og integrasjoner bruker den, så den kan ikke fjernes eller få nytt navn.",
    "fast-regel-omdopt": "Regelen «{verdi}» mangler i rutinen «{rutine}», men her står "
    "«{funnet}». Id-en «{verdi}» er fast: motoren og integrasjoner bruker den, så den kan ikke få "
    "nytt navn. Skriv «{verdi}» igjen.",
    "frist-utloser": "Fristtypen «{frist}» passer ikke med utløsertypen «{utloser}»: «{frist}» "
    "brukes bare med utløser {krav}. Med utløser «{utloser}» kan fristen være {lovlige}.",
    "felles-mangler": "Finner ikke fellesfilen «{verdi}» (rollekatalog og sjekklister). Rett "
    "stien; den regnes fra mappen rutinefilen ligger i.",
    "fil-mangler": "Finner ikke filen. Sjekk navnet og mappen.",
    "fil-mappe": "Dette er en mappe, ikke en fil.",
    "felles-ugyldig": "Fellesfilen «{verdi}» har feil (se meldingene for den filen).",
    "sti-mangler": "Finner ikke filen eller mappen. Sjekk navnet.",
    "rutinefil-mangler": (
        "Finner ikke filen. Mappen «rutiner» må ha alle tre rutinene (barnehage.yaml, grunnskole.yaml og "
        "vgs.yaml): legg den dit."
    ),
    "rolle-format": "«{verdi}» er ikke en rolle-id. Skriv id-en til rollen slik den står i "
    "rollekatalogen i felles.yaml: små bokstaver a–z, tall og understrek, for eksempel «kontaktlaerer».",
    "versjon-samme-dato": "To versjoner av rutinen «{id}» gjelder fra samme dato ({dato}): denne "
    "filen (versjon {versjon}) og {annen}:{linje} (versjon {annen_versjon}). Gi den nye versjonen en "
    "senere «gyldig_fra» (datoen den begynner å gjelde).",
    # warnings (alvor "advarsel"): the file is valid, but probably not as meant
    "usynlig-tegn-advarsel": "{hvor} «{utdrag}» har {hva}. Slike tegn følger ofte med tekst kopiert fra "
    "Word eller PDF, og blir med uten å synes. Slett {det} hvis {de} ikke skal være der.",
    "typografiske-anforselstegn": "Teksten begynner med «{start}» og slutter med «{slutt}»: typografiske "
    "anførselstegn, som Word ofte setter inn. YAML leser dem ikke som anførselstegn, så de blir en del av "
    'teksten. Bruk vanlige anførselstegn (") rundt teksten{eksempel}.',
    "anforsel-mangler-foran": 'Teksten «{utdrag}» slutter med et anførselstegn («"»), men begynner ikke med et, '
    'så anførselstegnet blir en del av teksten. Mangler det et «"» foran teksten? Sett hele teksten i '
    "anførselstegn, eller fjern det siste.",
    "feil-filtype": "Dette er {er} (type: {type}), ikke {ikke}. Oppgi {oppgi}, for eksempel {eksempel}.",
}

# The kinds of file, for "feil-filtype": (what it is / is not, what to give, an example).
FILSLAG: dict[str, tuple[str, str, str]] = {
    "rutine": ("en rutinefil", "en rutinefil", "rutiner/grunnskole.yaml"),
    "felles": ("fellesfilen", "fellesfilen", "rutiner/felles.yaml"),
    "skolerute": ("en skolerute", "skolerutefilen", "rutiner/skolerute-2026-27.yaml"),
    "kodekart": ("et kodekart", "kodekartet", "eksempel/kodekart.yaml"),
}


def feil_filtype(funnet: object, forventet: str) -> str | None:
    """The message for a file of another known kind than ``forventet`` (``type: funnet``), or None
    when ``funnet`` is the expected kind or no known kind (the schema reports those)."""
    if not isinstance(funnet, str) or funnet == forventet or funnet not in FILSLAG:
        return None
    er = FILSLAG[funnet][0]
    ikke, oppgi, eksempel = FILSLAG[forventet]
    return M["feil-filtype"].format(er=er, type=funnet, ikke=ikke, oppgi=oppgi, eksempel=eksempel)


# Keys and ids are written in ASCII (naar, kontaktlaerer); staff often type the Norwegian letters.
_ASCII_FORM = str.maketrans({"å": "aa", "æ": "ae", "ø": "oe", "Å": "Aa", "Æ": "Ae", "Ø": "Oe"})


def mente_du(verdi: object, muligheter: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """A ' Mente du «x»?' suffix and the suggestions it names (may be empty).

    Compared with å, æ and ø written aa, ae and oe on both sides, so «når» suggests «naar» and
    «hoest» suggests «høst».
    """
    if not isinstance(verdi, str):
        return "", ()
    # ASCII form -> the possibilities written that way
    former: dict[str, list[str]] = {}
    for mulighet in sorted(set(muligheter)):
        former.setdefault(mulighet.translate(_ASCII_FORM), []).append(mulighet)
    form = verdi.translate(_ASCII_FORM)
    # the same word with the letters written the other way is the one meant: name only that
    naere = [form] if form in former else difflib.get_close_matches(form, list(former), n=3, cutoff=0.6)
    forslag = tuple(dict.fromkeys(m for f in naere for m in former[f]))[:3]
    if not forslag:
        return "", ()
    if len(forslag) == 1:
        return f" Mente du «{forslag[0]}»?", forslag
    liste = ", ".join(f"«{f}»" for f in forslag[:-1]) + f" eller «{forslag[-1]}»"
    return f" Mente du {liste}?", forslag


# Characters a message shows as ⟨U+XXXX⟩: format characters (soft hyphen, zero-width space and
# joiners, word joiner, byte order mark, direction marks) and control characters other than a line
# break. They are invisible on screen, so «foresatte-melder-fravaer» would look right in a message
# while the file has a zero-width space after it.
def _usynlig(tegn: str) -> bool:
    return tegn != "\n" and unicodedata.category(tegn) in ("Cf", "Cc", "Zl", "Zp")


_USYNLIGE_NAVN: dict[str, str] = {
    "\u00ad": "en myk bindestrek",
    "\u200b": "et nullbreddemellomrom",
    "\u200c": "et usynlig skilletegn",
    "\u200d": "et usynlig bindetegn",
    "\u2060": "et usynlig bindetegn",
    "\ufeff": "et usynlig BOM-tegn",
}


def usynlig_navn(tegn: str) -> str:
    """What an invisible character is, in words ('et nullbreddemellomrom')."""
    if tegn in _USYNLIGE_NAVN:
        return _USYNLIGE_NAVN[tegn]
    return "et usynlig kontrolltegn" if unicodedata.category(tegn) == "Cc" else "et usynlig tegn"


def usynlige_tegn(tekst: str) -> list[str]:
    """The distinct invisible characters in ``tekst``, in the order they first appear."""
    return list(dict.fromkeys(t for t in tekst if _usynlig(t)))


def vis_tegn(tegn: str) -> str:
    """One character as a message shows it when it cannot be seen: ⟨U+200B⟩."""
    return f"⟨U+{ord(tegn):04X}⟩"


def synlig(tekst: str) -> str:
    """``tekst`` with every invisible character shown as ⟨U+XXXX⟩."""
    if not any(_usynlig(t) for t in tekst):
        return tekst
    return "".join(vis_tegn(t) if _usynlig(t) else t for t in tekst)


def med_usynlige_vist(melding: str) -> str:
    """A message that quotes a value with invisible characters: the characters shown as ⟨U+XXXX⟩,
    and a sentence saying that they are there. A message without any is returned unchanged."""
    tegn = usynlige_tegn(melding)
    if not tegn:
        return melding
    vist = [vis_tegn(t) for t in tegn]
    kilde = "ofte fra tekst kopiert fra Word eller PDF"
    if len(tegn) == 1:
        navn = usynlig_navn(tegn[0])
        hvorfra = kilde if navn == "et usynlig tegn" else f"{navn}, {kilde}"
        tillegg = f"Teksten har et usynlig tegn, vist her som {vist[0]} ({hvorfra}). Slett tegnet."
    else:
        liste = ", ".join(vist[:-1]) + f" og {vist[-1]}"
        tillegg = f"Teksten har usynlige tegn, vist her som {liste} ({kilde}). Slett tegnene."
    return f"{synlig(melding)} {tillegg}"


def eller_liste(verdier: Iterable[str]) -> str:
    """['a', 'b', 'c'] -> '«a», «b» eller «c»'."""
    deler = [f"«{v}»" for v in verdier]
    if len(deler) <= 1:
        return "".join(deler)
    return ", ".join(deler[:-1]) + f" eller {deler[-1]}"


def og_liste(verdier: Iterable[str]) -> str:
    """['a', 'b', 'c'] -> '«a», «b» og «c»'."""
    deler = [f"«{v}»" for v in verdier]
    if len(deler) <= 1:
        return "".join(deler)
    return ", ".join(deler[:-1]) + f" og {deler[-1]}"


_JA = {"ja", "yes", "y", "on", "sann"}
_NEI = {"nei", "no", "n", "off", "usann"}


def janei_forslag(verdi: object) -> str | None:
    """'ja'/'yes'/'on' -> 'true', 'nei'/'no'/'off' -> 'false', otherwise None."""
    if not isinstance(verdi, str):
        return None
    ord_ = verdi.strip().lower()
    if ord_ in _JA:
        return "true"
    if ord_ in _NEI:
        return "false"
    return None


def klokkeslett_forslag(verdi: object) -> str | None:
    """The clock time a user most likely meant: '9:00' -> '09:00', '9.30' or 9.3 -> '09:30',
    900 or '0900' -> '09:00', '9' -> '09:00'; None when there is no clear guess."""
    if isinstance(verdi, bool):
        return None
    if isinstance(verdi, int):
        tekst = str(verdi)
    elif isinstance(verdi, float):
        # 9.30 unquoted is read as the number 9.3; Norwegian clock times are written 9.30
        if not (0 <= verdi < 24 and round(verdi, 2) == verdi):
            return None
        tekst = f"{verdi:.2f}"
    elif isinstance(verdi, str):
        tekst = verdi.strip()
    else:
        return None
    if m := re.fullmatch(r"(\d{1,2})[:.]?(\d{2})", tekst):
        timer, minutter = int(m.group(1)), int(m.group(2))
    elif re.fullmatch(r"\d{1,2}", tekst):
        timer, minutter = int(tekst), 0
    else:
        return None
    if timer > 23 or minutter > 59:
        return None
    return f"{timer:02d}:{minutter:02d}"


def beskriv_verdi(verdi: object) -> str:
    """Describe a YAML value for a message ('teksten «ja»', 'et tall (12)', ...)."""
    if verdi is None:
        return "ingenting"
    if isinstance(verdi, bool):
        return f"sannhetsverdien {'true' if verdi else 'false'}"
    if isinstance(verdi, int | float):
        return f"tallet {verdi}"
    if isinstance(verdi, str):
        kort = verdi if len(verdi) <= 40 else verdi[:37] + "..."
        return f"teksten «{kort}»"
    if isinstance(verdi, list):
        return "en liste"
    if isinstance(verdi, dict):
        return "en samling av felt"
    return type(verdi).__name__


_OS_GRUNNER: dict[int, str] = {
    errno.ENOENT: "mappen eller filen finnes ikke",
    errno.ENOTDIR: "en del av stien er ikke en mappe",
    errno.EISDIR: "det er en mappe, ikke en fil",
    errno.EACCES: "du har ikke tilgang",
    errno.EPERM: "du har ikke tilgang",
    errno.EROFS: "stedet er skrivebeskyttet",
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
    errno.EFBIG: "filen er blitt for stor (en grense for filstørrelse på maskinen)",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.ELOOP: "stien har for mange symbolske lenker (kanskje en lenke som viser til seg selv)",
    errno.EIO: "feil ved lesing eller skriving på disken eller nettverksdisken",
    errno.ESTALE: "nettverksdisken har mistet filen (prøv igjen)",
    errno.ENXIO: "enheten finnes ikke",
    errno.EMFILE: "for mange åpne filer",
    errno.ENOMEM: "for lite minne",
}


def os_grunn(feil: OSError) -> str:
    """Why a file could not be read or written, in Norwegian (the system's text is English)."""
    if feil.errno is None:
        return "ukjent systemfeil"
    return _OS_GRUNNER.get(feil.errno, f"systemfeil {feil.errno}")


def vis_filnavn(navn: str) -> str:
    """A file name fit for a message and for JSON: bytes that are not UTF-8 (a Latin-1 name from
    a Windows share, kept by Python as lone surrogates) shown as ``\\xf8``."""
    return uten_surrogater(navn)


_SURROGAT = re.compile("[\udc80-\udcff]")


def uten_surrogater(tekst: str, *, i_json: bool = False) -> str:
    """``tekst`` with each byte Python kept from a file name that is not UTF-8 (a lone surrogate,
    which cannot be written as UTF-8) shown as ``\\xf8``. With ``i_json`` the text is JSON, where
    the backslash itself must be escaped. (Outside string literals JSON is ASCII, so every such
    character in JSON text is inside a string.)"""
    if _SURROGAT.search(tekst) is None:
        return tekst
    skrastrek = "\\\\" if i_json else "\\"
    return _SURROGAT.sub(lambda m: f"{skrastrek}x{ord(m.group()) - 0xDC00:02x}", tekst)
