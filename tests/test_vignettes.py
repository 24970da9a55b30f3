"""Short case vignettes written from textbook descriptions; each asserts the chief pattern.

Sources of the descriptions (the catalog cites the same texts for each sign):
- Guangming 针灸学 下篇 腰痛 and 中医内科学 腰痛: cold-damp, kidney deficiency (yang and yin types),
  strain and blood-stasis types, liver-depression low back pain, with tongue and pulse.
- seed_003 ('Acupuncture for Back Pain: Expectations, Benefits & More'): the four patterns as the
  seed words them (trauma, over 40, emotions and stress, cold climate and iced backs).
"""

from __future__ import annotations

import pytest

from app.domain.intake import differentiate
from app.domain.models import Catalog

VIGNETTES = [
    # 1. Guangming, cold-damp: onset after working in the rain; heavy, cold low back, worse in rainy
    #    weather, not eased by lying still; white greasy coating, deep soggy pulse (the textbook pattern).
    (
        "cold_damp_rain",
        [
            "cd_exposure",
            "cd_heavy",
            "wc_cold_area",
            "cd_rainy",
            "cd_not_eased_lying",
            "tongue_white_greasy",
            "pulse_deep_soggy",
        ],
        "cold_damp",
    ),
    # 2. seed_003, wind-cold: skier from a cold climate; tight painful low back, low energy, urination.
    (
        "skier_cold_climate",
        ["wc_cold_climate", "wc_wind", "wc_tight_painful", "wc_low_energy", "wc_frequent_urination"],
        "wind_cold",
    ),
    # 3. seed_003 with 中医内科学, wind-cold: ices the back daily; tight, painful, eased by warmth.
    ("iced_back", ["wc_iced_back", "wc_tight_painful", "wc_warmth_relief"], "wind_cold"),
    # 4. Guangming, kidney deficiency (yang type): slow onset, dull lingering soreness, weak legs and
    #    knees, worse with exertion, better lying down; cold hands and feet, pale tongue, deep thready pulse.
    (
        "kidney_yang",
        [
            "kd_insidious_onset",
            "kd_weak_loins_knees",
            "kd_worse_fatigue",
            "kd_better_rest",
            "kd_yang_cold",
            "tongue_pale",
            "pulse_deep_thready",
        ],
        "kidney_qi_deficiency",
    ),
    # 5. Guangming, kidney deficiency (yin type): lingering ache, vexation, flushed face, hot palms,
    #    red tongue with little coating, thready rapid pulse.
    (
        "kidney_yin",
        [
            "kd_insidious_onset",
            "kd_weak_loins_knees",
            "kd_yin_heat",
            "tongue_red_scanty_coat",
            "pulse_thready_rapid",
        ],
        "kidney_qi_deficiency",
    ),
    # 6. seed_003, kidney Qi deficiency: a 62-year-old with spine, low back and knees stiff and painful.
    (
        "older_stiff_joints",
        ["kd_over_40", "kd_joint_pain_stiffness", "kd_spine_back_knees"],
        "kidney_qi_deficiency",
    ),
    # 7. Guangming, blood stasis after a sprain: fixed pain that refuses pressure, awkward bending,
    #    dark purple tongue, choppy pulse.
    (
        "lifting_sprain",
        [
            "bs_sprain",
            "bs_fixed_rigid",
            "bs_worse_pressure",
            "bs_worse_turning",
            "tongue_dark_purple",
            "pulse_hesitant",
        ],
        "blood_stagnation",
    ),
    # 8. seed_003, blood stagnation: rear-ended in a car accident; local stabbing pain.
    ("car_accident", ["bs_trauma", "bs_stabbing_pain"], "blood_stagnation"),
    # 9. seed_003, liver Qi stagnation: road rage, stress at work, frustration, pain varies with mood.
    (
        "road_rage",
        ["lq_anger", "lq_stress", "lq_frustration", "lq_varies_with_emotion"],
        "liver_qi_stagnation",
    ),
    # 10. 中医内科学 (liver-depression low back pain) with seed_003: emotional upset, pain reaching the
    #     flanks, a feeling of qi running about, wiry thin pulse.
    (
        "emotional_upset",
        ["lq_emotional_upset", "lq_to_flanks", "lq_moving_pain", "pulse_wiry_thin"],
        "liver_qi_stagnation",
    ),
    # 11. Mixed, seed_003 ("several causes at once"): over 40 with a fall (trauma, stabbing pain), plus age
    #     signs: blood stagnation is chief.
    (
        "fall_over_40",
        ["bs_trauma", "bs_stabbing_pain", "bs_fixed_rigid", "kd_over_40", "kd_joint_pain_stiffness"],
        "blood_stagnation",
    ),
    # 12. Mixed: the seed's wind-cold case (cold climate, tight painful, cold low back eased by warmth)
    #     in an older patient whose pain is also worse with exertion.
    (
        "cold_damp_older",
        [
            "wc_cold_climate",
            "wc_tight_painful",
            "wc_warmth_relief",
            "wc_cold_area",
            "kd_over_40",
            "kd_worse_fatigue",
        ],
        "wind_cold",
    ),
]


@pytest.mark.parametrize(("name", "signs", "chief"), VIGNETTES, ids=[v[0] for v in VIGNETTES])
def test_vignette_chief_pattern(catalog: Catalog, name: str, signs: list[str], chief: str) -> None:
    result = differentiate(catalog, signs)
    assert result.chief == chief, f"{name}: {[(s.pattern_id, s.score) for s in result.ranked]}"
    assert result.score_of(chief).matched  # the reasons name the signs


def test_mixed_vignettes_name_a_secondary(catalog: Catalog) -> None:
    # 12 above: kidney deficiency supported by two key signs and >= half the chief's score.
    result = differentiate(catalog, ["wc_tight_painful", "wc_cold_area", "kd_over_40", "kd_worse_fatigue"])
    assert (result.chief, result.secondary) == ("wind_cold", "kidney_qi_deficiency")


def test_at_least_ten_vignettes() -> None:
    assert len(VIGNETTES) >= 10
