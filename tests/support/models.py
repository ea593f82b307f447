"""The model fixtures: journeys as mapgen reads them, saved as JSON in tests/fixtures/models/.

    grocery         FreshCart's online grocery: Renée (with a photo), Tom and Margit, four stages
    team-plan       Acme Café's team plan: Renée (with a photo), Tomás Ørsted and 李伟 (Li Wei),
                    emoji in the text and two reader warnings
    sensors         Acme Sensorik's industrial sensors, five stages: Dr. Li Wei (李伟) with long
                    texts and Sven Ødegaard with three steps
    sensors-small   the same five stages: Katrin and Jörg, one short step per stage
    two-journeys    two unrelated journeys (schema 3): Dana (Onboarding, Support) and Sam
                    (Search, Purchase, Delivery) share no stage
    overlap-blueprint  Ann (Awareness, Purchase, Onboarding) and Dana (Awareness, Purchase,
                    Support) share two stages; "Order fulfilment" is a service blueprint
                    (Purchase, Support, and Delivery without a step)

The golden decks (tests/golden/pptx-*) are made from these files: they must not change.
"""

from __future__ import annotations

import json
from pathlib import Path

from mapgen.model import Journeys
from tests.support import TESTS

MODELS = TESTS / "fixtures" / "models"


def model_path(name: str) -> Path:
    """Return the file of the named model fixture."""
    path = MODELS / f"{name}.json"
    if not path.is_file():
        raise FileNotFoundError(f"no model fixture {name!r}: {sorted(p.stem for p in MODELS.glob('*.json'))}")
    return path


def load_model(name: str) -> Journeys:
    """Return the named model fixture, read afresh."""
    return Journeys.from_json(json.loads(model_path(name).read_text("utf-8")))
