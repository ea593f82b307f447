"""Write synthetic journey workbooks of any size, with realistic text lengths, for benchmarks.

    .venv/bin/python benchmarks/synthetic.py OUT.xlsx --personas 60 --stages 10 --steps 3 [--edit 7]

Each persona is a sheet in the row layout: a profile block above a header row, then one row per
step with an action, a touchpoint, a goal, a thought, emotion words, a score from -5 to 5, two pain
points, two opportunities, a KPI and an owner. The text is drawn from word pools with a fixed seed,
so the same arguments give the same workbook. --edit N changes one step of persona N, to measure a
rebuild after a small edit.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from pathlib import Path

VERBS = [
    "compares",
    "checks",
    "reads",
    "asks",
    "books",
    "opens",
    "calls",
    "browses",
    "saves",
    "shares",
    "reviews",
    "signs",
    "waits",
    "returns",
    "tracks",
]
THINGS = [
    "the delivery options",
    "the price page",
    "a review site",
    "the returns policy",
    "a friend's advice",
    "the mobile app",
    "the order confirmation",
    "a support chat",
    "the account settings",
    "the loyalty offer",
    "a comparison table",
    "the onboarding email",
    "the invoice",
    "a product video",
    "the size guide",
]
CHANNELS = [
    "Website",
    "Mobile app",
    "Email",
    "Phone",
    "Store",
    "Social media",
    "Chat",
    "Partner portal",
    "Letter",
    "SMS",
]
FEELINGS = [
    "curious",
    "hopeful",
    "confused",
    "frustrated",
    "relieved",
    "anxious",
    "pleased",
    "impatient",
    "confident",
    "annoyed",
    "delighted",
]
PAINS = [
    "Has to enter the same details twice",
    "Delivery costs appear only at checkout",
    "No answer within two days",
    "The form times out on mobile",
    "Too many similar options to choose from",
    "Password rules are unclear",
    "Tracking link shows no updates",
    "The hold music loops for twenty minutes",
]
IDEAS = [
    "Remember details between visits",
    "Show the full price on the product page",
    "Promise a reply time and keep it",
    "Save the form as the customer goes",
    "Offer a short guided comparison",
    "Explain the rules next to the field",
    "Send proactive delivery updates",
    "Offer a call-back instead of a queue",
]
ROLES = [
    "Operations manager",
    "Student",
    "Retired teacher",
    "Nurse",
    "Small business owner",
    "IT buyer",
    "Parent of two",
]
HEADERS = [
    "Stage",
    "Action",
    "Touchpoint",
    "Goal",
    "Thoughts",
    "Emotions",
    "Emotion score (-5 to +5)",
    "Pain points",
    "Opportunities",
    "KPIs",
    "Owner",
]


def sentence(rng: random.Random, words: int) -> str:
    """Return a plausible sentence of about the given number of words."""
    parts = [rng.choice(VERBS), rng.choice(THINGS)]
    while len(" ".join(parts).split()) < words:
        parts += ["and then", rng.choice(VERBS), rng.choice(THINGS)]
    text = " ".join(parts)
    return text[0].upper() + text[1:] + "."


def write_workbook(path: Path, personas: int, stages: int, steps: int, edit: int | None = None) -> Path:
    """Write the workbook and return its path."""
    from openpyxl import Workbook

    rng = random.Random(20261122)
    stage_names = [f"Stage {i + 1}" for i in range(stages)]
    book = Workbook()
    book.remove(book.active)
    project = book.create_sheet("Project")
    for row in (("Title", "Synthetic journeys"), ("Client", "Benchmark Ltd"), ("Prepared by", "mapgen")):
        project.append(row)
    for p in range(personas):
        sheet = book.create_sheet(f"Persona {p + 1}")
        sheet.append(["Name", f"Persona {p + 1}"])
        sheet.append(["Role", rng.choice(ROLES)])
        sheet.append(["Quote", sentence(rng, 14)])
        sheet.append([])
        sheet.append(HEADERS)
        for stage in stage_names:
            for s in range(steps):
                action = sentence(rng, rng.randint(6, 16))
                if edit is not None and p + 1 == edit and s == 0 and stage == stage_names[0]:
                    action = "Edited: " + action
                sheet.append(
                    [
                        stage,
                        action,
                        rng.choice(CHANNELS),
                        sentence(rng, rng.randint(5, 10)),
                        sentence(rng, rng.randint(8, 18)),
                        ", ".join(rng.sample(FEELINGS, 2)),
                        rng.randint(-5, 5),
                        "\n".join(rng.sample(PAINS, 2)),
                        "\n".join(rng.sample(IDEAS, 2)),
                        "Conversion rate",
                        "Customer care",
                    ]
                )
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the arguments and write the workbook."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--personas", type=int, default=60)
    parser.add_argument("--stages", type=int, default=10)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--edit", type=int, help="change one step of this persona (1-based)")
    args = parser.parse_args(argv)
    write_workbook(args.out, args.personas, args.stages, args.steps, args.edit)


if __name__ == "__main__":
    main()
