"""Build src/watchkeeper/data/resolve/general_pairs.csv: labelled name pairs beyond Korean names.

Run: PYTHONPATH=src .venv/bin/python scripts/build_general_pairs.py [--seed 14] [--out PATH]

Deterministic (seeded): anyone can rebuild the same file. Sources:
- the non-DPRK regimes of the bundled UN Consolidated List: a listing's primary name against its own
  name-similar aliases of good quality (same), against primary names of other listings that share given names,
  family or tribal names (different), and its one-word low-quality aliases against other people's full names
  (different);
- our own tables below (given names, surnames, company words, Cyrillic and Chinese forms, nicknames): legal
  forms, rule-made spelling variants (typos, digits for letters, joins and splits, short forms, scripts),
  numbered entities, Arabic family names and reversed patronymic parts.
Each pair carries a ``split``: ``tune`` (look at its errors) or ``heldout`` (report only). Pairs made from the
same listing or the same base name share a split, so the held-out half is names the tuning never saw.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parent.parent
UN_XML = ROOT / "src/watchkeeper/data/lists/un_consolidated_2024-09-26.xml"
OUT = ROOT / "src/watchkeeper/data/resolve/general_pairs.csv"
COLUMNS = ("name_a", "name_b", "schema", "imo_a", "imo_b", "label", "category", "note", "quality_b", "split")
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
PARTICLES = {
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "abu",
    "abd",
    "ould",
    "ben",
    "ag",
    "wa",
    "mohammed",
    "muhammad",
}

GIVEN = (  # noqa: SIM905 (a table of words reads better as one string)
    "Angela Viktor Johann Sebastian Maria Elena Carlos Miguel Sergei Dmitri Olga Natalia Pierre Claire "
    "Hans Klaus Giovanni Francesca Ahmed Fatima Yusuf Aisha Omar Layla Kwame Amara Chinedu Ngozi Ravi "
    "Priya Arjun Mehmet Ayse Emre Zeynep Lars Ingrid Pavel Katarzyna Tomasz Jorge Lucia Rafael Isabel "
    "Andreas Sofia Nikolai Irina Boris Svetlana Hugo Camille Matthias Greta Diego Valentina Kenji Yuki "
    "Hiroshi Akiko"
).split()
SURNAMES = (  # noqa: SIM905 (a table of words reads better as one string)
    "Merkel Orban Bach Fischer Schneider Rossi Bianchi Garcia Fernandez Rodriguez Lopez Petrov Ivanov "
    "Smirnov Volkov Dubois Lefebvre Moreau Muller Weber Wagner Hoffmann Kowalski Nowak Wisniewski Jensen "
    "Larsen Andersson Johansson Yilmaz Kaya Demir Celik Okafor Mensah Adeyemi Patel Sharma Gupta Kumar "
    "Haddad Khoury Nasser Mansour Tanaka Suzuki Takahashi Watanabe Castillo Moreno Romero Herrera Novak "
    "Horvat Kovacs Szabo Nagy Papadopoulos Georgiou Costa Silva Santos Oliveira Pereira Marchetti "
    "Esposito"
).split()
# Short forms written for this set, independently of the matcher's own table.
NICKNAMES = {
    "William": ["Bill", "Will", "Billy"],
    "Robert": ["Bob", "Rob", "Bobby"],
    "Richard": ["Rick", "Dick", "Rich"],
    "James": ["Jim", "Jimmy"],
    "Elizabeth": ["Liz", "Beth", "Betty"],
    "Margaret": ["Maggie", "Peggy"],
    "Alexander": ["Alex", "Sasha"],
    "Katherine": ["Kate", "Kathy"],
    "Michael": ["Mike", "Mick"],
    "Thomas": ["Tom", "Tommy"],
    "Joseph": ["Joe"],
    "Edward": ["Ed", "Ted", "Eddie"],
    "Charles": ["Charlie", "Chuck"],
    "Anthony": ["Tony"],
    "Jennifer": ["Jenny", "Jen"],
    "Christopher": ["Chris"],
    "Daniel": ["Dan", "Danny"],
    "Nicholas": ["Nick"],
    "Patricia": ["Pat", "Patty"],
    "Benjamin": ["Ben"],
    "Samuel": ["Sam"],
    "Vladimir": ["Volodya"],
    "Aleksandr": ["Sasha", "Shura"],
    "Dmitri": ["Dima"],
    "Mikhail": ["Misha"],
    "Yekaterina": ["Katya"],
    "Francisco": ["Paco", "Pancho"],
    "Jose": ["Pepe"],
    "Johannes": ["Hans"],
    "Giuseppe": ["Beppe"],
}
NICK_SURNAMES = (  # noqa: SIM905 (a table of words reads better as one string)
    "Gates Clinton Jordan Walker Turner Baker Carter Hughes Foster Bennett Morgan Cooper"
).split()
CYRILLIC = {
    "Vladimir": "Владимир",
    "Sergei": "Сергей",
    "Dmitri": "Дмитрий",
    "Olga": "Ольга",
    "Natalia": "Наталья",
    "Nikolai": "Николай",
    "Irina": "Ирина",
    "Boris": "Борис",
    "Svetlana": "Светлана",
    "Pavel": "Павел",
    "Mikhail": "Михаил",
    "Aleksei": "Алексей",
    "Yuri": "Юрий",
    "Tatiana": "Татьяна",
    "Andrei": "Андрей",
    "Petrov": "Петров",
    "Ivanov": "Иванов",
    "Smirnov": "Смирнов",
    "Volkov": "Волков",
    "Sokolov": "Соколов",
    "Kuznetsov": "Кузнецов",
    "Popov": "Попов",
    "Lebedev": "Лебедев",
    "Kozlov": "Козлов",
    "Novikov": "Новиков",
    "Morozov": "Морозов",
    "Zaitsev": "Зайцев",
    "Pavlov": "Павлов",
    "Semenov": "Семенов",
    "Fedorov": "Федоров",
    "Shevchenko": "Шевченко",
    "Bondarenko": "Бондаренко",
    "Kovalenko": "Коваленко",
    "Tkachenko": "Ткаченко",
}
CYR_GIVEN = [k for k in CYRILLIC if not k.endswith(("ov", "ko", "ev"))]
CYR_FAMILY = [k for k in CYRILLIC if k.endswith(("ov", "ko", "ev"))]
CHINESE_SURNAMES = {
    "王": "Wang",
    "李": "Li",
    "张": "Zhang",
    "刘": "Liu",
    "陈": "Chen",
    "杨": "Yang",
    "黄": "Huang",
}
CHINESE_SURNAMES |= {"赵": "Zhao", "周": "Zhou", "吴": "Wu", "徐": "Xu", "孙": "Sun", "马": "Ma", "朱": "Zhu"}
CHINESE_GIVEN = {
    "伟": "Wei",
    "芳": "Fang",
    "敏": "Min",
    "静": "Jing",
    "强": "Qiang",
    "磊": "Lei",
    "军": "Jun",
}
CHINESE_GIVEN |= {
    "洋": "Yang",
    "勇": "Yong",
    "艳": "Yan",
    "杰": "Jie",
    "涛": "Tao",
    "明": "Ming",
    "超": "Chao",
}
CHINESE_GIVEN |= {
    "华": "Hua",
    "平": "Ping",
    "刚": "Gang",
    "辉": "Hui",
    "建": "Jian",
    "国": "Guo",
    "文": "Wen",
}
COMPANY_WORDS = (  # noqa: SIM905 (a table of words reads better as one string)
    "Baltic Northern Golden Silver Ocean Pacific Atlantic Eastern Western Global Harbor River Mountain "
    "Falcon Eagle Phoenix Crescent Meridian Horizon Summit Pioneer Atlas Orion Vega Nova Aurora Polar "
    "Delta Sigma Granite Emerald Sapphire Cedar Maple Oak Willow Iron Copper Steel Grain Timber Cargo "
    "Energy Petro Agro Techno Medi Trans Volga Danube Rhine Alpine Sahara Nile Andes Tundra Lotus Jade "
    "Amber Coral Zenith"
).split()
COMPANY_SECTORS = (  # noqa: SIM905 (a table of words reads better as one string)
    "Trading Logistics Holdings Shipping Industries Minerals Petroleum Chemicals Capital"
).split()
REAL_COMPANIES = (  # noqa: SIM905 (a table of words reads better as one string)
    "Volkswagen Siemens Rosneft Gazprom Lukoil Sberbank Novatek Bayer Allianz Daimler"
).split()
LEGAL_FORMS = [  # (short form, long form, where the form goes)
    ("AG", "Aktiengesellschaft", "suffix"),
    ("GmbH", "Gesellschaft mit beschränkter Haftung", "suffix"),
    ("JSC", "Joint Stock Company", "both"),
    ("LLC", "Limited Liability Company", "both"),
    ("OOO", "Limited Liability Company", "prefix_short"),
    ("Co. Ltd", "Company Limited", "suffix"),
    ("Ltd.", "Limited", "suffix"),
    ("S.A.", "Sociedad Anónima", "suffix"),
    ("Corp.", "Corporation", "suffix"),
    ("Inc.", "Incorporated", "suffix"),
    ("PJSC", "Public Joint Stock Company", "both"),
    ("SpA", "Società per Azioni", "suffix"),
]
NISBAS = (  # noqa: SIM905 (a table of words reads better as one string)
    "al-Shammari al-Otaibi al-Qahtani al-Harbi al-Zahrani al-Ghamdi al-Dosari al-Mutairi al-Anazi "
    "al-Masri al-Iraqi al-Libi al-Tunisi al-Yemeni al-Baghdadi al-Hashimi al-Tamimi al-Rashidi al-Shehri "
    "al-Subaie"
).split()
ARAB_GIVEN = (  # noqa: SIM905 (a table of words reads better as one string)
    "Ali Omar Hassan Hussein Khalid Saeed Abdullah Ibrahim Yusuf Salim Faisal Nasser Hamad Mansour Tariq "
    "Walid Adel Samir Jamal Karim Mahmoud Mustafa Rashid Saad Zayed"
).split()
TYPO_NEIGHBOURS = {"a": "s", "e": "r", "i": "o", "o": "p", "n": "m", "r": "t", "s": "d", "t": "y", "l": "k"}
DIGITS_FOR = {"o": "0", "i": "1", "e": "3", "a": "4", "s": "5", "l": "1"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
VESSEL_WORDS = (  # noqa: SIM905 (a table of words reads better as one string)
    "Star Pearl Glory Fortune Spirit Wave Dragon Lion Venture Dawn Breeze Grace"
).split()

Row = dict[str, str]


def split_of(key: str, seed: int) -> str:
    """``tune`` or ``heldout`` by a stable hash of the base the pair was made from."""
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return "heldout" if digest[0] % 2 else "tune"


def row(a: str, b: str, schema: str, label: int, category: str, note: str, key: str, **extra: str) -> Row:
    return {
        "name_a": a,
        "name_b": b,
        "schema": schema,
        "imo_a": extra.get("imo_a", ""),
        "imo_b": extra.get("imo_b", ""),
        "label": str(label),
        "category": category,
        "note": note,
        "quality_b": extra.get("quality_b", ""),
        "split": key,
    }


def _text(element: object, tag: str) -> str:
    return " ".join((element.findtext(tag) or "").split())  # type: ignore[attr-defined]


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s,\-]+", name.lower()) if w]


def _distinctive(name: str) -> set[str]:
    return {w for w in _words(name) if w not in PARTICLES and len(w) > 2}


def un_listings() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(reference, schema, primary name, [(alias, quality)]) of every non-DPRK listing."""
    root = ElementTree.parse(UN_XML).getroot()
    out = []
    for tag, schema, alias_tag in (
        ("INDIVIDUAL", "Person", "INDIVIDUAL_ALIAS"),
        ("ENTITY", "Organization", "ENTITY_ALIAS"),
    ):
        for element in root.iter(tag):
            if _text(element, "UN_LIST_TYPE") == "DPRK":
                continue
            primary = " ".join(p for p in (_text(element, t) for t in NAME_PARTS) if p)
            aliases = []
            for alias in element.iter(alias_tag):
                name = _text(alias, "ALIAS_NAME")
                if name:
                    quality = "low" if _text(alias, "QUALITY").lower() == "low" else "good"
                    aliases.append((name, quality))
            out.append((_text(element, "REFERENCE_NUMBER"), schema, primary, aliases))
    return out


