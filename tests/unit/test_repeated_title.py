"""A widget placed right under a heading that says its title keeps the title for screen
readers only (embeds.hide_repeated_title), without escaping the HTML around it."""

from __future__ import annotations

from markupsafe import Markup

from guidekit.embeds import expand_embeds, hide_repeated_title

CARD = Markup('<div class="gk"><p><strong class="gk-title">Original diagram</strong></p></div>')


def test_same_words_hide_the_title_visually() -> None:
    html = hide_repeated_title(CARD, "Original Diagram")
    assert html == ('<div class="gk"><p><strong class="gk-title gk-sr">Original diagram'
                    "</strong></p></div>")


def test_a_title_that_ends_with_the_heading_is_said_twice_too() -> None:
    card = Markup('<p><strong class="gk-title">Shop — Key Design Points</strong></p>')
    assert "gk-sr" in hide_repeated_title(card, "Key Design Points")
    assert "gk-sr" not in hide_repeated_title(card, "Design Points of the shop")


def test_other_words_or_no_heading_leave_it_alone() -> None:
    assert hide_repeated_title(CARD, "Architecture") == str(CARD)
    assert hide_repeated_title(CARD, "") == str(CARD)


def test_the_fence_knows_the_heading_right_above_it() -> None:
    seen: list[str] = []

    def render(embed: object) -> str:
        seen.append(embed.heading)
        return ""

    expand_embeds("## Latency Targets\n\n```guidekit\ntable: t\n```\n\nText\n\n```guidekit\n"
                  "calculator: c\n```\n", render)
    assert seen == ["Latency Targets", ""]
