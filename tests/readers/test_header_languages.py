"""Maps kept in French, German or Spanish are read in their own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.workbooks import add_rows, new_book, read

CASES = {
    "de": (
        [("Name", "Jonas Weber"), ("Beruf", "Filialleiter"), ("Alter", "44"), ()],
        (
            "Phase",
            "Schritt",
            "Berührungspunkte",
            "Bewertung (1-5)",
            "Schmerzpunkte",
            "Chancen",
            "Verantwortlich",
        ),
    ),
    "fr": (
        [("Nom", "Léa Martin"), ("Métier", "Pharmacienne"), ("Âge", "35"), ()],
        (
            "Étape",
            "Action",
            "Point de contact",
            "Note émotionnelle (1-5)",
            "Points de douleur",
            "Opportunités",
            "Responsable",
        ),
    ),
    "es": (
        [("Nombre", "Lucía Gómez"), ("Puesto", "Enfermera"), ("Edad", "29"), ()],
        (
            "Etapa",
            "Acción",
            "Punto de contacto",
            "Puntuación (1-5)",
            "Puntos de dolor",
            "Oportunidades",
            "Equipo",
        ),
    ),
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_a_map_in_its_own_language_reads_every_field(tmp_path: Path, language: str) -> None:
    profile, header = CASES[language]
    book = new_book()
    add_rows(
        book, "Persona", [*profile, header, ("Kauf", "Bestellt", "Web", 2, "Zu langsam", "Schneller", "IT")]
    )
    journeys = read(book, tmp_path)
    assert not journeys.problems, [str(p) for p in journeys.problems]
    (persona,) = journeys.personas
    assert persona.name == profile[0][1]
    assert persona.get("role") == profile[1][1] and persona.get("age") == profile[2][1]
    (step,) = persona.steps
    assert (step.stage, step.action, step.touchpoint, step.owner) == ("Kauf", "Bestellt", "Web", "IT")
    assert (step.pain_points, step.opportunities, step.score) == (("Zu langsam",), ("Schneller",), -0.5)


def test_an_english_note_column_stays_a_lane_of_its_own_not_a_score(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", [("Stage", "Step", "Note"), ("Buy", "Pays", "Ask the team")])
    journeys = read(book, tmp_path)
    assert not journeys.errors
    (step,) = journeys.personas[0].steps
    assert step.score is None and dict(step.extra) == {"Note": "Ask the team"}