def un_pairs(rng: random.Random) -> Iterator[Row]:
    """Aliases as positives, other listings sharing name parts and low one-word aliases as negatives."""
    listings = un_listings()
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, primary, _) in enumerate(listings):
        for word in _distinctive(primary):
            by_word[word].append(i)
    for reference, schema, primary, aliases in listings:
        core = _distinctive(primary)
        for alias, quality in aliases:
            words = _distinctive(alias)
            if quality != "good" or len(_words(alias)) < 2 or "(" in alias or not words:
                continue
            shared = len(core & words) / min(len(core), len(words)) if core else 0
            if shared >= 0.6:  # name-similar aliases only: a different kunya is not a spelling of the name
                yield row(
                    primary,
                    alias,
                    schema,
                    1,
                    f"un_alias_{schema.lower()[:3]}",
                    f"{reference}: alias",
                    reference,
                )
    seen: set[tuple[int, int]] = set()
    for i, (reference, schema, primary, _) in enumerate(listings):
        others: dict[int, int] = defaultdict(int)
        for word in _distinctive(primary):
            if len(by_word[word]) <= 40:
                for j in by_word[word]:
                    if j != i and listings[j][1] == schema:
                        others[j] += 1
        ranked = sorted(others, key=lambda j: (-others[j], j))[:1]
        for j in ranked:
            if (j, i) in seen or _distinctive(primary) == _distinctive(listings[j][2]):
                continue
            seen.add((i, j))
            note = f"{reference} / {listings[j][0]}: different listings sharing {others[j]} name part(s)"
            yield row(primary, listings[j][2], schema, 0, "un_different_listing", note, reference)
    people = [p for _, s, p, _ in listings if s == "Person" and len(_words(p)) >= 2]
    for reference, schema, _, aliases in listings:
        for alias, quality in aliases:
            if schema == "Person" and quality == "low" and len(_words(alias)) == 1 and len(alias) > 2:
                full = f"{alias.title()} {rng.choice(SURNAMES)}" if rng.random() < 0.5 else rng.choice(people)
                if alias.lower() not in _words(full):
                    full = f"{rng.choice(GIVEN)} {alias.title()}"
                note = f"{reference}: low-quality one-word alias against another person's full name"
                yield row(full, alias, "Person", 0, "low_alias_one_word", note, reference, quality_b="low")


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip: a letter dropped, doubled, swapped with the next, or its neighbour key hit."""
    j = rng.randrange(1, len(word) - 1)
    move = rng.randrange(4)
    if move == 0:
        return word[:j] + word[j + 1 :]
    if move == 1:
        return word[:j] + word[j] + word[j:]
    if move == 2:
        return word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    char = word[j].lower()
    return word[:j] + TYPO_NEIGHBOURS.get(char, "e" if char != "e" else "a") + word[j + 1 :]


def leet(word: str, rng: random.Random) -> str:
    """Digits typed for look-alike letters (o→0, i→1, e→3)."""
    spots = [i for i, c in enumerate(word.lower()) if c in DIGITS_FOR]
    for i in rng.sample(spots, min(len(spots), rng.choice((1, 2)))):
        word = word[:i] + DIGITS_FOR[word[i].lower()] + word[i + 1 :]
    return word


def person_pairs(rng: random.Random) -> Iterator[Row]:
    """Spelling variants of people's names (same) and people sharing one name part (different)."""
    for n in range(520):
        given, family = rng.choice(GIVEN), rng.choice(SURNAMES)
        base = f"{given} {family}"
        key = f"person:{base}"
        kind = n % 6
        if kind == 0:
            i = rng.randrange(2)
            parts = [given, family]
            if len(parts[i]) < 4:
                i = 1 - i
            parts[i] = typo(parts[i], rng)
            yield row(base, " ".join(parts), "Person", 1, "typo", "one keyboard slip", key)
        elif kind == 1:
            variant = " ".join(leet(w, rng) for w in (given, family))
            yield row(base, variant, "Person", 1, "digits_for_letters", "digits for look-alike letters", key)
        elif kind == 2:
            middle = rng.choice(GIVEN)
            if rng.random() < 0.5:
                pair = (f"{given} {middle} {family}", f"{given}{middle} {family}")
            else:
                pair = (f"{given} {middle} {family}", f"{given} {middle}{family.lower()}")
            yield row(*pair, "Person", 1, "join_split", "two words written as one", key)
        elif kind == 3:
            other = rng.choice([g for g in GIVEN if g[0] != given[0]])
            yield row(base, f"{other} {family}", "Person", 0, "person_different", "same family name", key)
        elif kind == 4:
            other = rng.choice([s for s in SURNAMES if s[:2] != family[:2]])
            yield row(base, f"{given} {other}", "Person", 0, "person_different", "same given name", key)
        else:
            order = f"{family.upper()}, {given}" if rng.random() < 0.5 else f"{family} {given}"
            yield row(base, order, "Person", 1, "order_case", "family name first", key)
    for long, shorts in NICKNAMES.items():
        for short in shorts:
            family = rng.choice(NICK_SURNAMES)
            key = f"nick:{long}"
            yield row(f"{long} {family}", f"{short} {family}", "Person", 1, "short_form", "short form", key)
        other = rng.choice([k for k in NICKNAMES if k != long])
        family = rng.choice(NICK_SURNAMES)
        note = "another name's short form"
        yield row(
            f"{long} {family}",
            f"{NICKNAMES[other][0]} {family}",
            "Person",
            0,
            "short_form",
            note,
            f"nick:{long}",
        )


