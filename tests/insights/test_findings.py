"""Key findings: sentences with numbers on the client's scale, ranked, at most five, in the theme's words."""

from __future__ import annotations

import re
import time
from dataclasses import replace

from mapgen.insights.findings import key_findings
from mapgen.insights.words import fill, series
from mapgen.model import Persona
from mapgen.themes import load_theme
from tests.support.journeys import journeys, persona, scored, step

EN = load_theme("default")
DE = load_theme("default-de")


def _three() -> list[Persona]:
    return [
        persona("Ann", [step("Awareness", 0.4, "Sees an ad"), step("Purchase", -0.8, "Pays")]),
        persona("Ben", [step("Awareness", 0.2, "Reads reviews"), step("Purchase", -0.6, "Pays")]),
        persona("Cleo", [step("Awareness", -0.4, "Searches"), step("Purchase", 0.6, "Pays")]),
    ]


def test_a_stage_that_is_the_low_point_of_several_personas_comes_first_on_their_scale() -> None:
    found = key_findings(journeys(*_three()), EN)
    assert [f.text for f in found] == [
        "Purchase is the low point for 2 of 3 personas: −4 on a scale of −5 to +5",
        "The steepest drop: Ann falls from +2 to −4 between “Sees an ad” and “Pays”",
        "The low point of Cleo is “Searches” in Awareness: −2 on a scale of −5 to +5",
    ]
    first = found[0]
    assert (first.kind, first.personas, first.stages, first.count, first.total) == (
        "stage_low",
        ("Ann", "Ben"),
        ("Purchase",),
        2,
        3,
    )


def test_german_findings_are_german_through_and_through() -> None:
    found = key_findings(journeys(*_three()), DE)
    assert [f.text for f in found] == [
        "Purchase ist der Tiefpunkt für 2 von 3 Personas: −4 auf einer Skala von −5 bis +5",
        "Der steilste Abfall: Ann fällt von +2 auf −4, zwischen „Sees an ad“ und „Pays“",
        "Der Tiefpunkt von Cleo ist „Searches“ in der Phase Awareness: −2 auf einer Skala von −5 bis +5",
    ]
    data = {"Purchase", "Awareness", "Ann", "Cleo", "Sees", "an", "ad", "Pays", "Searches"}
    words = {w for f in found for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", f.text)} - data
    assert not words & {"the", "of", "is", "low", "point", "on", "scale", "and", "to", "falls"}


def test_one_persona_gets_its_own_low_point_and_a_flat_journey_none() -> None:
    found = key_findings(journeys(scored("Ann", [0.2, -0.4, 0.0])), EN)[0]
    assert found.text == "The low point of Ann is “a2” in Awareness: −2 on a scale of −5 to +5"
    assert key_findings(journeys(scored("Ann", [-0.1, -0.1, -0.1])), EN) == []


def test_a_shared_pain_point_is_a_finding_naming_its_personas() -> None:
    pain = ("Hidden delivery costs",)
    model = journeys(
        persona("Ann", [step("Purchase", -0.6, "Pays", pain_points=pain), step("Use", 0.4, "Uses")]),
        persona("Ben", [step("Purchase", 0.0, "Pays", pain_points=("hidden delivery cost.",))]),
    )
    texts = [f.text for f in key_findings(model, EN)]
    assert "2 of 2 personas name “Hidden delivery costs”: Ann and Ben" in texts


def test_inferred_scores_are_said_last_and_marked_where_quoted() -> None:
    ann = scored("Ann", [0.4, -0.6, 0.2], scale=None)
    ann = replace(ann, steps=tuple(replace(s, score_source="inferred") for s in ann.steps))
    found = key_findings(journeys(ann, scored("Ben", [0.1, 0.3])), EN)
    assert found[-1].text == (
        "The scores of Ann are inferred from emotion words: a direction, not a measurement"
    )
    assert "inferred from emotion words" in found[0].text  # the scale says so where it is quoted


def test_sixty_personas_give_at_most_five_findings_heaviest_first() -> None:
    people = []
    for n in range(60):
        scores = [0.5, 0.2, 0.3, 0.1, 0.3, 0.2, 0.4, 0.0, 0.6, 0.2]
        scores[2 + 2 * (n % 3)] = -0.3 - (n % 7) / 10  # the low in Consideration, Purchase or Delivery
        ann = scored(f"P{n:02}", scores)
        slow = replace(ann.steps[1], pain_points=("Slow checkout",))  # one pain all share, unanswered
        people.append(replace(ann, steps=(ann.steps[0], slow, *ann.steps[2:])))
    start = time.perf_counter()
    found = key_findings(journeys(*people), EN)
    elapsed = time.perf_counter() - start
    assert len(found) == 5
    assert [f.weight for f in found] == sorted((f.weight for f in found), reverse=True)
    assert [f.kind for f in found] == ["stage_low"] * 3 + ["shared_pain", "drop"]
    assert (
        found[0].text == "Consideration is the low point for 20 of 60 personas: −4.5 on a scale of −5 to +5"
    )
    assert found[3].text == "60 of 60 personas name “Slow checkout”: P00, P01, P02 +57 more"
    print(f"60 personas x 10 steps: {elapsed * 1000:.1f} ms")  # measured once; no timed assertion


def test_theme_sentences_fill_by_name_and_lists_join_in_the_themes_words() -> None:
    assert fill("{a} of {b}", a=1, b=2) == "1 of 2"
    assert fill("{a} {unknown}", a=1) == "1 {unknown}"  # a theme's stray placeholder stays visible
    assert fill("broken {", a=1) == "broken {"
    assert series(["A", "B", "C"], "und", "weitere") == "A, B und C"
    assert series([f"P{n}" for n in range(6)], "and", "more") == "P0, P1, P2 +3 more"
