"""A synthetic catalog of N points built from the shipped one, for scale tests.

The shipped points are kept; the rest are copies with new codes and
deterministic made-up names (pinyin syllables with tones, English words,
characters), so the search index has realistic variety to work through.
"""

from __future__ import annotations

import dataclasses
import random
from types import MappingProxyType

from app.domain.models import Catalog, Point

SYLLABLES = [
    "shèn",
    "shū",
    "wěi",
    "zhōng",
    "mìng",
    "mén",
    "tài",
    "xī",
    "kūn",
    "lún",
    "yāo",
    "yáng",
    "guān",
    "huán",
    "tiào",
    "chéng",
    "shān",
    "fēi",
    "yáng",
    "jīng",
    "gǔ",
    "dà",
    "zhuī",
    "fèng",
    "fǔ",
    "hé",
    "gǔ",
    "zú",
    "sān",
    "lǐ",
    "yīn",
    "líng",
    "quán",
    "xuè",
    "hǎi",
    "qì",
    "chōng",
    "cì",
    "liáo",
    "zhì",
    "shì",
    "pí",
    "wèi",
    "gān",
    "dǎn",
]
WORDS = [
    "kidney",
    "gate",
    "life",
    "middle",
    "crook",
    "supreme",
    "stream",
    "mountain",
    "support",
    "flying",
    "yang",
    "bone",
    "great",
    "hollow",
    "valley",
    "sea",
    "blood",
    "spring",
    "spirit",
    "palace",
    "hall",
    "pool",
    "marsh",
    "well",
    "shu",
    "window",
    "heaven",
    "earth",
    "wind",
    "cold",
    "back",
    "lumbar",
]
CHARACTERS = "腎俞委中命門太谿崑崙腰陽關環跳承山飛揚京骨大椎風府合谷足三里陰陵泉血海氣衝次髎志室脾胃肝膽"


def synthetic_catalog(base: Catalog, size: int, seed: int = 7) -> Catalog:
    rng = random.Random(seed)
    points: dict[str, Point] = dict(base.points)
    templates = list(base.points.values())
    serial = 0
    while len(points) < size:
        serial += 1
        template = templates[serial % len(templates)]
        code = f"SY{serial}"
        pinyin = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        english = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4))).title()
        chinese = "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(2, 3)))
        points[code] = dataclasses.replace(
            template, code=code, pinyin=pinyin, english=english, chinese=chinese, aliases=()
        )
    regions = {
        rid: dataclasses.replace(region, points=tuple(c for c, p in points.items() if p.region == rid))
        for rid, region in base.regions.items()
    }
    return dataclasses.replace(base, points=MappingProxyType(points), regions=MappingProxyType(regions))