def script_pairs(rng: random.Random) -> Iterator[Row]:
    """Russian and Ukrainian names in Cyrillic, Chinese names in Han characters, against Latin forms."""
    for _ in range(90):
        given, family = rng.choice(CYR_GIVEN), rng.choice(CYR_FAMILY)
        key = f"cyr:{given}:{family}"
        cyr = f"{CYRILLIC[given]} {CYRILLIC[family]}"
        if rng.random() < 0.7:
            yield row(f"{given} {family}", cyr, "Person", 1, "cyrillic_script", "Cyrillic form", key)
        else:
            other = rng.choice([f for f in CYR_FAMILY if f != family])
            note = "Cyrillic form of another family name"
            yield row(f"{given} {other}", cyr, "Person", 0, "cyrillic_script", note, key)
    surnames, given_chars = list(CHINESE_SURNAMES), list(CHINESE_GIVEN)
    for _ in range(90):
        family = rng.choice(surnames)
        given = "".join(rng.sample(given_chars, rng.choice((1, 2))))
        han = family + given
        pinyin_given = "".join(CHINESE_GIVEN[c] for c in given)
        latin = f"{CHINESE_SURNAMES[family]} {pinyin_given.capitalize()}"
        key = f"han:{han}"
        if rng.random() < 0.7:
            if rng.random() < 0.4:
                latin = f"{pinyin_given.capitalize()} {CHINESE_SURNAMES[family].upper()}"
            yield row(latin, han, "Person", 1, "chinese_script", "Han characters", key)
        else:
            other = "".join(rng.sample([c for c in given_chars if c not in given], len(given)))
            yield row(
                latin, family + other, "Person", 0, "chinese_script", "same surname, other given name", key
            )


