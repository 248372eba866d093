"""A new topic's colour: distinct while the palette lasts."""

from __future__ import annotations

from planner.domain.topics import PALETTE, next_colour


def test_first_colours_are_distinct_and_skip_taken_ones():
    used: list[str] = []
    for _ in range(len(PALETTE)):
        used.append(next_colour(used))
    assert sorted(used) == sorted(PALETTE)
    assert next_colour(["#E69F00"]) == PALETTE[1]  # case does not matter


def test_after_the_palette_it_goes_round_again():
    assert next_colour(list(PALETTE)) == PALETTE[0]
    assert next_colour([*PALETTE, PALETTE[0]]) == PALETTE[1]
