"""A cell's feelings: progressions read as a swing, partly understood cells warned about once."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.readers.cells import split_emotions
from mapgen.readers.emotions.feelings import moments, read_feelings
from mapgen.readers.emotions.lexicon import VALENCES
from mapgen.readers.emotions.words import valence
from tests.support.workbooks import add_rows, messages, new_book, read


def feelings_of(text: str) -> tuple[float | None, float | None]:
    feeling = read_feelings(split_emotions(text))
    return feeling.start, feeling.end


@pytest.mark.parametrize(
    "text",
    [
        "Anxious → Relieved",
        "anxious -> relieved",
        "anxious->relieved",
        "anxious => relieved",
        "anxious ⇒ relieved",
        "anxious > relieved",
        "anxious then relieved",
        "anxious, then relieved",
        "anxious and then relieved",
        "anxious to relieved",
        "from anxious to relieved",
        "Anxious\n→ relieved",
    ],
)
def test_a_progression_swings_from_its_first_feeling_to_its_last(text: str) -> None:
    assert feelings_of(text) == (VALENCES["anxious"], VALENCES["relieved"])


def test_a_three_step_progression_starts_at_the_first_and_ends_at_the_last() -> None:
    words = split_emotions("Skeptical → Reassured → Hopeful")
    assert words == ("Skeptical → Reassured → Hopeful",), "the step keeps the words as written"
    feeling = read_feelings(words)
    assert (feeling.start, feeling.end) == (VALENCES["skeptical"], VALENCES["hopeful"])
    assert feeling.known == ("Skeptical", "Reassured", "Hopeful") and feeling.unknown == ()


def test_each_moment_of_a_progression_may_hold_several_feelings() -> None:
    assert moments(split_emotions("curious, hopeful → frustrated, annoyed")) == [
        ["curious", "hopeful"],
        ["frustrated", "annoyed"],
    ]
    start, end = feelings_of("curious, hopeful → frustrated, annoyed")
    assert start == pytest.approx((VALENCES["curious"] + VALENCES["hopeful"]) / 2)
    assert end == pytest.approx((VALENCES["frustrated"] + VALENCES["annoyed"]) / 2)


@pytest.mark.parametrize("text", ["eager to start", "happy to help", "keen to try it", "ready to buy"])
def test_to_joins_two_feelings_only_when_both_are_feelings(text: str) -> None:
    start, end = feelings_of(text)
    assert start is None and end is not None and end > 0


def test_marks_and_modifiers_survive_inside_a_progression() -> None:
    assert feelings_of("Anxious++ → slightly relieved") == (
        valence("Anxious++"),
        pytest.approx(VALENCES["relieved"] * 0.6),
    )
    assert split_emotions("Anxious+, happy + relieved") == ("Anxious+", "happy", "relieved")


def test_a_cell_without_a_progression_has_no_start() -> None:
    both = (VALENCES["frustrated"] + VALENCES["anxious"]) / 2
    assert feelings_of("frustrated, anxious") == (None, pytest.approx(both))
    assert feelings_of("happy → happy") == (None, VALENCES["happy"]), "no swing to draw"


def test_an_unknown_moment_leaves_the_known_one_alone() -> None:
    feeling = read_feelings(split_emotions("blorft → relieved"))
    assert (feeling.start, feeling.end, feeling.unknown) == (None, VALENCES["relieved"], ("blorft",))


def test_the_warning_names_every_unknown_word_and_what_the_score_rests_on() -> None:
    message = read_feelings(split_emotions("anxious, blorft, zorbish")).problem()
    assert message is not None
    assert message.startswith('the inferred score of this step rests on "anxious" alone: "blorft" and')
    assert '"zorbish" are not in mapgen\'s lexicon' in message
    assert read_feelings(["happy"]).problem() is None
    many = read_feelings([f"blorft{i}" for i in range(9)]).problem() or ""
    assert many.startswith('emotion words "blorft0", ') and "and 4 more are not in" in many
    twice = read_feelings(["blorft", "calm", "blorft"]).problem() or ""
    assert twice.count("blorft") == 1 and '"blorft" is not in' in twice
    long = read_feelings(["q" * 300]).problem() or ""
    assert len(long) < 250, "a pasted paragraph is quoted short"


# Read from a workbook


def test_a_progression_in_a_workbook_is_a_swing_within_its_step(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("Stage", "Step", "Emotions"),
            ("A", "x", "Skeptical → Reassured → Hopeful"),
            ("A", "y", "Anxious+"),
        ],
    )
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    swing, plain = journeys.personas[0].steps
    assert swing.emotions == ("Skeptical → Reassured → Hopeful",)
    assert (swing.score_start, swing.score, swing.score_source) == (
        VALENCES["skeptical"],
        VALENCES["hopeful"],
        "inferred",
    )
    assert plain.score_start is None and plain.score == valence("Anxious+") < VALENCES["anxious"]


def test_a_score_column_wins_and_there_is_no_swing(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [("Stage", "Step", "Emotions", "Score (-5 to 5)"), ("A", "x", "Skeptical → Hopeful", -2)],
    )
    (step,) = read(book, tmp_path).personas[0].steps
    assert (step.score_start, step.score, step.score_source) == (None, -0.4, "column")


def test_a_partly_understood_cell_gets_one_warning_at_its_cell(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("Stage", "Step", "Emotions"),
            ("A", "x", "anxious, blorft, zorbish"),
            ("A", "y", "blorft and zorbish"),
        ],
    )
    journeys = read(book, tmp_path)
    first, second = journeys.personas[0].steps
    assert first.score == VALENCES["anxious"] and second.score is None
    assert messages(journeys) == [
        'P!C2: the inferred score of this step rests on "anxious" alone: "blorft" and "zorbish" are not '
        "in mapgen's lexicon, so they do not count; use a common word (e.g. frustrated, relieved) or add "
        "a score column",
        'P!C3: emotion words "blorft" and "zorbish" are not in mapgen\'s lexicon, so the step has no '
        "inferred score; use a common word (e.g. frustrated, relieved) or add a score column",
    ]
