"""全国地方公共団体コードと市区町村名の扱い / local government codes and names.

- ``check_digit``: the check digit of the 6-digit 全国地方公共団体コード.
- ``normalize_name``: the form in which names are compared (NFKC, ケ/ヶ, 檮/梼).
- ``romanize_name``: a rough Hepburn rendering of a name's kana, for the
  English half of error messages (e.g. 上市町 カミイチマチ -> "Kamiichi").
"""

from __future__ import annotations

import unicodedata



def check_digit(code5: str) -> str:
    """検査数字: s = 6*d1+5*d2+4*d3+3*d4+2*d5; (11 - s % 11) % 10.

    >>> check_digit("16322")
    '8'
    """
    if len(code5) != 5 or not code5.isascii() or not code5.isdigit():
        raise ValueError(f"check_digit needs 5 ASCII digits, got {code5!r}")
    d1, d2, d3, d4, d5 = map(int, code5)  # unrolled: it runs for every code at load time
    total = 6 * d1 + 5 * d2 + 4 * d3 + 3 * d4 + 2 * d5
    return "0123456789"[(11 - total % 11) % 10]


def with_check_digit(code5: str) -> str:
    """"16322" -> "163228"."""
    return code5 + check_digit(code5)


def normalize_code(text: str) -> str:
    """User input as typed -> ASCII digits without surrounding blanks (全角 digits allowed)."""
    return unicodedata.normalize("NFKC", str(text)).strip()


# The 総務省 list writes 鰺ヶ沢町 and 梼原町; other sources (財政指標, users) write
# 鰺ケ沢町 and 檮原町. Compare names in one folded form so either spelling is found.
_NAME_FOLD = str.maketrans({"ヶ": "ケ", "ヵ": "カ", "檮": "梼"})


def normalize_name(text: str) -> str:
    """The form in which municipality and prefecture names are compared."""
    folded = unicodedata.normalize("NFKC", str(text)).strip()
    folded = "".join(folded.split())
    return folded.translate(_NAME_FOLD)


# --- kana -> rough Hepburn, only for English messages -------------------------

_KANA = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n", "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
# Kana of the type suffix, dropped so 上市町 reads "Kamiichi" rather than "Kamiichimachi".
_SUFFIX_KANA = {"市": ("シ",), "町": ("チョウ", "マチ"), "村": ("ソン", "ムラ"), "区": ("ク",)}


def _kana_to_romaji(kana: str) -> str:
    out: list[str] = []
    double_next = False
    i = 0
    while i < len(kana):
        char = kana[i]
        if char == "ッ":
            double_next = True
            i += 1
            continue
        if char == "ー":
            i += 1
            continue
        syllable = _KANA.get(char, char)
        if i + 1 < len(kana) and kana[i + 1] in _SMALL_Y and syllable.endswith("i"):
            stem = syllable[:-1]
            # shi+ya -> sha, chi+ya -> cha, ji+ya -> ja; ki+ya -> kya
            syllable = (stem if stem in ("sh", "ch", "j") else stem + "y") + _SMALL_Y[kana[i + 1]]
            i += 1
        if double_next:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
            double_next = False
        out.append(syllable)
        i += 1
    text = "".join(out)
    # Simplified Hepburn without macrons: Tōbetsu -> Tobetsu, Ōsaki -> Osaki.
    return text.replace("ou", "o").replace("oo", "o").replace("uu", "u")


def romanize_name(name: str, kana: str) -> str:
    """上市町 / カミイチマチ -> "Kamiichi" (rough; for English messages only)."""
    for suffix in _SUFFIX_KANA.get(name[-1:], ()):
        if kana.endswith(suffix) and len(kana) > len(suffix):
            kana = kana[: -len(suffix)]
            break
    return _kana_to_romaji(kana).capitalize()