def company_pairs(rng: random.Random) -> Iterator[Row]:
    """Legal forms written short and long (same) and companies sharing words (different)."""
    for n in range(260):
        if n % 5 == 0:
            base = rng.choice(REAL_COMPANIES)
        else:
            base = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SECTORS)}"
        short, long, where = rng.choice(LEGAL_FORMS)
        key = f"org:{base}"
        if where == "prefix_short":
            a, b = f"{short} {base}", f"{base} {rng.choice(('LLC', long))}"
        elif where == "both" and rng.random() < 0.5:
            a, b = f"{short} {base}", f"{base} {long}"
        else:
            a, b = f"{base} {short}", f"{base} {long}"
        if n % 3 == 2:
            other_word = rng.choice([w for w in COMPANY_WORDS if w not in base])
            words = base.split()
            words[0] = other_word
            yield row(
                a,
                f"{' '.join(words)} {short}",
                "Organization",
                0,
                "company_different",
                "one word differs",
                key,
            )
        else:
            yield row(a, b, "Organization", 1, "legal_form", f"{short} = {long}", key)


def imo(rng: random.Random) -> str:
    """A random IMO number with a valid check digit."""
    digits = [rng.randrange(1, 10)] + [rng.randrange(10) for _ in range(5)]
    check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return "".join(map(str, digits)) + str(check)


