# ruff: noqa: E501  (the maps are data: a row of a table or a line of a file stays on one line)
"""Write the real-shape maps of tests/real/: journeys as other people keep them, not as mapgen would.

    python tests/real/make_maps.py

Each file copies the SHAPE of a kind of published journey map (a flat CSV export, a Markdown
article with pipe tables, a Mermaid journey, a JSON export pasted into Excel, a canvas pasted
from a web article, a workbook of personas, journeys and a service blueprint with their own
stages, a French export, a bare list of steps), in words written for these tests. The companies
and people are fictional. test_real_maps.py says what each must read as.
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent


def _rows(sheet: Worksheet, rows: list[list[object]], first_row: int = 1) -> None:
    for r, row in enumerate(rows, start=first_row):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, c, value)


def _save(book: Workbook, name: str) -> None:
    book.properties.creator = "tests/real"
    book.save(HERE / name)


def bike_share_csv() -> None:
    """A flat CSV export of one persona's map, 1..5 scores, commas in the list cells."""
    text = (
        "Stage,Step,Touchpoint,Customer goal,Emotion (1-5),Pain point,Opportunity,Owner\n"
        "Discover,Sees a docking station on the walk to work,Street dock,Find a cheaper commute,3,,"
        "Put the day price on the dock,Marketing\n"
        "Sign up,Downloads the app and adds a card,App store; app,Ride today,2,"
        '"Card form rejects a space in the number",Accept pasted card numbers,Product\n'
        "Sign up,Unlocks the first bike with a QR code,App; bike,Get going,4,,,Product\n"
        "Ride,Rides to the office,Bike,Arrive on time,5,,,Operations\n"
        "Return,Finds the dock by the office full,Street dock; app map,End the ride,1,"
        '"No free slot, timer keeps running",Show free slots live and stop the clock at a full dock,'
        "Operations\n"
        "Return,Rings support to end the ride,Phone line,Stop paying,2,Twelve minutes on hold,"
        "Call-back instead of hold,Support\n"
    )
    (HERE / "bike-share-commuter.csv").write_text(text, encoding="utf-8")


def telehealth_markdown() -> None:
    """An article's two personas, each a heading, profile lines and a pipe table of its own stages."""
    text = """# Video appointments: two journeys

Research round 2, twelve interviews.

## Persona: Walter Brandt

- **Age:** 71
- **Role:** Retired bus driver
- **Location:** Bremen
Scenario: booking a first video consultation after a fall
Key Actors: Walter, his daughter, the practice nurse

| Stage | Actions | Touchpoints | Thoughts | Emotions | Pain points | Opportunities |
|---|---|---|---|---|---|---|
| Booking | Calls the practice at 8:00 | Phone | "Will they even pick up?" | Anxious+ | Line busy for 20 minutes | Online booking with a call-back option |
| Booking | Gets an SMS with a link | SMS | "What do I click?" | confused → relieved | Link expires after an hour | Links valid until the appointment |
| Preparing | Daughter tests the camera | Tablet | "I hope it works on the day" | hopeful | | A test call the day before |
| Consultation | Talks to the doctor | Video call | "She can see the bruise" | relief, trust | Sound drops twice | Automatic fallback to a phone call |
| Follow-up | Collects the prescription | Pharmacy | "That was easier than the bus" | satisfied | | |

## Persona: Anja Koch

- **Role:** Practice receptionist
- **Age:** 38

| Stage | Actions | Touchpoints | Emotions | Pain points | Opportunities |
|---|---|---|---|---|---|
| Morning rush | Answers the phones | Phone | overwhelmed | Forty calls in the first hour | A queue message with the booking link |
| Scheduling | Books video slots | Practice software | focused | Video slots live in a second calendar | One calendar for all slots |
| Scheduling | Sends links | SMS gateway | slightly impatient | Copies each link by hand | Links sent by the booking itself |
"""
    (HERE / "telehealth.md").write_text(text, encoding="utf-8")


