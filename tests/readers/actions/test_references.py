"""Pain points and opportunities paired only as the cells say: alike numbers, or "(re: ...)"."""

from __future__ import annotations

import time
from pathlib import Path

from mapgen.readers import read_journeys
from mapgen.readers.actions.references import strip_reference
from tests.support.workbooks import add_rows, messages, new_book, read

HEADER = ("Stage", "Step", "Emotion score (-5 to 5)", "Pain points", "Opportunities")


def steps_of(tmp_path: Path, *rows: tuple[object, ...]) -> tuple[list[str], list[object]]:
    book = new_book()
    add_rows(book, "Ana", [HEADER, *rows])
    journeys = read(book, tmp_path)
    return messages(journeys), list(journeys.personas[0].steps)


def test_items_numbered_alike_pair_whatever_their_order(tmp_path: Path) -> None:
    found, (step,) = steps_of(
        tmp_path,
        (
            "Awareness",
            "Sees an ad",
            -2,
            "1. The ad shows the tent but not the price\n2. The link opens the home page",
            "2. Deep-link ads to the product page\n1. Show the price in the ad\n- Retarget visitors",
        ),
    )
    assert found == []
    assert step.opportunities == (
        "Deep-link ads to the product page",
        "Show the price in the ad",
        "Retarget visitors",
    )
    # Pain point 1 (index 0) is answered by the second opportunity, never by the first by position;
    # an item with a bullet instead of a number answers none.
    assert step.pairs == ((1, 0), (0, 1))


def test_a_number_no_pain_point_has_is_a_warning_at_the_opportunities_cell(tmp_path: Path) -> None:
    found, (step,) = steps_of(
        tmp_path, ("Buy", "Pays", -1, "1. Card refused", "1. Offer PayPal\n2. Add Klarna")
    )
    assert step.pairs == ((0, 0),)
    (message,) = found
    assert message.startswith('Ana!E2: opportunity 2 ("Add Klarna") shares its number with no pain point')


def test_numbers_only_on_the_opportunities_are_a_plain_list(tmp_path: Path) -> None:
    found, (step,) = steps_of(
        tmp_path, ("Buy", "Pays", -1, "Card refused\nSlow page", "1. Offer PayPal\n2. Cache")
    )
    assert (found, step.pairs) == ([], ())


def test_re_names_a_pain_point_by_its_first_words_or_its_number(tmp_path: Path) -> None:
    found, (step,) = steps_of(
        tmp_path,
        (
            "Buy",
            "Pays",
            -3,
            "Card refused\nSurprise delivery fee\nSlow page",
            "Show the fee on the product page (re: surprise delivery)\nOffer PayPal (Re: 1)\nHire more staff",
        ),
    )
    assert found == []
    assert step.opportunities == ("Show the fee on the product page", "Offer PayPal", "Hire more staff")
    assert step.pairs == ((1, 0), (0, 1))


def test_a_reference_to_nothing_is_a_warning_and_the_text_stays_clean(tmp_path: Path) -> None:
    found, (step,) = steps_of(
        tmp_path, ("Buy", "Pays", -3, "Card refused", "Offer PayPal (re: queue at the till)")
    )
    assert step.opportunities == ("Offer PayPal",)
    assert step.pairs == ()
    (message,) = found
    assert message.startswith(
        'Ana!E2: opportunity "Offer PayPal" refers to "queue at the till", which names no pain'
    )


def test_a_step_without_references_pairs_nothing_even_one_of_each(tmp_path: Path) -> None:
    # A remark in brackets is no reference: only "re:" (or "pain point 2") is.
    found, (step,) = steps_of(
        tmp_path, ("Buy", "Pays", -3, "Card refused", "A payment guide (for beginners)")
    )
    assert (found, step.pairs, step.opportunities) == ([], (), ("A payment guide (for beginners)",))


def test_markdown_cells_pair_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "journeys.md"
    path.write_text(
        "## Ana\n\n| Stage | Step | Pain points | Opportunities |\n| --- | --- | --- | --- |\n"
        "| Buy | Pays | Card refused; Slow page | Cache the page (re: slow) |\n\n"
        "## Opportunities\n\n| Opportunity | Owner | Priority |\n| --- | --- | --- |\n"
        "| Cache the page | Web | P2 |\n",
        encoding="utf-8",
    )
    journeys = read_journeys(path)
    (step,) = journeys.personas[0].steps
    assert (step.pain_points, step.pairs) == (("Card refused", "Slow page"), ((1, 0),))
    (row,) = journeys.opportunities
    assert (row.text, row.owner, row.priority, len(row.matches)) == ("Cache the page", "Web", "medium", 1)


def test_a_long_cell_is_read_in_linear_time() -> None:
    # Searched from every position, a run of spaces made the old pattern quadratic (12 s here).
    started = time.perf_counter()
    for text in ("a" + " " * 100_000 + "b", "x (re:" + " " * 100_000 + "y)", "(re:" * 25_000):
        strip_reference(text)
    assert time.perf_counter() - started < 2
