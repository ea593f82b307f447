"""One rule for writing a score: the client's number, one format per scale, inferred scores marked."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapgen.model import Persona, Scale, Step
from mapgen.scores import (
    INFERRED,
    RELATIVE,
    WORDS,
    axis_step,
    chart_format,
    scale_of,
    scale_text,
    score_text,
    shared_scale,
    to_scale,
)
from mapgen.themes import load_theme

FIVE = Scale(-5, 5)
ONE_TO_FIVE = Scale(1, 5)
PERCENT = Scale(0, 100, unit="%")


@given(
    st.sampled_from([FIVE, ONE_TO_FIVE, Scale(-2, 2), Scale(1, 10), PERCENT]),
    st.floats(min_value=0, max_value=1),
)
def test_to_scale_gives_back_the_clients_number(scale: Scale, share: float) -> None:
    value = scale.low + share * (scale.high - scale.low)
    # The model keeps six decimals of the normalised score: far below what is ever written.
    assert to_scale(scale.normalise(value), scale) == pytest.approx(value, abs=1e-3)


@pytest.mark.parametrize(
    ("scale", "values", "expected"),
    [
        (FIVE, [-1, -0.8, 0, 0.4, 1, 0.45], ["−5", "−4", "0", "+2", "+5", "+2.3"]),
        (ONE_TO_FIVE, [-1, 0, 0.5, 0.25, 1], ["1", "3", "4", "3.5", "5"]),
        (PERCENT, [-1, 0.5, 0.01], ["0%", "75%", "51%"]),
        (INFERRED, [-0.571, 0, 0.6, 1], ["−0.57", "0", "+0.6", "+1"]),
    ],
)
def test_one_format_per_scale_signed_around_zero_never_a_trailing_zero(
    scale: Scale, values: list[float], expected: list[str]
) -> None:
    texts = [score_text(v, scale) for v in values]
    assert texts == expected
    assert not any(t.endswith(".0") or t in ("+0", "−0") for t in texts)


def test_a_step_or_nothing() -> None:
    assert score_text(Step("A", score=0.4), FIVE) == "+2"
    assert score_text(Step("A"), FIVE, none="no score") == "no score"
    assert score_text(None, FIVE) == ""


def test_inferred_scores_say_so_when_given_the_theme_words() -> None:
    labels = load_theme("default").labels
    assert score_text(0.4, INFERRED, labels=labels) == "+0.4, inferred"
    assert score_text(0.4, FIVE, labels=labels) == "+2", "measured scores carry no mark"
    german = load_theme("default-de").labels
    assert score_text(-0.25, INFERRED, labels=german) == "−0,25, abgeleitet", "German writes a decimal comma"


def test_the_decimal_mark_is_the_themes_in_every_score_and_scale() -> None:
    german = load_theme("default-de").labels
    half = Scale(-2.5, 2.5)
    assert score_text(0.2, half, mark=german.decimal_mark) == "+0,5"
    assert scale_text(half, german) == "−2,5 bis +2,5"
    assert score_text(0.2, half) == "+0.5" and scale_text(half) == "−2.5 to +2.5"


def test_scale_text_in_the_themes_words() -> None:
    assert scale_text(FIVE) == "−5 to +5"
    assert scale_text(ONE_TO_FIVE) == "1 to 5"
    assert scale_text(PERCENT) == "0% to 100%"
    assert scale_text(INFERRED) == "−1 to +1, inferred from emotion words"
    assert scale_text(WORDS) == "−1 (negative) to +1 (positive)"
    german = load_theme("default-de").labels
    assert scale_text(FIVE, german) == "−5 bis +5"
    assert scale_text(INFERRED, german) == "−1 bis +1, aus Emotionswörtern abgeleitet"


def test_a_persona_without_a_kept_scale_version_1_gets_one() -> None:
    inferred = Persona("A", "A", steps=(Step("S", score=0.2, score_source="inferred"),))
    measured = Persona("B", "B", steps=(Step("S", score=0.2, score_source="column"),))
    assert (scale_of(inferred), scale_of(measured)) == (INFERRED, RELATIVE)
    assert scale_of(Persona("C", "C", scale=FIVE)) == FIVE


def test_personas_are_compared_on_the_scale_most_of_them_use() -> None:
    step = (Step("S", score=0.0),)
    five, one, inferred = (
        Persona(name, name, steps=step, scale=scale)
        for name, scale in (("a", FIVE), ("b", ONE_TO_FIVE), ("c", INFERRED))
    )
    assert shared_scale([one, five, five, inferred]) == FIVE
    assert shared_scale([one, five]) == ONE_TO_FIVE, "a tie: the first persona's"
    assert shared_scale([inferred, inferred]) == INFERRED
    assert shared_scale([Persona("d", "d", scale=FIVE)]) == RELATIVE, "no scores at all"


@pytest.mark.parametrize(
    ("scale", "step", "fmt"),
    [
        (FIVE, 1.0, '+0;"−"0;0'),
        (ONE_TO_FIVE, 1.0, "0"),
        (Scale(-10, 10), 2.0, '+0;"−"0;0'),
        (PERCENT, 10.0, '0"%"'),
        (INFERRED, 0.5, '+General;"−"General;0'),
    ],
)
def test_chart_axes_step_in_whole_numbers_and_write_them_as_score_text_does(
    scale: Scale, step: float, fmt: str
) -> None:
    assert (axis_step(scale), chart_format(scale)) == (step, fmt)