def onboarding_mermaid() -> None:
    """A Mermaid journey: sections as stages, tasks with 1..5 scores and actors."""
    text = """journey
    title New hire's first month
    section Before day one
      Signs the offer online: 4: New hire
      Waits for the laptop to arrive: 2: New hire, IT
    section First day
      Badge does not open the door: 1: New hire, Facilities
      Meets the buddy over lunch: 5: New hire, Buddy
    section First month
      Finishes the compliance courses: 3: New hire
      Ships a first change: 5: New hire, Team lead
"""
    (HERE / "onboarding.mmd").write_text(text, encoding="utf-8")


def pharmacy_model_json() -> None:
    """Another tool's export in mapgen's own JSON contract (schema 3): the model itself."""

    def step(
        stage: str, action: str, score: float, pain: list[str], owner: str, cell: str
    ) -> dict[str, object]:
        return {
            "stage": stage,
            "action": action,
            "touchpoint": None,
            "goal": None,
            "thoughts": None,
            "emotions": [],
            "score": score,
            "score_start": None,
            "score_raw": None,
            "score_source": "column",
            "pain_points": pain,
            "opportunities": [],
            "kpis": [],
            "owner": owner,
            "evidence": None,
            "extra": {},
            "cell": cell,
        }

    model = {
        "schema_version": 3,
        "source": "pharmacy-refills.json",
        "project": {"title": "Repeat prescriptions", "client": "Northside Pharmacies"},
        "stages": [{"name": "Request", "description": None}, {"name": "Pick-up", "description": None}],
        "personas": [
            {
                "name": "Gail",
                "sheet": "Gail",
                "profile": {"role": "Carer for her mother", "goals": ["Never run out of tablets"]},
                "has_photo": False,
                "kind": "persona",
                "scale": {"low": -2.0, "high": 2.0, "kind": "numbers", "unit": ""},
                "stages": ["Request", "Pick-up"],
                "steps": [
                    step("Request", "Orders the refill in the app", 0.5, [], "Digital", "steps[0]"),
                    step(
                        "Pick-up",
                        "Finds half the order missing",
                        -1.0,
                        ["No message before she came"],
                        "Stores",
                        "steps[1]",
                    ),
                ],
            }
        ],
        "skipped_sheets": [],
        "metrics": [],
        "problems": [],
    }
    (HERE / "pharmacy-refills.json").write_text(json.dumps(model, indent=2), encoding="utf-8")


