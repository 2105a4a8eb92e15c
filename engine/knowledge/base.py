"""知識ベース / the knowledge base: municipalities, borders, finance, cloud cases.

Everything is read from ``knowledge/`` inside the installed package (never from
the shared data folder the files were copied from); see knowledge/PROVENANCE.md.
The key everywhere is the 6-digit 全国地方公共団体コード with check digit, as a str.

    kb = load_knowledge()
    kb.get("16322").display_name        # '富山県上市町'
    kb.neighbours("131016")             # [('131024', 4.42), ...]  (中央区 first)
"""

from __future__ import annotations

import csv
import datetime
import difflib
import functools
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType

from ..errors import LookupInputError
from ..gc_pause import gc_paused
from ..paths import KNOWLEDGE_DIR
from .census import PopulationFact, population_fact
from .codes import check_digit, normalize_code, normalize_name, romanize_name
from .fiscal import LAG_PARAMETER, FiscalFact, fiscal_fact
from .memberships import GROUP_COLUMNS, START_BASES, KnownGroup, Membership, Memberships, membership_since
from .national import NationalSeries
from . import table_cache

TOPOJSON_PATH = KNOWLEDGE_DIR / "geo" / "municipalities_N03-21_210101_s0010.topojson"

EXPECTED_MUNICIPALITIES = 1741
MUNICIPALITY_TYPES = ("政令指定都市", "特別区", "市", "町", "村")
# 北方領土の6村 (01695–01700) have codes but are not in the data: say so instead of "unknown".
_NORTHERN_TERRITORIES = {f"0{n}" for n in range(1695, 1701)}

MUNICIPALITY_COLUMNS = ("code", "code5", "pref_code", "prefecture", "name", "name_kana", "type", "lon", "lat")
POPULATION_COLUMNS = ("code", "population_total_2020", "households_2020", "area_km2_2023", "general_admin_staff_2023")
FISCAL_COLUMNS = ("code", "fiscal_year", "fiscal_strength_index")
BORDER_COLUMNS = ("code_a", "code_b", "cross_prefecture", "shared_border_km", "evidence")
SEA_COLUMNS = ("code", "neighbor_code", "rank", "min_distance_km")
CASE_COLUMNS = ("case_no", "group_name", "member_code", "member_prefecture", "member_name",
                "members_listed_in_source", "source_footnote", "source")
FACT_COLUMNS = ("as_of", "metric", "value", "unit", "scope_note", "source")
CENSUS_2015_COLUMNS = ("code", "population_2015")

FILES = {
    "municipalities": "municipalities.csv",
    "population": "population_and_basics_ssdse_a_2025.csv",
    "adjacency": "municipal_adjacency.csv",
    "sea_links": "nearest_municipalities_for_no_land_border.csv",
    "fiscal": "fiscal_indicators_history_fy2017_2021.csv",
    "case_groups": "jichitai_cloud_case_groups_partial.csv",
    "national_facts": "jichitai_cloud_and_it_cost_national_facts.csv",
    "census_2015": "population_census_2015.csv",
    "cloud_groups": "cloud_groups.csv",
}
NATIONAL_SERIES = "national/cloud_adoption.yaml"
KNOWLEDGE_PARAMETERS = "parameters/knowledge.yaml"