def numbered_pairs(rng: random.Random) -> Iterator[Row]:
    """Funds, partnerships and ships that differ only in a number (different) or write it alike (same)."""
    for n in range(170):
        word = rng.choice(COMPANY_WORDS)
        key = f"num:{word}:{n}"
        kind = n % 6
        if kind == 0:
            year = rng.randrange(2005, 2023)
            letter = rng.choice("ABC")
            a, b = f"{word} Capital Fund {year}-{letter}", f"{word} Capital Fund {year + 1}-{letter}"
            yield row(a, b, "Organization", 0, "numbered", "fund vintages", key)
        elif kind == 1:
            i = rng.randrange(len(ROMAN) - 1)
            a, b = f"{word} Partners {ROMAN[i]} LP", f"{word} Partners {ROMAN[i + 1]} LP"
            yield row(a, b, "Organization", 0, "numbered", "roman numerals", key)
        elif kind == 2:
            ship = f"{word} {rng.choice(VESSEL_WORDS)}"
            k = rng.randrange(1, 9)
            yield row(f"{ship} {k}", f"{ship} {k + 1}", "Vessel", 0, "numbered", "sister ships", key)
        elif kind == 3:
            ship = f"{word} {rng.choice(VESSEL_WORDS)}"
            a, b = imo(rng), imo(rng)
            yield row(
                ship, ship.upper(), "Vessel", 0, "numbered", "same name, other IMO", key, imo_a=a, imo_b=b
            )
        elif kind == 4:
            i = rng.randrange(len(ROMAN))
            a, b = f"{word} Partners {ROMAN[i]} LP", f"{word.upper()} PARTNERS {ROMAN[i]} L.P."
            yield row(a, b, "Organization", 1, "numbered", "same numeral", key)
        else:
            ship = f"{word} {rng.choice(VESSEL_WORDS)} {rng.randrange(1, 30)}"
            yield row(ship, f"M/V {ship.upper()}", "Vessel", 1, "numbered", "vessel prefix", key)