def museum_canvas() -> None:
    """A web article's canvas pasted into Excel: a title in A1, the Stage row at A2, its own lane words."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Family day out"
    _rows(
        sheet,
        [
            ["A family day at the science museum"],
            ["Stage", "Plan", "Arrive", "Explore", "Lunch", "Leave"],
            [
                "Customer Touchpoint",
                "Website, Instagram",
                "Car park, ticket desk",
                "Galleries",
                "Café",
                "Gift shop",
            ],
            [
                "Thought/Quote",
                "Is it worth it with a four-year-old?",
                "Why is the queue so long if we booked?",
                "The kids won't leave the water table",
                "Twelve euros for a sandwich?",
                "One more souvenir, fine",
            ],
            ["Emotions", "curiosity", "impatience, doubt", "delight++", "irritation", "tired → content"],
            [
                "Pain points",
                "",
                "Booked and walk-up visitors share one queue",
                "",
                "No space for buggies",
                "",
            ],
            [
                "Solution",
                "Age filter on the what's-on page",
                "A fast lane for pre-booked tickets",
                "",
                "Buggy park beside the café",
                "",
            ],
            ["Owning team", "Digital", "Visitor services", "Exhibitions", "Catering", "Retail"],
        ],
    )
    _save(book, "museum-canvas.xlsx")


def insurance_workbook() -> None:
    """Two personas and a service blueprint with stages of their own, and a stage metrics sheet."""
    book = Workbook()
    holder = book.active
    holder.title = "Policyholder"
    _rows(
        holder,
        [
            ["Name", "Rosa Lindqvist"],
            ["Role", "Homeowner, first claim"],
            [],
            ["Stage", "Step", "Channel", "Emotion score (-5 to +5)", "Pain points", "Opportunities", "Owner"],
            ["Incident", "Finds the kitchen flooded", "", -4, "", "", ""],
            [
                "First notice",
                "Reports the claim by phone",
                "Phone",
                -2,
                "Asked for the policy number twice",
                "Look the caller up by phone number",
                "Contact centre",
            ],
            [
                "Assessment",
                "Waits for the loss adjuster",
                "Email",
                -3,
                "No date for nine days",
                "Book the visit in the first call",
                "Claims",
            ],
            ["Settlement", "Receives the payment", "Bank transfer", 3, "", "", "Finance"],
        ],
    )
    broker = book.create_sheet("Broker")
    _rows(
        broker,
        [
            ["Name", "Tomasz Wójcik"],
            ["Role", "Independent broker"],
            [],
            [
                "Stage",
                "Step",
                "Touchpoint",
                "Emotion score (-5 to +5)",
                "Pain points",
                "Opportunities",
                "Owner",
            ],
            ["Quote request", "Sends a risk for a bakery", "Broker portal", 1, "", "", "Underwriting"],
            [
                "Underwriting",
                "Answers follow-up questions",
                "Email",
                -2,
                "Questions arrive one at a time",
                "One list of questions",
                "Underwriting",
            ],
            ["Binding", "Binds the cover", "Broker portal", 3, "", "", "Underwriting"],
            [
                "Renewal",
                "Gets the renewal terms late",
                "Email",
                -3,
                "Terms five days before expiry",
                "Terms 30 days ahead",
                "Account management",
            ],
        ],
    )
    blueprint = book.create_sheet("Claims blueprint")
    _rows(
        blueprint,
        [
            ["Stage", "Customer action", "Frontstage", "Backstage", "Support processes"],
            [
                "First notice",
                "Calls to report",
                "Agent takes the details",
                "Claim opened in the core system",
                "Policy lookup",
            ],
            [
                "Assessment",
                "Shows the damage",
                "Adjuster visits",
                "Adjuster writes the report",
                "Scheduling tool",
            ],
            ["Settlement", "Accepts the offer", "Offer letter", "Payment approved", "Payments run"],
        ],
    )
    metrics = book.create_sheet("Stage metrics")
    _rows(
        metrics,
        [
            ["Stage", "Drop-off", "Calls per month", "CSAT (1-5)"],
            ["First notice", 0.0712, 12480, 3.4],
            ["Assessment", 0.1893, 3120, 2.6],
            ["Settlement", 0.0205, 910, 4.1],
        ],
    )
    for row in range(2, 5):
        metrics.cell(row, 2).number_format = "0.0%"
        metrics.cell(row, 3).number_format = "#,##0"
        metrics.cell(row, 4).number_format = "0.0"
    _save(book, "insurance-claims.xlsx")


def saas_trial_workbook() -> None:
    """A row layout under one-cell profile lines, a Section column, a flow Channel before the Touchpoint."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Ops lead"
    _rows(
        sheet,
        [
            ["Persona: Hannah Okafor"],
            ["Context: runs operations for a 40-person logistics firm"],
            ["Scenario: evaluates a scheduling tool during a 14-day trial"],
            ["Duration: 14 days"],
            ["Team size: 12 dispatchers"],
            [],
            [
                "Section",
                "Channel",
                "Touchpoint",
                "Action",
                "Feelings",
                "Challenges",
                "Action Points",
                "Trial conversion",
                "Owning team",
            ],
            [
                "Evaluate",
                "Web",
                "Pricing page",
                "Compares the plans",
                "sceptical",
                "Prices shown without tax",
                "Show prices with and without tax",
                0.4213,
                "Marketing",
            ],
            ["Evaluate", "Web", "Sign-up form", "Starts the trial", "hopeful", "", "", 0.6071, "Growth"],
            [
                "Set up",
                "Product",
                "Import wizard",
                "Imports the drivers' list",
                "frustrated",
                "CSV import, column mapping, date formats",
                "Template download, live preview",
                0.3355,
                "Product",
            ],
            [
                "Set up",
                "Email",
                "Onboarding email",
                "Invites the dispatchers",
                "very relieved",
                "",
                "",
                None,
                "Growth",
            ],
            [
                "Decide",
                "Sales",
                "Call with sales",
                "Asks for an annual price",
                "confident",
                "",
                "",
                None,
                "Sales",
            ],
        ],
    )
    for row in range(8, 11):
        sheet.cell(row, 8).number_format = "0.0%"
    _save(book, "saas-trial.xlsx")


