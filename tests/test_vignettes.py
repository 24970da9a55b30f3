"""Short case vignettes written from textbook descriptions; each asserts the chief pattern.

Sources of the descriptions (the catalog cites the same texts for each sign):
- Cheng Xinnong, Chinese Acupuncture and Moxibustion (1987), "Lumbar pain": cold-damp, kidney
  deficiency (yang and yin types) and sprain/blood-stasis types, with tongue and pulse.
- seed_003 ('Acupuncture for Back Pain: Expectations, Benefits & More'): the four patterns as the
  seed words them (trauma, over 40, emotions and stress, cold climate and iced backs).
"""

from __future__ import annotations

import pytest

from app.domain.intake import differentiate
from app.domain.models import Catalog

VIGNETTES = [
    # 1. Cheng 1987, cold-damp: onset after working in the rain; heavy, cold low back, worse on rainy days;
    #    white sticky coating, deep slow pulse.
    (
        "cold_damp_rain",
        [
            "wc_damp_exposure",
            "wc_heavy_stiff",
            "wc_cold_area",
            "wc_worse_rainy",
            "tongue_white_sticky_coat",
            "pulse_deep_slow",
        ],
        "wind_cold",
    ),
    # 2. seed_003, wind-cold: skier from a cold climate; tight painful low back, low energy, urination.
    (
        "skier_cold_climate",
        ["wc_cold_climate", "wc_wind", "wc_tight_painful", "wc_low_energy", "wc_frequent_urination"],
        "wind_cold",
    ),
    # 3. seed_003, wind-cold: athlete who ices the back daily; tight, painful, limited bending.
    ("iced_back", ["wc_iced_back", "wc_tight_painful", "wc_limited_bending"], "wind_cold"),
    # 4. Cheng 1987, kidney deficiency (yang type): insidious, lingering soreness, weak loins and knees,
    #    worse with fatigue, better lying down; cold limbs, pale tongue, deep thready pulse.
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
    # 5. Cheng 1987, kidney deficiency (yin type): lingering ache, irritability, insomnia, dry throat,
    #    red tongue with scanty coating, thready rapid pulse.
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
    # 7. Cheng 1987, blood stasis after a sprain: fixed, stabbing pain, worse with pressure and turning,
    #    dark purplish tongue, hesitant pulse.
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
    # 10. Cheng 1987 (liver qi signs) with seed_003: emotional upset, distending pain, sighing, wiry pulse.
    (
        "emotional_upset",
        ["lq_emotional_upset", "lq_distending_pain", "lq_sighing", "pulse_wiry"],
        "liver_qi_stagnation",
    ),
    # 11. Mixed, seed_003 ("several causes at once"): over 40 with a fall (trauma, stabbing pain), plus age
    #     signs: blood stagnation is chief.
    (
        "fall_over_40",
        ["bs_trauma", "bs_stabbing_pain", "bs_fixed_rigid", "kd_over_40", "kd_joint_pain_stiffness"],
        "blood_stagnation",
    ),
    # 12. Mixed: cold-damp case in an older patient whose pain is also worse with fatigue.
    (
        "cold_damp_older",
        [
            "wc_damp_exposure",
            "wc_tight_painful",
            "wc_worse_rainy",
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