class KnowledgeDataError(Exception):
    """A data file under knowledge/ is missing or corrupt (a packaging bug, not user input)."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"知識ベースのデータが壊れています / corrupt knowledge data: {where}: {message}")


@dataclass(frozen=True)
class Municipality:
    code: str  # 6-digit with check digit, e.g. "131016"
    code5: str  # "13101"
    pref_code: str  # "13"
    prefecture: str  # "東京都"
    name: str  # "千代田区"
    kana: str
    type: str  # 政令指定都市 / 特別区 / 市 / 町 / 村
    lon: float
    lat: float
    population: int  # 2020 国勢調査
    households: int
    area_km2: float
    admin_staff: int | None  # 一般行政部門職員数 2023

    @property
    def display_name(self) -> str:
        """"東京都千代田区"."""
        return self.prefecture + self.name

    @property
    def romaji(self) -> str:
        """Rough romanisation without the type suffix, e.g. "Kamiichi" (for English messages)."""
        return romanize_name(self.name, self.kana)


@dataclass(frozen=True)
class Border:
    code_a: str  # code_a < code_b
    code_b: str
    km: float  # shared border length on 1 % simplified geometry: an underestimate
    cross_prefecture: bool
    evidence: str  # "both" or "smartnews_only"


@dataclass(frozen=True)
class SeaLink:
    code: str  # a municipality with no land border
    neighbor_code: str
    rank: int  # 1 = nearest
    km: float  # minimum distance between polygons


@dataclass(frozen=True)
class CaseGroup:
    case_no: int
    group_name: str
    prefecture: str  # ";"-joined when the group spans prefectures
    members: tuple[str, ...]  # 6-digit codes; empty when the source names no members
    members_listed: bool
    footnote: str
    source: str


@dataclass(frozen=True)
class NationalFact:
    as_of: str
    metric: str
    value: float
    unit: str
    scope_note: str
    source: str


def _build_frozen(cls, *columns) -> list:
    """Instances of a frozen dataclass from parallel columns of checked values.

    The generated ``__init__`` of a frozen dataclass sets each field through
    ``object.__setattr__``; filling ``__dict__`` at once is 2-3 times faster for
    the 4,400 borders and 1,741 municipalities. The objects are the same: equal,
    hashable and still frozen.
    """
    names = tuple(field.name for field in fields(cls))
    new = object.__new__
    built = []
    for values in zip(*columns, strict=True):
        instance = new(cls)
        instance.__dict__.update(zip(names, values))
        built.append(instance)
    return built


# The kinds of value in each column of a table as the readers make them (for table_cache).
_MUNICIPALITY_KINDS = (str,) * 7 + (float, float, int, int, float, (int, type(None)))
_BORDER_KINDS = (str, str, float, bool, str)
_SEA_KINDS = (str, str, int, float)


_CASE_KINDS = (int, str, str, list, bool, str, str)
_FACT_KINDS = (str, str, float, str, str, str)
_MEMBERSHIP_KINDS = (str, str, str, str, (str, type(None)), str, str, str, str, str)


def _row_fits(row, kinds) -> bool:
    """True if ``row`` is a list of values exactly of ``kinds``, one for one."""
    return (type(row) is list and len(row) == len(kinds)
            and all(type(value) in (kind if isinstance(kind, tuple) else (kind,)) for value, kind in zip(row, kinds)))


def _columns_fit(columns, kinds) -> bool:
    """True if ``columns`` are lists of one length whose values are exactly of ``kinds``."""
    if type(columns) is not list or len(columns) != len(kinds) or any(type(c) is not list for c in columns):
        return False
    if len({len(column) for column in columns}) != 1:
        return False
    for column, kind in zip(columns, kinds):
        allowed = set(kind) if isinstance(kind, tuple) else {kind}
        if not set(map(type, column)) <= allowed:  # the kinds present, collected at C speed
            return False
    return True


def _history_fits(history) -> bool:
    """True if ``history`` is a list of [year, index] pairs, exactly an int and a float."""
    # Written out rather than _row_fits for each of the ~10,000 pairs: a third of the cache's check.
    return type(history) is list and all(type(pair) is list and len(pair) == 2 and type(pair[0]) is int
                                         and type(pair[1]) is float for pair in history)


class _Table:
    """One CSV file read whole by the C csv reader, then handled column by column.

    Per-row Python work is what costs time (a row-by-row loader took ~70 ms for
    all files); converting whole columns with map() keeps loading near 20 ms.
    Errors name the file and the line.
    """

    def __init__(self, path: Path, required: tuple[str, ...]):
        self.path = path
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle))
        except OSError as error:
            raise KnowledgeDataError(path, None, f"読めません / cannot read ({error.strerror})") from None
        except (UnicodeDecodeError, csv.Error) as error:
            raise KnowledgeDataError(path, None, f"CSV として読めません / not UTF-8 CSV ({error})") from None
        if not rows:
            raise KnowledgeDataError(path, None, "空のファイル / empty file")
        header, rows = rows[0], rows[1:]
        missing = [name for name in required if name not in header]
        if missing:
            raise KnowledgeDataError(path, 1, f"列がありません / missing columns {missing}")
        width = len(header)
        if set(map(len, rows)) - {width}:
            number = next(i for i, row in enumerate(rows) if len(row) != width)
            raise KnowledgeDataError(path, number + 2, f"列数 {len(rows[number])} != {width} / wrong number of fields")
        self.row_count = len(rows)
        columns = list(zip(*rows)) if rows else [()] * width
        self._columns = {name: columns[header.index(name)] for name in required}

    def text(self, name: str) -> tuple[str, ...]:
        return self._columns[name]

    def numbers(self, name: str, kind=float, optional: bool = False) -> list:
        texts = self._columns[name]
        try:
            # An optional column's empty cells are None (the fiscal history has them every year).
            return [kind(text) if text else None for text in texts] if optional else list(map(kind, texts))
        except ValueError:
            pass
        for number, text in enumerate(texts):
            if text or not optional:
                try:
                    kind(text)
                except ValueError:
                    raise KnowledgeDataError(
                        self.path, number + 2, f"`{name}` が数値ではありません / not a number: {text!r}"
                    ) from None
        return [kind(text) if text else None for text in texts]

    def fail(self, row_number: int, message: str) -> KnowledgeDataError:
        """An error for the row_number-th data row (0-based)."""
        return KnowledgeDataError(self.path, row_number + 2, message)

    def require_known(self, name: str, known) -> tuple[str, ...]:
        codes = self.text(name)
        if not known.issuperset(codes):
            number = next(i for i, code in enumerate(codes) if code not in known)
            raise self.fail(number, f"未知のコード / unknown code {codes[number]!r} in `{name}`")
        return codes


class KnowledgeBase:
    """All reference data, loaded and verified at construction (~50-100 ms on the dev box; see benchmarks/)."""

    def __init__(self, directory: Path | str | None = None):
        self.directory = Path(directory) if directory is not None else KNOWLEDGE_DIR
        # Loading creates ~60,000 small objects, all kept: the cyclic garbage
        # collector would scan them again and again for nothing (it took ~40 % of
        # the load time), so it is paused while loading.
        with gc_paused():
            self._load(self.directory / "data")

    def _load(self, data: Path) -> None:
        # The tables as validated on an earlier run (engine/knowledge/table_cache.py), else read
        # and checked from the CSV files, then remembered for the next run.
        key = table_cache.key_of(data, FILES.values())
        if not (key and self._restore(table_cache.recall(key))):
            self._read_tables(data)
            if key:
                table_cache.remember(key, self._plain_tables())
        self._by_code5 = {m.code5: m for m in self.municipalities.values()}
        self.prefectures: list[str] = list(dict.fromkeys(m.prefecture for m in self.municipalities.values()))
        self._by_name_index: dict[str, list[Municipality]] | None = None  # made on the first look-up by name
        # Each municipality's borders, put in order (longest first, then code) when first asked for.
        self._borders_of: dict[str, list[tuple[float, str]]] = {code: [] for code in self.municipalities}
        for border in self.borders:
            self._borders_of[border.code_a].append((-border.km, border.code_b))
            self._borders_of[border.code_b].append((-border.km, border.code_a))
        self._neighbours: dict[str, list[tuple[str, float]]] = {}
        self._group_of = {code: group for group in self.case_groups for code in group.members}
        # Dated knowledge: population by census, memberships, the national series.
        self._census[2020] = {code: m.population for code, m in self.municipalities.items()}
        self.memberships = Memberships(self._membership_rows)
        del self._membership_rows
        self.national = NationalSeries(self.directory / NATIONAL_SERIES)
        from ..rules.parameters import load_parameter_file  # the shared parameter format, read once
        self.assumptions = load_parameter_file(self.directory / KNOWLEDGE_PARAMETERS, "knowledge/" + KNOWLEDGE_PARAMETERS)

    def _read_tables(self, data: Path) -> None:
        """Every CSV table read and checked (a corrupt file is a KnowledgeDataError naming its line)."""
        self.municipalities: dict[str, Municipality] = self._load_municipalities(data)
        known = set(self.municipalities)
        self._fiscal = self._load_fiscal(_Table(data / FILES["fiscal"], FISCAL_COLUMNS), known)
        self.borders: list[Border] = self._load_borders(_Table(data / FILES["adjacency"], BORDER_COLUMNS), known)
        self.sea_links: list[SeaLink] = self._load_sea_links(_Table(data / FILES["sea_links"], SEA_COLUMNS), known)
        self.case_groups: list[CaseGroup] = self._load_case_groups(_Table(data / FILES["case_groups"], CASE_COLUMNS))
        self.national_facts: list[NationalFact] = self._load_national_facts(
            _Table(data / FILES["national_facts"], FACT_COLUMNS)
        )
        self._census = {2015: self._load_census_2015(_Table(data / FILES["census_2015"], CENSUS_2015_COLUMNS), known)}
        self._membership_rows = self._load_memberships(_Table(data / FILES["cloud_groups"], GROUP_COLUMNS))

    def _plain_tables(self) -> dict:
        """The checked tables as plain JSON values (what ``_restore`` turns back into the same objects)."""
        munis = list(self.municipalities.values())
        return {
            "municipalities": [[getattr(m, f.name) for m in munis] for f in fields(Municipality)],
            "fiscal": [[code, list(history.items())] for code, history in self._fiscal.items()],
            "borders": [[getattr(b, f.name) for b in self.borders] for f in fields(Border)],
            "sea_links": [[getattr(s, f.name) for s in self.sea_links] for f in fields(SeaLink)],
            "case_groups": [[getattr(g, f.name) for f in fields(CaseGroup)] for g in self.case_groups],
            "national_facts": [[getattr(n, f.name) for f in fields(NationalFact)] for n in self.national_facts],
            "census_2015": self._census[2015],
            "memberships": [[getattr(r, f.name).isoformat() if f.name == "since" and r.since else getattr(r, f.name)
                             for f in fields(Membership)] for r in self._membership_rows],
        }

    def _restore(self, plain) -> bool:
        """The tables from ``_plain_tables`` of an earlier run; False (nothing set) if they do not fit."""
        if not isinstance(plain, dict):
            return False
        try:
            # Every column of the kind its reader makes: a cache that does not fit is not used.
            if not (_columns_fit(plain["municipalities"], _MUNICIPALITY_KINDS)
                    and _columns_fit(plain["borders"], _BORDER_KINDS)
                    and _columns_fit(plain["sea_links"], _SEA_KINDS)
                    and all(_row_fits(row, _CASE_KINDS) and all(type(code) is str for code in row[3])
                            for row in plain["case_groups"])
                    and all(_row_fits(row, _FACT_KINDS) for row in plain["national_facts"])
                    and all(_row_fits(row, _MEMBERSHIP_KINDS) for row in plain["memberships"])
                    and all(type(code) is str and _history_fits(history) for code, history in plain["fiscal"])
                    and type(plain["census_2015"]) is dict
                    and all(type(n) is int for n in plain["census_2015"].values())):
                return False
            municipalities = _build_frozen(Municipality, *plain["municipalities"])
            fiscal = {code: {year: value for year, value in history} for code, history in plain["fiscal"]}
            borders = _build_frozen(Border, *plain["borders"])
            sea_links = _build_frozen(SeaLink, *plain["sea_links"])
            case_groups = [CaseGroup(*row[:3], tuple(row[3]), *row[4:]) for row in plain["case_groups"]]
            national_facts = [NationalFact(*row) for row in plain["national_facts"]]
            census = dict(plain["census_2015"])
            index = [f.name for f in fields(Membership)].index("since")
            memberships = [Membership(*row[:index], datetime.date.fromisoformat(row[index]) if row[index] else None,
                                      *row[index + 1:]) for row in plain["memberships"]]
        except (KeyError, TypeError, ValueError, IndexError):
            return False
        if len(municipalities) != EXPECTED_MUNICIPALITIES or set(fiscal) != {m.code for m in municipalities}:
            return False
        self.municipalities = {m.code: m for m in municipalities}
        self._fiscal, self.borders, self.sea_links = fiscal, borders, sea_links
        self.case_groups, self.national_facts = case_groups, national_facts
        self._census = {2015: census}
        self._membership_rows = memberships
        return True

    # --- loading -------------------------------------------------------------

    @staticmethod
    def _load_municipalities(data: Path) -> dict[str, Municipality]:
        table = _Table(data / FILES["municipalities"], MUNICIPALITY_COLUMNS)
        basics = _Table(data / FILES["population"], POPULATION_COLUMNS)
        codes = table.text("code")
        if len(codes) != EXPECTED_MUNICIPALITIES:
            raise KnowledgeDataError(table.path, None, f"{len(codes)} 行 (期待値 {EXPECTED_MUNICIPALITIES}) / wrong row count")
        if len(set(codes)) != len(codes):
            raise KnowledgeDataError(table.path, None, "コードが重複しています / duplicate codes")
        code5s, pref_codes, kinds = table.text("code5"), table.text("pref_code"), table.text("type")
        for number, (code, code5, pref_code, kind) in enumerate(zip(codes, code5s, pref_codes, kinds)):
            if len(code) != 6 or not code.isdigit() or code[:5] != code5 or code[:2] != pref_code:
                raise table.fail(number, f"不正なコード / malformed code {code!r}")
            if code[5] != check_digit(code5):
                raise table.fail(number, f"{code} の検査数字が誤り / bad check digit")
            if kind not in MUNICIPALITY_TYPES:
                raise table.fail(number, f"不明な type / unknown type {kind!r}")
        basic_codes = basics.require_known("code", set(codes))
        if len(set(basic_codes)) != len(codes):
            raise KnowledgeDataError(basics.path, None, "全市区町村の行がありません / not one row per municipality")
        by_code = dict(zip(basic_codes, zip(
            basics.numbers("population_total_2020", int),
            basics.numbers("households_2020", int),
            basics.numbers("area_km2_2023"),
            basics.numbers("general_admin_staff_2023", int, optional=True),
        )))
        population, households, area, staff = zip(*(by_code[code] for code in codes))
        rows = _build_frozen(
            Municipality, codes, code5s, pref_codes, table.text("prefecture"), table.text("name"),
            table.text("name_kana"), kinds, table.numbers("lon"), table.numbers("lat"),
            population, households, area, staff,
        )
        return {m.code: m for m in sorted(rows, key=lambda m: m.code)}

    @staticmethod
    def _load_fiscal(table: _Table, known) -> dict[str, dict[int, float]]:
        history: dict[str, dict[int, float]] = {code: {} for code in sorted(known)}
        codes = table.require_known("code", known)
        years = table.numbers("fiscal_year", int)
        values = table.numbers("fiscal_strength_index", optional=True)
        for code, year, value in zip(codes, years, values):
            if value is not None:  # an empty cell means no value for that year
                history[code][year] = value
        return history

    @staticmethod
    def _load_borders(table: _Table, known) -> list[Border]:
        codes_a, codes_b = table.require_known("code_a", known), table.require_known("code_b", known)
        for number, (code_a, code_b) in enumerate(zip(codes_a, codes_b)):
            if not code_a < code_b:
                raise table.fail(number, "code_a < code_b ではありません / pair not ordered")
        return _build_frozen(
            Border, codes_a, codes_b, table.numbers("shared_border_km"),
            [flag == "1" for flag in table.text("cross_prefecture")], table.text("evidence"),
        )

    @staticmethod
    def _load_sea_links(table: _Table, known) -> list[SeaLink]:
        links = list(map(
            SeaLink, table.require_known("code", known), table.require_known("neighbor_code", known),
            table.numbers("rank", int), table.numbers("min_distance_km"),
        ))
        links.sort(key=lambda link: (link.code, link.rank))
        return links

    def _load_case_groups(self, table: _Table) -> list[CaseGroup]:
        groups: dict[int, list] = {}
        for number, (case_no, group, code, pref, name, listed, footnote, source) in enumerate(zip(
            table.numbers("case_no", int), *(table.text(column) for column in CASE_COLUMNS[1:])
        )):
            if code:
                # The source names members; check that each name agrees with its code.
                if code not in self.municipalities:
                    raise table.fail(number, f"未知のコード / unknown code {code!r}")
                if normalize_name(self.municipalities[code].name) != normalize_name(name):
                    raise table.fail(number, f"{code} は {name} ではありません / code and name disagree")
            entry = groups.setdefault(case_no, [group, [], [], listed == "1", footnote, source])
            if code:
                entry[1].append(code)
            for prefecture in pref.split(";"):
                if prefecture and prefecture not in entry[2]:
                    entry[2].append(prefecture)
        return [
            CaseGroup(case_no, group, ";".join(prefs), tuple(members), listed, footnote, source)
            for case_no, (group, members, prefs, listed, footnote, source) in sorted(groups.items())
        ]

    @staticmethod
    def _load_national_facts(table: _Table) -> list[NationalFact]:
        facts = []
        previous_source = ""
        for number, (as_of, metric, value, unit, note, source) in enumerate(zip(
            table.text("as_of"), table.text("metric"), table.numbers("value"),
            table.text("unit"), table.text("scope_note"), table.text("source"),
        )):
            if source.strip().lower() == "same as above":
                if not previous_source:
                    raise table.fail(number, "'same as above' の前に出典がありません / nothing above")
                source = previous_source
            previous_source = source
            facts.append(NationalFact(as_of, metric, value, unit, note, source))
        return facts

    @staticmethod
    def _load_census_2015(table: _Table, known) -> dict[str, int]:
        codes = table.require_known("code", known)
        if len(set(codes)) != len(known):
            raise KnowledgeDataError(table.path, None, "全市区町村の行がありません / not one row per municipality")
        return dict(zip(codes, table.numbers("population_2015", int)))

    def _load_memberships(self, table: _Table) -> list[Membership]:
        rows = []
        columns = [table.text(name) for name in GROUP_COLUMNS]
        for number, (group, _pref, name, code, start, basis, title, url, source_date, _note, confidence,
                     notes) in enumerate(zip(*columns)):
            if code not in self.municipalities:
                raise table.fail(number, f"未知のコード / unknown code {code!r}")
            if normalize_name(self.municipalities[code].name) != normalize_name(name):
                raise table.fail(number, f"{code} は {name} ではありません / code and name disagree")
            if basis not in START_BASES or bool(start) != bool(basis):
                raise table.fail(number, f"start / start_basis が不正 / bad start {start!r} ({basis!r})")
            if confidence not in ("C", "P"):
                raise table.fail(number, f"confidence は C か P / bad confidence {confidence!r}")
            since = membership_since(start, source_date)
            if since is None and (start or source_date):
                raise table.fail(number, f"日付が読めません / unreadable date {start or source_date!r}")
            rows.append(Membership(group, code, start, basis, since, title, url, source_date, confidence, notes))
        return rows

    # --- look-up -------------------------------------------------------------

    @property
    def _by_name(self) -> dict[str, list[Municipality]]:
        """Municipalities by normalised name (NFKC of 1,741 names: made only when a name is looked up)."""
        if self._by_name_index is None:
            index: dict[str, list[Municipality]] = {}
            for municipality in self.municipalities.values():
                index.setdefault(normalize_name(municipality.name), []).append(municipality)
            self._by_name_index = index
        return self._by_name_index

    def get(self, code: str) -> Municipality:
        """6 桁 (検査数字を検証) または 5 桁のコードで引く / look up by 6- or 5-digit code."""
        text = normalize_code(code)
        if not text.isascii() or not text.isdigit() or len(text) not in (5, 6):
            raise LookupInputError(
                f"全国地方公共団体コード「{text}」は 6 桁 (検査数字付き) または 5 桁の数字で指定してください。",
                f"local government code {text!r} must be 6 digits (with check digit) or 5 digits",
                field="code",
            )
        code5 = text[:5]
        found = self._by_code5.get(code5)
        if found is not None and len(text) == 6 and text != found.code:
            raise LookupInputError(
                f"全国地方公共団体コード {text} の検査数字が誤っています。正しくは {found.code} ({found.name}) です。",
                f"check digit of local government code {text} is wrong: it should be {found.code} ({found.romaji})",
                field="code",
            )
        if found is None:
            count = f"{len(self.municipalities):,}"
            reason_ja, reason_en = "", ""
            if code5 in _NORTHERN_TERRITORIES:
                reason_ja, reason_en = " (北方領土の村はデータに含まれません)", " (the Northern Territories villages are not covered)"
            elif code5.endswith("000"):
                reason_ja, reason_en = " (都道府県のコードです)", " (that is a prefecture code)"
            raise LookupInputError(
                f"全国地方公共団体コード {text} は {count} 市区町村のいずれのコードでもありません{reason_ja}。",
                f"{text} is not the code of any of the {count} municipalities{reason_en}",
                field="code",
            )
        return found

    def find(self, name: str, prefecture: str | None = None) -> Municipality:
        """名前で引く (NFKC, ケ/ヶ・檮/梼 を同一視) / look up by exact name, optionally within a prefecture."""
        key = normalize_name(name)
        pref = self._resolve_prefecture(prefecture) if prefecture else None
        if pref is None:
            # "東京都千代田区" names its prefecture itself.
            for candidate_pref in self.prefectures:
                if key.startswith(candidate_pref) and key[len(candidate_pref):] in self._by_name:
                    key, pref = key[len(candidate_pref):], candidate_pref
                    break
        matches = self._by_name.get(key, [])
        if pref is not None:
            in_pref = [m for m in matches if m.prefecture == pref]
            if len(in_pref) == 1:
                return in_pref[0]
            if matches:
                listed = _listed(matches)
                raise LookupInputError(
                    f"{pref}に「{name}」はありません。同名の市区町村: {listed}。",
                    f"there is no {name!r} in {pref}; municipalities of that name: {listed}",
                    field="name",
                )
        elif len(matches) == 1:
            return matches[0]
        elif matches:
            listed = _listed(matches)
            raise LookupInputError(
                f"「{name}」は {len(matches)} つの市区町村に当たります: {listed}。都道府県も指定してください。",
                f"{name!r} matches {len(matches)} municipalities: {listed}; give the prefecture too",
                field="name",
            )
        pool = self.in_prefecture(pref) if pref else list(self.municipalities.values())
        names = {normalize_name(m.name): m for m in pool}
        close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.5)
        suggestions = "、".join(f"{names[c].display_name} ({names[c].code})" for c in close)
        where_ja = f"{pref}に" if pref else ""
        where_en = f" in {pref}" if pref else ""
        raise LookupInputError(
            f"{where_ja}「{name}」という市区町村はありません。" + (f"もしかして: {suggestions}" if suggestions else ""),
            f"no municipality named {name!r}{where_en}" + (f"; did you mean: {suggestions}" if suggestions else ""),
            field="name",
        )

    def resolve_prefecture(self, prefecture: str) -> str:
        """The prefecture's full name (富山 → 富山県); an unknown name is bad input with a did-you-mean."""
        return self._resolve_prefecture(prefecture)

    def _resolve_prefecture(self, prefecture: str) -> str:
        key = normalize_name(prefecture)
        for pref in self.prefectures:
            # "東京" and "大阪" are accepted for 東京都 and 大阪府; 北海道 has no suffix to drop.
            if key == pref or (pref != "北海道" and key == pref[:-1]):
                return pref
        close = difflib.get_close_matches(key, self.prefectures, n=3, cutoff=0.3)
        hint_ja = f"もしかして: {'、'.join(close)}" if close else ""
        hint_en = f"; did you mean: {', '.join(close)}" if close else ""
        raise LookupInputError(
            f"「{prefecture}」という都道府県はありません。{hint_ja}",
            f"no prefecture named {prefecture!r}{hint_en}",
            field="prefecture",
        )

    def in_prefecture(self, prefecture: str) -> list[Municipality]:
        """都道府県内の市区町村 (コード順) / municipalities of a prefecture in code order."""
        pref = self._resolve_prefecture(prefecture)
        return [m for m in self.municipalities.values() if m.prefecture == pref]

    # --- finance ---------------------------------------------------------------

    def fiscal_history(self, code: str) -> dict[int, float]:
        """{fiscal year: 財政力指数}, oldest first."""
        return dict(sorted(self._fiscal[self.get(code).code].items()))

    def fiscal_lag_months(self, as_of: datetime.date) -> int:
        """The assumed publication lag of 財政力指数 in force on ``as_of`` (knowledge/parameters/knowledge.yaml)."""
        dated = self.assumptions[LAG_PARAMETER].at(as_of)
        return int(dated.value) if dated is not None else 12

    def fiscal_on(self, code: str, as_of: datetime.date) -> FiscalFact | None:
        """財政力指数 of the latest fiscal year published by ``as_of`` (engine/knowledge/fiscal.py)."""
        return fiscal_fact(self.fiscal_history(code), as_of, self.fiscal_lag_months(as_of))

    def fiscal_index(self, code: str, as_of: datetime.date) -> tuple[int, float, str] | None:
        """(fiscal year, 財政力指数, note in Japanese or "") as available on ``as_of``; see ``fiscal_on``."""
        fact = self.fiscal_on(code, as_of)
        return None if fact is None else (fact.fiscal_year, fact.value, fact.note.get("ja", ""))

    # --- population by census --------------------------------------------------

    def census_population(self, code: str) -> dict[int, int]:
        """{census year: population} for one municipality (2015 and 2020)."""
        code = self.get(code).code
        return {year: values[code] for year, values in self._census.items() if code in values}

    def population_on(self, code: str, as_of: datetime.date) -> PopulationFact | None:
        """Population from the latest census published by ``as_of`` (engine/knowledge/census.py)."""
        return population_fact(self.census_population(code), as_of)

    def populations_on(self, as_of: datetime.date) -> dict[str, int]:
        """{code: population} of every municipality on ``as_of`` (same census for all)."""
        return dict(self.population_table(as_of))

    def population_table(self, as_of: datetime.date) -> Mapping[str, int]:
        """``populations_on`` as a read-only view, not a copy (for look-ups made once per memo)."""
        from .census import census_on
        return MappingProxyType(self._census[census_on(as_of)[0].year])

    # --- memberships -------------------------------------------------------------

    def membership_on(self, code: str, as_of: datetime.date) -> KnownGroup | None:
        """The real group ``code`` is known to belong to on ``as_of`` (cloud_groups.csv), else None (unknown)."""
        return self.memberships.membership_on(self.get(code).code, as_of)

    def known_groups_on(self, as_of: datetime.date) -> list[KnownGroup]:
        """Every real group with a member known on ``as_of``; each lists only the members known by then."""
        return self.memberships.known_groups_on(as_of)

    # --- geography and groups ------------------------------------------------

    def neighbours(self, code: str) -> list[tuple[str, float]]:
        """陸で接する市区町村 (code, 共有境界 km): longest border first, then code."""
        code = self.get(code).code
        found = self._neighbours.get(code)
        if found is None:
            found = self._neighbours[code] = [(other, -negative_km)
                                               for negative_km, other in sorted(self._borders_of[code])]
        return list(found)

    def sea_links_of(self, code: str) -> list[SeaLink]:
        """For a municipality with no land border: its 5 nearest, nearest first (else [])."""
        code = self.get(code).code
        return [link for link in self.sea_links if link.code == code]

    def group_of(self, code: str) -> CaseGroup | None:
        """The 表58 case group of a municipality (partial, undated list), if any.

        For "similar cases" only; for membership on a date use ``membership_on``.
        """
        return self._group_of.get(self.get(code).code)


@functools.lru_cache(maxsize=1)
def _load_default() -> KnowledgeBase:
    return KnowledgeBase(KNOWLEDGE_DIR)


def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """The knowledge base; loaded once per process for the default directory."""
    if directory is None or Path(directory).resolve() == KNOWLEDGE_DIR:
        return _load_default()
    return KnowledgeBase(directory)


load_knowledge.cache_clear = _load_default.cache_clear  # type: ignore[attr-defined]


def _listed(matches) -> str:
    """Candidates for an error message: 群馬県南牧村 (103837)、長野県南牧村 (203050)."""
    return "、".join(f"{m.display_name} ({m.code})" for m in matches)