def french_export_workbook() -> None:
    """A French team's map: headers, emotions and profile in French."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Camille"
    _rows(
        sheet,
        [
            ["Nom", "Camille Laurent"],
            ["Âge", "29"],
            ["Métier", "Infirmière de nuit"],
            [],
            [
                "Étape",
                "Action",
                "Point de contact",
                "Note émotionnelle (1-5)",
                "Points de douleur",
                "Opportunités",
                "Responsable",
            ],
            [
                "Découverte",
                "Voit une publicité pour la salle",
                "Instagram",
                3,
                "",
                "Horaires de nuit dans la publicité",
                "Marketing",
            ],
            [
                "Inscription",
                "S'inscrit en ligne à 2 h du matin",
                "Site web",
                2,
                "Paiement refusé la nuit",
                "Paiement 24 h/24",
                "Digital",
            ],
            ["Première séance", "Trouve la salle vide à 7 h", "Salle", 5, "", "", "Exploitation"],
        ],
    )
    _save(book, "salle-de-sport-fr.xlsx")


def ids_export_workbook() -> None:
    """A JSON export pasted into Excel: stage_id and stage_name keys, camelCase fields, owning_team."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Online shopper"
    _rows(
        sheet,
        [
            [
                "id",
                "stage_name",
                "step",
                "touchpoint",
                "emotionScore",
                "painPoints",
                "opportunities",
                "owning_team",
            ],
            [
                "s1",
                "Browse",
                "Searches for running shoes",
                "Search",
                0.2,
                "Filters reset on back",
                "Keep filters in the URL",
                "Web",
            ],
            ["s2", "Browse", "Compares two models", "Product page", 0.4, "", "", "Web"],
            [
                "s3",
                "Checkout",
                "Enters a discount code",
                "Basket",
                -0.6,
                "Code field hidden behind a link",
                "Show the code field",
                "Checkout",
            ],
            ["s4", "Checkout", "Pays with a wallet", "Payment", 0.8, "", "", "Payments"],
            [
                "s5",
                "Delivery",
                "Tracks the parcel",
                "Email; tracking page",
                -0.2,
                "Tracking updates a day late",
                "Carrier webhooks",
                "Logistics",
            ],
        ],
    )
    _save(book, "shoe-shop-export.xlsx")


def flat_steps_workbook() -> None:
    """A bare list of steps: no stage column at all."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Library visitor"
    _rows(
        sheet,
        [
            ["Step", "Touchpoint", "Feeling", "Pain point", "Idea"],
            ["Looks up opening hours", "Website", "neutral", "", ""],
            ["Reserves a book online", "Catalogue", "pleased", "", ""],
            ["Gets the pick-up notice", "Email", "happy", "", ""],
            ["Queues at the desk", "Front desk", "annoyed", "One desk open at lunch", "Self-service lockers"],
            ["Borrows the book", "Front desk", "satisfied", "", ""],
        ],
    )
    _save(book, "library-steps.xlsx")


def main() -> None:
    """Write every map into this folder."""
    for make in (
        bike_share_csv,
        telehealth_markdown,
        onboarding_mermaid,
        pharmacy_model_json,
        museum_canvas,
        insurance_workbook,
        saas_trial_workbook,
        french_export_workbook,
        ids_export_workbook,
        flat_steps_workbook,
    ):
        make()


if __name__ == "__main__":
    main()
