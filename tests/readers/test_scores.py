"""Emotion scores: every scale of the field, smileys and words, errors naming the cell, inference."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from mapgen.model import Journeys
from mapgen.model import Scale as ModelScale
from mapgen.readers.emotions.feelings import read_feelings
from mapgen.readers.emotions.lexicon import VALENCES
from mapgen.readers.emotions.scores import Scale, guess_scale, parse_hint
from mapgen.readers.emotions.words import valence
from tests.support.workbooks import Cell, add_canvas_persona, add_rows, messages, new_book, read


def scored(tmp_path: Path, header: str, values: Sequence[Cell], emotions: Sequence[str] = ()) -> Journeys:
    book = new_book()
    rows: list[tuple[Cell, ...]] = [("Stage", "Step", header, "Emotions")]
    for i, value in enumerate(values):
        rows.append(("Awareness", f"step {i}", value, emotions[i] if emotions else None))
    add_rows(book, "P", rows)
    return read(book, tmp_path)


def scores(journeys: Journeys) -> list[float | None]:
    return [step.score for step in journeys.personas[0].steps]


@pytest.mark.parametrize(
    ("header", "values", "expected"),
    [
        ("Score (-2 to +2)", [-2, -1, 0, 1, 2], [-1, -0.5, 0, 0.5, 1]),
        ("Score (-3..3)", [-3, 0, 3, 1.5], [-1, 0, 1, 0.5]),
        ("Emotion score (-5 to +5)", [-5, 0, 5, 2], [-1, 0, 1, 0.4]),
        ("Rating (1-5)", [1, 3, 5, 4], [-1, 0, 1, 0.5]),
        ("Rating (1 to 10)", [1, 10, 5.5], [-1, 1, 0]),
        ("Satisfaction (0-100)", [0, 50, 100, 75], [-1, 0, 1, 0.5]),
        ("Score (%)", ["0%", "50%", "100%", "25%"], [-1, 0, 1, -0.5]),
        ("Score (1 = awful, 5 = great)", [1, 5, 3], [-1, 1, 0]),
        ("Score (out of 10)", [1, 10], [-1, 1]),
    ],
)
def test_each_scale_from_the_header_hint(
    tmp_path: Path, header: str, values: list[Cell], expected: list[float]
) -> None:
    journeys = scored(tmp_path, header, values)
    assert journeys.problems == ()
    assert scores(journeys) == pytest.approx(expected)
    steps = journeys.personas[0].steps
    assert [s.score_raw for s in steps] == [str(v) for v in values]
    assert {s.score_source for s in steps} == {"column"}


@pytest.mark.parametrize(
    ("values", "scale"),
    [
        ([-2, 0, 2], (-2, 2)),
        ([-3, 1, 3], (-3, 3)),
        ([-5, 2, 5], (-5, 5)),
        ([1, 3, 5], (1, 5)),
        ([1, 7, 10], (1, 10)),
        ([0, 40, 100], (0, 100)),
    ],
)
def test_each_scale_guessed_from_values_reaching_both_ends(
    tmp_path: Path, values: list[int], scale: tuple[int, int]
) -> None:
    journeys = scored(tmp_path, "Score", values)
    assert journeys.problems == (), "values reaching both ends leave no doubt"
    low, high = scale
    assert scores(journeys) == pytest.approx([2 * (v - low) / (high - low) - 1 for v in values])


def test_a_scale_guessed_from_values_not_reaching_its_ends_is_a_warning(tmp_path: Path) -> None:
    journeys = scored(tmp_path, "Score", [-1, 0, 2])
    assert scores(journeys) == pytest.approx([-0.5, 0, 1])
    assert messages(journeys) == [
        'P!C1: the scale of column "Score" is guessed as -2 to 2 from its values; write it in the header, '
        'e.g. "Score (-2 to 2)", to be sure'
    ]


def test_percent_formatted_numbers_are_percentages(tmp_path: Path) -> None:
    book = new_book()
    sheet = add_rows(book, "P", [("Stage", "Step", "Sentiment"), ("A", "x", 0.8), ("A", "y", 0.2)])
    for cell in ("C2", "C3"):
        sheet[cell].number_format = "0%"
    journeys = read(book, tmp_path)
    assert scores(journeys) == pytest.approx([0.6, -0.6])
    assert [s.score_raw for s in journeys.personas[0].steps] == ["80%", "20%"]


def test_smiley_emoji_are_scores(tmp_path: Path) -> None:
    journeys = scored(tmp_path, "Mood score", ["😀", "🙂", "😐", "🙁", "😡", "☹️", ":)"])
    assert journeys.problems == ()
    assert scores(journeys) == [1.0, 0.5, 0.0, -0.5, -1.0, -1.0, 0.5]


def test_words_are_scores_on_three_or_five_points(tmp_path: Path) -> None:
    three = scored(tmp_path, "Sentiment", ["Positive", "neutral", "NEGATIVE"])
    assert scores(three) == [1.0, 0.0, -1.0]
    five = scored(
        tmp_path, "Sentiment", ["very positive", "positive", "neutral", "negative", "very negative"]
    )
    assert scores(five) == [1.0, 0.5, 0.0, -0.5, -1.0]


def test_signs_decimal_commas_and_blank_markers(tmp_path: Path) -> None:
    journeys = scored(tmp_path, "Score (-5 to +5)", ["+5", "−5", "2,5", "n/a", None])
    assert journeys.problems == ()
    assert scores(journeys) == [1.0, -1.0, 0.5, None, None]
    assert journeys.personas[0].steps[3].score_source is None, "no score, no source"


def test_a_score_outside_the_scale_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    journeys = scored(tmp_path, "Emotion score (-5 to +5)", [3, 7])
    assert scores(journeys) == [0.6, None]
    assert [str(p) for p in journeys.problems] == [
        'journeys.xlsx:P!C3: error: score "7" is outside the scale -5 to 5 of column '
        '"Emotion score (-5 to +5)"; use a value from -5 to 5'
    ]


def test_an_unreadable_score_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    journeys = scored(tmp_path, "Emotion score (-5 to +5)", ["great-ish", 1])
    assert scores(journeys) == [None, 0.2]
    (problem,) = journeys.problems
    assert (problem.severity, problem.sheet, problem.cell) == ("error", "P", "C2")
    assert problem.message == (
        'score "great-ish" in column "Emotion score (-5 to +5)" is not a number, a smiley or '
        "positive/neutral/negative; use a number from -5 to 5"
    )


def test_a_canvas_score_lane_names_its_row_in_errors(tmp_path: Path) -> None:
    book = new_book()
    add_canvas_persona(book, "P", ["A", "B"], [("Actions", ["x", "y"]), ("Emotion score (1-5)", [3, 6])])
    journeys = read(book, tmp_path)
    (problem,) = journeys.problems
    assert problem.cell == "C3"
    assert 'outside the scale 1 to 5 of row "Emotion score (1-5)"' in problem.message


def test_columns_with_one_header_share_one_scale_across_personas(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "One", [("Stage", "Step", "Score"), ("A", "x", -5), ("A", "y", 5)])
    add_rows(book, "Two", [("Stage", "Step", "Score"), ("A", "x", 1), ("A", "y", 2)])
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    assert [s.score for s in journeys.personas[1].steps] == [0.2, 0.4], "-5..5, not -2..2 from Two alone"


def test_a_numeric_emotions_column_is_the_score(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Stage", "Step", "Experience"), ("A", "x", 1), ("A", "y", 5)])
    journeys = read(book, tmp_path)
    assert [(s.score, s.emotions, s.score_source) for s in journeys.personas[0].steps] == [
        (-1.0, (), "column"),
        (1.0, (), "column"),
    ]


# The persona's scale, kept in the model so every deliverable shows the client's numbers


@pytest.mark.parametrize(
    ("header", "values", "scale"),
    [
        ("Emotion score (-5 to +5)", [-4, 2], ModelScale(-5, 5)),
        ("Rating (1-5)", [1, 4], ModelScale(1, 5)),
        ("Score", [-1, 2], ModelScale(-2, 2)),
        ("Score (%)", ["10%", "90%"], ModelScale(0, 100, unit="%")),
        ("Satisfaction (0-100%)", [10, 90], ModelScale(0, 100, unit="%")),
        ("Satisfaction (0-100)", [10, 90], ModelScale(0, 100)),
        ("Mood score", ["😀", "🙁"], ModelScale(-1, 1, "words")),
        ("Sentiment", ["positive", "negative"], ModelScale(-1, 1, "words")),
    ],
)
def test_the_persona_keeps_its_score_column_scale(
    tmp_path: Path, header: str, values: list[Cell], scale: ModelScale
) -> None:
    assert scored(tmp_path, header, values).personas[0].scale == scale


def test_personas_keep_their_own_scales(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "One", [("Stage", "Step", "Score (-5 to +5)"), ("A", "x", -5)])
    add_rows(book, "Two", [("Stage", "Step", "Rating (1-5)"), ("A", "x", 4)])
    add_rows(book, "Three", [("Stage", "Step", "Emotions"), ("A", "x", "relieved")])
    add_rows(book, "Four", [("Stage", "Step"), ("A", "x")])
    scales = [p.scale for p in read(book, tmp_path).personas]
    assert scales == [ModelScale(-5, 5), ModelScale(1, 5), ModelScale(-1, 1, "inferred"), None]


# Without a score column: the lexicon


def test_without_a_score_column_the_score_is_inferred_from_the_words(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("Stage", "Step", "Emotions"),
            ("A", "x", "frustrated, anxious"),
            ("A", "y", "relieved and delighted"),
            ("A", "z", None),
        ],
    )
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    low, high, blank = journeys.personas[0].steps
    assert low.score is not None and high.score is not None
    assert low.score < 0 < high.score
    assert low.score == pytest.approx((VALENCES["frustrated"] + VALENCES["anxious"]) / 2)
    assert (low.score_source, low.score_raw) == ("inferred", None)
    assert (blank.score, blank.score_source) == (None, None), "no words: a gap, never a zero"


def test_unknown_emotion_words_are_warnings_and_do_not_count(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book, "P", [("Stage", "Step", "Emotions"), ("A", "x", "happy, flummoxed"), ("A", "y", "zorbish")]
    )
    journeys = read(book, tmp_path)
    first, second = journeys.personas[0].steps
    assert first.score == VALENCES["happy"]
    assert (second.score, second.score_source) == (None, None)
    assert [(p.severity, p.cell) for p in journeys.problems] == [("warning", "C2"), ("warning", "C3")]
    assert '"flummoxed" is not in mapgen\'s lexicon' in journeys.problems[0].message


def test_the_lexicon_holds_at_least_150_words_within_bounds() -> None:
    assert len(VALENCES) >= 150
    assert all(-1 <= value <= 1 for value in VALENCES.values())
    for word in [
        "curious",
        "hopeful",
        "interested",
        "overwhelmed",
        "confused",
        "unsure",
        "reassured",
        "confident",
        "annoyed",
        "impatient",
        "disappointed",
        "frustrated",
        "anxious",
        "worried",
        "relieved",
        "calm",
        "pleased",
        "delighted",
        "proud",
        "excited",
        "cautious",
        "doubtful",
        "satisfied",
        "angry",
        "shocked",
        "grateful",
        "happy",
        "impressed",
        "stressed",
        "optimistic",
        "guilty",
    ]:
        assert word in VALENCES, word


def test_the_lexicon_orders_words_as_people_would() -> None:
    order = ["furious", "frustrated", "worried", "unsure", "curious", "pleased", "delighted"]
    values = [VALENCES[word] for word in order]
    assert values == sorted(values)


def test_intensifiers_and_negations_shift_the_valence() -> None:
    assert valence("Very anxious") == pytest.approx(max(-1.0, VALENCES["anxious"] * 1.25))
    assert valence("slightly annoyed") == pytest.approx(VALENCES["annoyed"] * 0.6)
    happy = valence("not happy")
    assert happy is not None and happy < 0
    assert valence("feeling-relieved") == VALENCES["relieved"]
    assert read_feelings(["zorbish"]).end is None


@pytest.mark.parametrize(
    ("hint", "scale"),
    [
        ("-5 to +5", Scale(-5, 5)),
        ("1-5", Scale(1, 5)),
        ("1–10", Scale(1, 10)),
        ("0-100%", Scale(0, 100)),
        ("%", Scale(0, 100)),
        ("-2..2", Scale(-2, 2)),
        ("optional", None),
        (None, None),
    ],
)
def test_hints_name_scales(hint: str | None, scale: Scale | None) -> None:
    assert parse_hint(hint) == scale


def test_guesses_pick_the_narrowest_scale_of_the_field() -> None:
    assert guess_scale([]) is None
    guess = guess_scale([2, 4])
    assert guess is not None and (guess.scale, guess.certain) == (Scale(1, 5), False)
    guess = guess_scale([-7, 12])
    assert guess is not None and guess.scale == Scale(-10, 10), "too wide for any: the widest, then errors"
