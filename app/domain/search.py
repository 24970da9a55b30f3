"""Point search: normalised keys and forgiving matching, in pure Python (no Qt).

One search box finds a point by its code in any spelling (``bl23``, ``BL-23``,
``bl 23``), its pinyin with or without tone marks (``shenshu``, ``shènshù``),
its English or Chinese name (traditional or simplified characters: 腎俞 and 肾俞)
and its aliases, and forgives one typo
(Damerau-Levenshtein distance <= 1) in any query word of four or more letters.
Words with digits (codes) are never "corrected": ``bl23`` must not find BL24.

Everything expensive happens once, in :class:`PointIndex`: every point's
searchable text is split into normalised tokens, the unique tokens are kept
sorted (prefix look-up by bisection) and every token of four or more letters
is entered in a deletion neighbourhood (SymSpell style: the token with each
single letter removed), so a typo look-up is a handful of dictionary hits
rather than a distance computation against every token.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from .models import Point

TYPO_MIN_LENGTH = 4  # shorter words must match exactly (or as a prefix)

_SEPARATORS = re.compile(r"[\W_]+")
_WORD_PARTS = re.compile(r"[^\W\d_]+|\d+")  # runs of letters, runs of digits
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def fold(text: str) -> str:
    """Case-fold and strip tone marks and other accents: ``Shènshū`` -> ``shenshu``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tokens_of_folded(folded: str) -> list[str]:
    return _WORD_PARTS.findall(folded)


def tokens(text: str) -> list[str]:
    """Normalised words of ``text``; letters and digits are split apart
    (``BL23`` -> ``bl``, ``23``) so ``bl 23`` and ``BL-23`` agree."""
    return _tokens_of_folded(fold(text))


def compact(text: str) -> str:
    """The folded text without spaces or punctuation: ``BL-23`` -> ``bl23``."""
    return _SEPARATORS.sub("", fold(text))


def damerau_levenshtein_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion,
    substitution or transposition of adjacent letters."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


_EMPTY: frozenset[str] = frozenset()


def _typo_tolerant(word: str) -> bool:
    return len(word) >= TYPO_MIN_LENGTH and _DIGIT.search(word) is None


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


def point_search_text(point: Point) -> list[str]:
    """The strings a point can be found by."""
    return [point.code, point.pinyin, point.english, point.chinese, point.simplified, *point.aliases]


def point_keys(point: Point) -> set[str]:
    """Every normalised token a point answers to, including the compact forms
    of whole names (``bl23``, ``shenshu``, ``kidneyshu``) and every tail of its
    Chinese name (so a prefix look-up finds any run of its characters)."""
    keys: set[str] = set()
    for text in point_search_text(point):
        folded = fold(text)
        keys.update(_tokens_of_folded(folded))
        whole = _SEPARATORS.sub("", folded)
        if whole:
            keys.add(whole)
        if _CJK.search(text):
            chars = "".join(_SEPARATORS.split(unicodedata.normalize("NFKC", text)))
            keys.update(chars[i:] for i in range(len(chars)))
    return keys


class PointIndex:
    """Precomputed search keys for a set of points.

    ``match(query)`` returns the codes whose keys satisfy the query: either
    the whole query, without spaces and punctuation, matches one key, or every
    word of the query matches some key. A word matches a key it is a prefix
    of (so results narrow while typing), or, if it has at least
    ``TYPO_MIN_LENGTH`` letters, a key at Damerau-Levenshtein distance 1.
    """

    def __init__(self, points: Mapping[str, Point] | Iterable[Point]) -> None:
        values = points.values() if isinstance(points, Mapping) else points
        postings: dict[str, set[str]] = defaultdict(set)
        self.codes: tuple[str, ...] = ()
        codes: list[str] = []
        for point in values:
            codes.append(point.code)
            for key in point_keys(point):
                postings[key].add(point.code)
        self.codes = tuple(codes)
        # Plain sets, never mutated after this point (converting to frozensets
        # costs more than the rest of the build with thousands of points).
        self._postings: dict[str, set[str]] = dict(postings)
        self._sorted_keys: list[str] = sorted(self._postings)
        neighbours: dict[str, set[str]] = defaultdict(set)
        for key in self._sorted_keys:
            if _typo_tolerant(key):
                neighbours[key].add(key)
                for variant in _deletions(key):
                    neighbours[variant].add(key)
        self._neighbours: dict[str, set[str]] = dict(neighbours)
        self._cache: dict[str, frozenset[str]] = {}

    def _prefix_matches(self, word: str) -> set[str]:
        found: set[str] = set()
        keys = self._sorted_keys
        start = bisect.bisect_left(keys, word)
        for key in keys[start:]:
            if not key.startswith(word):
                break
            found |= self._postings[key]
        return found

    def _typo_matches(self, word: str) -> set[str]:
        candidates: set[str] = set()
        for variant in {word} | _deletions(word):
            candidates |= self._neighbours.get(variant, _EMPTY)
        found: set[str] = set()
        for key in candidates:
            if damerau_levenshtein_at_most_one(word, key):
                found |= self._postings[key]
        return found

    def match_word(self, word: str) -> frozenset[str]:
        """Codes with a key that ``word`` (already normalised) matches."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found = self._prefix_matches(word)
        if _typo_tolerant(word):
            found |= self._typo_matches(word)
        result = frozenset(found)
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[word] = result
        return result

    def match(self, query: str) -> frozenset[str] | None:
        """Codes matching ``query``; ``None`` when the query is blank (no filter)."""
        words = tokens(query)
        if not words:
            return None
        whole = compact(query)
        found: set[str] = set(self.match_word(whole))
        if len(words) > 1:
            every = set(self.match_word(words[0]))
            for word in words[1:]:
                if not every:
                    break
                every &= self.match_word(word)
            found |= every
        return frozenset(found)
