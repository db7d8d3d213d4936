"""Fitted weights of the matcher: written by bench/fit_matcher.py, not by hand.

Pair score: logistic regression on MSRP train; rank score: logistic regression on
CheckThat! 2022 2A train. Reproduce:
`.venv/bin/python bench/fit_matcher.py --write`.
"""

PAIR_BIAS = 1.1792792174490616
PAIR_WEIGHTS = (
    5.565166947148449,  # vector_cosine
    37.56138966101781,  # word_dice
    17.36743501609169,  # token_set_ratio
    -29.601357824572425,  # token_sort_ratio
    -8.974127156955333,  # edit_ratio
    1.8004549527163416,  # length_ratio
    0.5107556550351889,  # numbers_agree
    1.2035485558123546,  # polarity_agree
    4.10341955012787,  # residual_cosine
    0.1878571248949119,  # residual_fewer
    0.15060502157128505,  # residual_more
    -37.68469135613273,  # contained_least
    5.181346819534633,  # contained_most
    -4.447911993314036,  # bigram_dice
    0.6338445077451464,  # trigram_dice
    -0.10642470683587132,  # numbers_differ
    -1.8004549527593052,  # length_gap
    2.071833239616859,  # vector_cosine_squared
    9.308818516047825,  # word_dice_squared
    -12.645582245478371,  # token_set_ratio_squared
    22.58852689423867,  # token_sort_ratio_squared
    10.669034669994419,  # edit_ratio_squared
    2.5130475228020464,  # residual_fewer_log
    -5.728221601703717,  # residual_more_log
    -11.750901308441376,  # vector_cosine_by_word_dice
    -3.392404104230695,  # vector_cosine_by_residual_cosine
)
RANK_BIAS = -16.248036133085403
RANK_WEIGHTS = (
    2.8337448944232846,  # reciprocal_rank
    9.504956161324204,  # retrieval_relative
    0.010920751474339876,  # pair_logit
    6.970452006641452,  # vector_cosine
    2.4228124360728125,  # word_dice
    4.056464801972263,  # token_set_ratio
)
SUGGEST_AT = 0.455
"""Pairs scored from here are suggested (best accuracy on MSRP train)."""
SAME_AT = 0.85
"""Pairs scored from here, numbers, polarity and words agreeing, are merged
(precision 0.99 on MSRP train)."""