def arabic_pairs(rng: random.Random) -> Iterator[Row]:
    """Arabic name structure: family, tribal or nisba parts and the order of nasab parts."""
    for n in range(240):
        ism, father, grand = rng.sample(ARAB_GIVEN, 3)
        nisba = rng.choice(NISBAS)
        key = f"arab:{ism}:{father}:{nisba}"
        kind = n % 4
        if kind == 0:
            other = rng.choice([x for x in NISBAS if x != nisba])
            a, b = f"{ism} {father} {grand} {nisba}", f"{ism} {father} {grand} {other}"
            yield row(a, b, "Person", 0, "arabic_family", "same given names, other family or tribe", key)
        elif kind == 1:
            a, b = f"{ism} bin {father}", f"{father} bin {ism}"
            if rng.random() < 0.5:
                a, b = f"{a} {nisba}", f"{b} {nisba}"
            yield row(a.upper(), b, "Person", 0, "patronymic_order", "father and son swapped", key)
        elif kind == 2:
            bare = nisba.split("-")[1]
            spelling = rng.choice((f"Al {bare}", f"Al{bare.lower()}", f"el-{bare}", f"AL-{bare.upper()}"))
            a, b = f"{ism} {father} {nisba}", f"{ism} {father} {spelling}"
            yield row(a, b, "Person", 1, "arabic_family", "article written differently", key)
        else:
            a = f"{ism} bin {father} bin {grand} {nisba}"
            b = rng.choice((f"{ism} ibn {father} {nisba}", f"{ism} {father} {grand} {nisba}"))
            yield row(a, b, "Person", 1, "patronymic_order", "nasab written shorter", key)


def build(seed: int) -> list[Row]:
    rng = random.Random(seed)
    rows: list[Row] = []
    for source in (un_pairs, person_pairs, script_pairs, company_pairs, numbered_pairs, arabic_pairs):
        rows.extend(source(random.Random(rng.randrange(2**32))))
    unique: dict[tuple[str, str, str], Row] = {}
    for r in rows:
        unique.setdefault((r["name_a"].lower(), r["name_b"].lower(), r["imo_a"]), r)
    out = list(unique.values())
    for r in out:
        r["split"] = split_of(r["split"], seed)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.seed)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    positives = sum(r["label"] == "1" for r in rows)
    held = sum(r["split"] == "heldout" for r in rows)
    counts = f"{positives} same, {len(rows) - positives} different; {held} held out"
    print(f"{len(rows)} pairs ({counts}) → {args.out}")


if __name__ == "__main__":
    main()
