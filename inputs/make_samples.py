"""Write the sample workbooks: example.xlsx (row layout) and b2b-example.xlsx (canvas).

    python inputs/make_samples.py [OUT_FOLDER ...]

By default into src/mapgen/samples/ (the package data `mapgen build` uses with no argument, and
`mapgen sample` copies out) and into inputs/ beside this script, the same bytes in both.

The output is deterministic: the same mapgen, openpyxl and Pillow give the same bytes. The
companies and people are fictional; the journeys are the kind agencies map for real clients.
Each workbook exercises shapes found in the field: merged stage cells, blank stage cells meaning
"same as above", header synonyms, a title row, bullets and numbered lists, a custom column, an
extra profile field, a placed photo, a stage spanning two columns, three score conventions.
"""

from __future__ import annotations

import argparse
import io
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from PIL import Image, ImageDraw, ImageFilter

from mapgen.starter import (
    BODY_ALIGNMENT,
    SCORE_FORMAT,
    fit_row_heights,
    save_workbook,
    score_colour_scale,
    set_print_setup,
    set_widths,
    style_body_cell,
    style_header_row,
    style_label_cell,
)

HERE = Path(__file__).resolve().parent
# The package's copies ship in the wheel; inputs/ keeps the same bytes for people browsing the repo.
DEFAULT_FOLDERS = (HERE.parent / "src" / "mapgen" / "samples", HERE)
TITLE_FONT = Font(name="Calibri", bold=True, size=14, color="1F4E5F")

# --------------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of a journey, in the words the workbook will hold."""

    stage: str
    action: str
    touchpoint: str
    goal: str
    thoughts: str
    emotions: str
    score: int | None
    pain_points: tuple[str, ...]
    opportunities: tuple[str, ...]
    kpis: tuple[str, ...]
    owner: str
    evidence: str = ""
    moment: str = ""


@dataclass(frozen=True)
class Persona:
    """A persona sheet: its tab name, profile block and steps."""

    sheet: str
    profile: tuple[tuple[str, str | int | tuple[str, ...]], ...]
    steps: tuple[Step, ...]


RETAIL_PROJECT: tuple[tuple[str, str | datetime], ...] = (
    ("Title", "Shopping for the outdoors: online customer journeys"),
    ("Client", "Kestrel & Pine"),
    ("Prepared by", "Harbour Lane Research"),
    ("Date", datetime(2025, 3, 14)),
    ("Version", "1.2"),
    ("Confidentiality", "Client confidential"),
    (
        "Description",
        "How three kinds of customer find, choose, buy and live with outdoor gear from Kestrel & Pine's "
        "online shop, from the first ad to the first use. Based on 24 interviews, a two-week diary "
        "study, checkout analytics and 1,240 product reviews (January to March 2025).",
    ),
    ("Theme", "default"),
)

RETAIL_STAGES: tuple[tuple[str, str], ...] = (
    ("Awareness", "Notices a need (a trip, a race, a present) and comes across Kestrel & Pine."),
    ("Consideration", "Compares products, sizes, delivery and returns, here and at other shops."),
    ("Purchase", "Builds a basket, checks out and pays."),
    ("Post-purchase", "Delivery, first use, returns and exchanges, reviews, coming back."),
)

EMMA = Persona(
    sheet="Emma",
    profile=(
        ("Name", "Emma Hughes"),
        ("Role", "Busy parent planning the family's first camping holiday"),
        ("Age", 38),
        ("Location", "Leeds, UK"),
        ("Household", "Partner and two children, aged 6 and 9"),
        (
            "Quote",
            "I don't have time to become a tent expert. Tell me what fits a family of four and when it "
            "will arrive.",
        ),
        (
            "Bio",
            "Marketing manager working four days a week. Camps a few weekends a year with friends' "
            "families and is planning a week in the Lake District in August. Shops on her phone in short "
            "bursts in the evening and hates surprises at the till.",
        ),
        (
            "Goals",
            (
                "Kit the family out for a week of camping in August",
                "Stay within a £600 budget",
                "Have everything delivered before the trip",
            ),
        ),
        ("Motivations", ("Time outdoors for the children, away from screens", "Buy once, buy right")),
        (
            "Frustrations",
            (
                "Jargon on product pages (hydrostatic head, berth, denier)",
                "Delivery costs and dates revealed late",
                "Having to create an account to buy",
            ),
        ),
        (
            "Behaviours",
            (
                "Browses on her phone, often buys on the laptop",
                "Reads the one-star reviews first",
                "Uses the basket as a shortlist",
            ),
        ),
        ("Channels", ("Instagram", "Google search", "Email", "Parenting forums")),
    ),
    steps=(
        Step(
            "Awareness",
            "Sees a family tent in an Instagram ad",
            "Instagram ad",
            "Find a tent big enough for four before the summer holiday",
            "That's the one the Parkers had at the campsite. Is it in our budget?",
            "curious, hopeful",
            2,
            ("The ad shows the tent but not the price", "The link opens the home page, not the product"),
            ("Deep-link ads to the product page", "Show the 'from' price in the ad"),
            ("Ad click-through rate", "Cost per product-page visit"),
            "Performance marketing",
            "Meta Ads Manager, March 2025",
        ),
        Step(
            "Awareness",
            "Searches for 'best family tent for 4' and opens the buying guide",
            "Google search\nBuying guide",
            "Shortlist two or three tents she can trust",
            "I need someone to tell me which of these won't leak.",
            "interested, overwhelmed",
            0,
            (
                "The guide compares 14 tents without a clear recommendation",
                "Technical terms are not explained",
            ),
            ("A 'best for families' pick at the top of the guide", "Plain-English glossary on hover"),
            ("Guide-to-product click rate", "Organic sessions on buying guides"),
            "Content",
            "Search Console; 6 diary-study entries",
        ),
        Step(
            "Consideration",
            "Compares two tents on their product pages",
            "Product page\nComparison tool",
            "Choose between the Fernhill 4 and the Glenmore 4 Air",
            "Will four of us and the bags actually fit in the sleeping area?",
            "confused, unsure",
            -1,
            ("No floor plan on one of the two pages", "Packed size and weight hard to find"),
            (
                "A standard spec table with a floor plan on every tent",
                "A 'Fits 2 adults, 2 children and 4 bags' line",
            ),
            ("Product-page exit rate", "Comparison-tool use"),
            "E-commerce merchandising",
            "Session recordings (48), February 2025",
        ),
        Step(
            "Consideration",
            "Asks live chat whether the packed tent fits in a hatchback boot",
            "Live chat",
            "Rule out a costly mistake before spending £400",
            "Brilliant, a real answer in two minutes.",
            "reassured, confident",
            3,
            ("Chat is staffed only from 9:00 to 17:00",),
            ("Staff chat until 21:00, when parents browse", "Show packed dimensions next to a car boot"),
            ("Chat-assisted conversion rate", "Chat waiting time"),
            "Customer service",
            "Chat transcripts, n=120",
            "A real answer turns doubt into intent",
        ),
        Step(
            "Consideration",
            "Saves the tent, four sleeping bags and a stove to the basket",
            "Basket",
            "See the total for the whole kit",
            "£540 so far. Under budget, if delivery isn't silly.",
            "hopeful",
            1,
            ("No bundle price for a family kit",),
            ("A 'family camping starter kit' bundle showing the saving",),
            ("Average basket value", "Bundle attach rate"),
            "E-commerce merchandising",
            "Basket analytics, GA4",
        ),
        Step(
            "Purchase",
            "Starts checkout and is asked to create an account",
            "Checkout",
            "Pay quickly on her phone while the children are in the bath",
            "Why do I need an account and a password just to buy a tent?",
            "annoyed, impatient",
            -3,
            ("Guest checkout hidden below the account form", "Password rules shown only after an error"),
            ("Make guest checkout the default", "Offer to save an account after payment"),
            ("Checkout completion rate", "Share of guest checkouts"),
            "Digital product",
            "Checkout funnel, GA4, January to March 2025",
        ),
        Step(
            "Purchase",
            "Sees the delivery cost and date at the delivery step",
            "Checkout: delivery step",
            "Get everything before the trip on 2 August",
            "£9.95 for delivery and 5 to 7 working days? That should have been on the product page.",
            "disappointed, frustrated",
            -5,
            (
                "Delivery cost shown only at checkout",
                "Free-delivery threshold never mentioned before",
                "No guaranteed delivery date",
            ),
            (
                "Show the delivery cost and an arrive-by date on product pages and in the basket",
                "A progress bar towards free delivery",
            ),
            ("Abandonment at the delivery step", "Contacts about delivery costs"),
            "E-commerce operations",
            "Checkout funnel: 38% leave at the delivery step",
            "The delivery-cost reveal: where most baskets are abandoned",
        ),
        Step(
            "Purchase",
            "Pays; her bank's 3-D Secure check times out and she tries again",
            "Payment page\nBanking app",
            "Finish the order without being charged twice",
            "Has it gone through or not? I'm not paying twice.",
            "anxious, worried",
            -4,
            (
                "A 3-D Secure time-out returns to an empty payment form",
                "Nothing says the first attempt failed",
            ),
            ("Keep the form filled and say 'you have not been charged'", "Offer Apple Pay and Google Pay"),
            ("Payment success rate", "Contacts about double payments"),
            "Payments",
            "Payment-provider logs; 3 interviews",
        ),
        Step(
            "Post-purchase",
            "Reads the order-confirmation email",
            "Order-confirmation email",
            "Be sure the order is placed and know when it will arrive",
            "Finally. It says Thursday.",
            "relieved",
            2,
            ("Two parcels but only one tracking link",),
            ("One tracking page for all parcels of an order",),
            ("Email open rate", "'Where is my order?' contacts"),
            "CRM",
            "Email platform reports",
        ),
        Step(
            "Post-purchase",
            "Receives the tent; the stove arrives two days later",
            "Courier\nTracking page",
            "Pack everything the weekend before the trip",
            "Good, it's all here before we leave.",
            "calm, pleased",
            1,
            ("Split delivery not mentioned at checkout",),
            ("Say 'arrives in 2 parcels' in the basket",),
            ("On-time delivery rate", "Split-shipment rate"),
            "Fulfilment",
            "Carrier data, Q1 2025",
        ),
        Step(
            "Post-purchase",
            "Pitches the tent in the garden with the children and posts a review",
            "Review-request email\nProduct review page",
            "Check everything works before the campsite",
            "The kids loved it. Twenty minutes to pitch, not the hour I feared.",
            "delighted, proud",
            4,
            ("The review form asks for a photo before the text",),
            ("Make photos optional and ask for tips for other families",),
            ("Review submission rate", "Repeat purchase within 12 months"),
            "CRM",
            "Review platform, 1,240 reviews",
            "The first pitch: when the purchase feels worth it",
        ),
    ),
)

RENEE = Persona(
    sheet="Renée",
    profile=(
        ("Name", "Renée Dubois"),
        ("Role", "Trail runner training for her first ultramarathon"),
        ("Age", 31),
        ("Location", "Lyon, France"),
        (
            "Quote",
            "Tell me the total, duties included, before I pay, not when the courier is at my door.",
        ),
        (
            "Bio",
            "Physiotherapist who runs 60 km a week in the hills west of Lyon. Buys from British shops for "
            "brands she cannot find in France, and has been caught out by customs charges before.",
        ),
        (
            "Goals",
            (
                "Find trail shoes with a wide toe box before her December race",
                "Keep kit spending under €300 a season",
            ),
        ),
        ("Motivations", ("Finishing her first 80 km race", "Gear that lasts more than one season")),
        (
            "Frustrations",
            (
                "Import charges on orders from the UK",
                "Sizes that differ from brand to brand",
                "Returns that cost more than the item is worth",
            ),
        ),
        (
            "Behaviours",
            (
                "Reads specialist running reviews and her Strava club",
                "Buys on the laptop, tracks on the phone",
                "Compares prices in euros",
            ),
        ),
        ("Channels", ("Strava club", "YouTube reviews", "Email", "WhatsApp")),
    ),
    steps=(
        Step(
            "Awareness",
            "Hears about a new trail shoe in her Strava club",
            "Strava club post",
            "Find a shoe for long, rocky descents",
            "If three people in the club swear by it, it's worth a look.",
            "curious, excited",
            3,
            ("The shoe is not sold by French shops yet",),
            ("A run-club ambassador programme in France",),
            ("Referral traffic from Strava",),
            "Brand partnerships",
            "5 interviews with EU runners",
        ),
        Step(
            "Awareness",
            "Watches a video review and follows the link to the shop",
            "YouTube review\nAffiliate link",
            "See the fit on a real foot",
            "Good, they ship to France.",
            "interested, hopeful",
            2,
            ("Delivery countries listed only in the footer",),
            ("Detect the country and say 'We deliver to France' at the top",),
            ("Affiliate conversion rate",),
            "Affiliate marketing",
            "Affiliate network reports",
        ),
        Step(
            "Consideration",
            "Checks the size guide and the reviews about fit",
            "Product page\nSize guide",
            "Choose between EU 39 and 39.5",
            "Half the reviews say it runs small. Which half has my feet?",
            "unsure, cautious",
            0,
            ("EU sizes only in a footnote of the size guide", "No foot-length measurement in centimetres"),
            ("EU sizes first for EU visitors", "A 'measure your foot' guide in centimetres"),
            ("Size-related return rate",),
            "E-commerce merchandising",
            "Return reasons, Q4 2024",
        ),
        Step(
            "Consideration",
            "Switches the prices to euros and reads the international delivery page",
            "Currency switcher\nDelivery information page",
            "Know the full cost before committing",
            "'Duties may apply.' May? How much?",
            "doubtful, worried",
            -1,
            ("Duties and import VAT described as 'may apply'", "No landed-cost calculator"),
            (
                "Charge duties at checkout (delivered duty paid) so the price is final",
                "A landed-cost estimate on product pages",
            ),
            ("International conversion rate", "Exit rate of the delivery page"),
            "International e-commerce",
            "Customer survey, EU, n=410",
        ),
        Step(
            "Purchase",
            "Pays with Apple Pay in euros",
            "Checkout\nApple Pay",
            "Order before the race-entry weekend",
            "That was quick. €159, delivered in four days.",
            "pleased, confident",
            3,
            ("Delivery estimate given as 3 to 6 days",),
            ("Show an arrive-by date",),
            ("Checkout completion rate, EU",),
            "Digital product",
            "Checkout funnel, GA4",
        ),
        Step(
            "Purchase",
            "Gets the order-confirmation email, in English",
            "Order-confirmation email",
            "Check the address and the delivery date",
            "Fine, my English is good enough.",
            "satisfied",
            2,
            ("Emails are not translated",),
            ("French email templates for orders from France",),
            ("Email open rate, France",),
            "CRM",
            "Email platform reports",
        ),
        Step(
            "Post-purchase",
            "The courier asks for €38 of import VAT and duties before handing over the parcel",
            "Courier at the door\nCourier text message",
            "Receive the shoes she has already paid for",
            "Thirty-eight euros more? Nobody told me the real price.",
            "angry, shocked",
            -5,
            ("Duties collected at the door, not at checkout", "The courier adds a €12 handling fee"),
            (
                "Delivered-duty-paid shipping to the EU",
                "An email with the exact amount before dispatch",
            ),
            ("Refused deliveries", "Complaints about duties"),
            "International e-commerce",
            "Carrier data: 9% of EU parcels refused",
            "The doorstep duty charge: where trust is lost",
        ),
        Step(
            "Post-purchase",
            "The shoes are too small; she starts a return in the returns portal",
            "Returns portal",
            "Exchange them for EU 40 before training peaks",
            "I pay €24 to send them back, and there are no exchanges from France?",
            "frustrated, disappointed",
            -4,
            (
                "International returns at the customer's cost",
                "No exchanges outside the UK",
                "The portal asks for an order number the email hides at the bottom",
            ),
            ("Free EU returns through local drop-off points", "Exchanges for every country"),
            ("Return cost per order", "Exchanges as a share of returns"),
            "Returns and logistics",
            "Returns portal data, Q1 2025",
        ),
        Step(
            "Post-purchase",
            "Waits 16 days for the refund and emails customer service twice",
            "Customer-service email\nRefund email",
            "Get her money back",
            "Next time I'll buy them from a French shop.",
            "annoyed, disappointed",
            -3,
            (
                "Refund only after the parcel is inspected in the UK",
                "Automatic replies without a case number",
            ),
            ("Refund on the carrier's first scan", "A case number and a date in the first reply"),
            ("Time to refund", "Repeat purchase rate, EU"),
            "Customer service",
            "Helpdesk tickets tagged 'refund'",
        ),
    ),
)

MARCUS = Persona(
    sheet="Marcus",
    profile=(
        ("Name", "Marcus Okafor"),
        ("Role", "Gift buyer: a birthday present for his daughter, who has taken up climbing"),
        ("Age", 56),
        ("Location", "Bristol, UK"),
        ("Occasion", "His daughter's 23rd birthday, 14 June"),
        ("Quote", "I know nothing about climbing. I just don't want to buy her something she already has."),
        (
            "Bio",
            "Secondary-school teacher. His daughter started bouldering at university. He buys presents "
            "online a few times a year, usually late, and values an easy return above a low price.",
        ),
        ("Goals", ("A present she will actually use", "Spend about £100", "Delivered by 14 June")),
        ("Motivations", ("Encouraging his daughter's new hobby", "Avoiding an awkward exchange")),
        ("Frustrations", ("Specialist jargon", "Gift receipts that show the price")),
        (
            "Behaviours",
            (
                "Shops on the family computer",
                "Phones the shop when unsure",
                "Reads the returns policy before buying",
            ),
        ),
        ("Channels", ("Google search", "Email", "Phone")),
    ),
    steps=(
        Step(
            "Awareness",
            "Searches for 'gifts for climbers'",
            "Google search\nGift guide",
            "Get ideas without knowing the sport",
            "Chalk bags, crash pads... what doesn't she have already?",
            "curious, unsure",
            0,
            ("Gift guides assume the reader climbs", "No price filter in the gift guide"),
            ("'For beginners' and 'under £100' sections", "A budget filter in the gift guide"),
            ("Gift-guide sessions", "Guide-to-basket rate"),
            "Content",
            "Search Console, May 2024",
        ),
        Step(
            "Awareness",
            "Clicks a Google Shopping ad for a chalk bag",
            "Google Shopping ad",
            "Find a shop that knows climbing",
            "This looks like a proper climbing shop.",
            "reassured",
            2,
            ("The ad lands on one product, not on ideas",),
            ("Send gift searches to the gift guide",),
            ("Return on ad spend, gift campaigns",),
            "Performance marketing",
            "Google Ads, May 2024",
        ),
        Step(
            "Consideration",
            "Browses harnesses and shoes, and gives up on sizes",
            "Category page\nProduct page",
            "Choose something that fits without asking her",
            "Shoe sizes, harness sizes... I'll get it wrong.",
            "confused, overwhelmed",
            -3,
            ("Most climbing presents need a size", "Nothing marks the products that need no size"),
            ("A 'no size needed' filter", "Suggest a gift card on products that need a size"),
            ("Category exit rate", "Gift-card attach rate"),
            "E-commerce merchandising",
            "6 interviews with gift buyers",
            "Realising he cannot guess the size: the present may be lost here",
        ),
        Step(
            "Consideration",
            "Phones the Bristol store and is advised on a chalk bag and a guidebook",
            "Store phone line",
            "Get a recommendation from someone who climbs",
            "That's exactly what I needed: someone who knows.",
            "grateful, relieved",
            4,
            ("The phone number is only on the contact page", "20-minute wait at lunchtime"),
            ("An 'Ask an expert' button on gift pages", "Bookable call-backs"),
            ("Phone-assisted orders", "Average waiting time"),
            "Retail operations",
            "Call logs, May 2024",
            "Expert advice by phone",
        ),
        Step(
            "Consideration",
            "Reads the returns policy for presents",
            "Returns policy page",
            "Make sure she can swap it",
            "Sixty days, and she can return it without me. Good.",
            "confident",
            2,
            ("Gift returns explained deep in a long FAQ",),
            ("A summary box: '60-day gift returns, no receipt needed'",),
            ("Exit rate of the returns page",),
            "Customer service",
            "Session recordings",
        ),
        Step(
            "Purchase",
            "Adds gift wrap and a message at checkout",
            "Checkout: gift options",
            "Send it straight to his daughter's flat",
            "Can I hide the price?",
            "hopeful, unsure",
            1,
            ("Unclear whether the packing slip shows prices", "Gift message limited to 100 characters"),
            ("A 'gift receipt, no prices' tick box", "A preview of the gift message"),
            ("Gift-option uptake", "Checkout completion rate"),
            "Digital product",
            "Checkout survey, n=95",
        ),
        Step(
            "Purchase",
            "Pays by card and chooses named-day delivery",
            "Payment page",
            "Have it arrive on her birthday",
            "Named-day delivery for £4.95. Worth it.",
            "satisfied, pleased",
            3,
            ("Named-day slots appear only after the address",),
            ("Show named-day options in the basket",),
            ("Named-day uptake",),
            "E-commerce operations",
            "Checkout funnel, GA4",
        ),
        Step(
            "Post-purchase",
            "Gets the dispatch email and tracks the parcel",
            "Dispatch email\nTracking page",
            "Be sure it arrives on the day",
            "Out for delivery, 10:00 to 12:00. Perfect.",
            "calm, reassured",
            3,
            ("The courier also texts his daughter, spoiling the surprise",),
            ("Ask the buyer whether to notify the recipient",),
            ("'Where is my order?' contacts",),
            "Fulfilment",
            "Carrier data",
        ),
        Step(
            "Post-purchase",
            "His daughter swaps the chalk bag for another colour in the store",
            "Store returns desk",
            "Let her exchange it without fuss",
            "She changed it in five minutes and sent me a photo from the climbing wall.",
            "happy, delighted",
            5,
            ("Store staff could not find the online gift order at first",),
            ("Look up orders by the recipient's name in store",),
            ("Exchange time", "Net Promoter Score of gift buyers"),
            "Retail operations",
            "Store feedback; 2 interviews",
            "A painless exchange: the present lands well",
        ),
    ),
)

RETAIL_README = (
    "About this workbook",
    "",
    "Kestrel & Pine sells outdoor clothing and equipment online, with one store in Bristol. This "
    "workbook maps how three of its customer types shop, from the first ad to the first use.",
    "Kestrel & Pine, Harbour Lane Research and the personas are fictional; the journeys are composites "
    "of patterns common in online retail.",
    "",
    "Sheets",
    "Project: the front matter of the deliverables.",
    "Stages: the four stages in journey order, with what each covers.",
    "Emma, Renée, Marcus: one persona each, profile above and one row per step below.",
    "",
    "Scores",
    "Emotion score and Sentiment run from -5 (very negative) to +5 (very positive).",
    "",
    "Build the deliverables with: mapgen build inputs/example.xlsx",
)

B2B_PROJECT: tuple[tuple[str, str | datetime], ...] = (
    ("Title", "Buying accounts-payable automation: mid-market journeys"),
    ("Client", "Tallyward"),
    ("Prepared by", "Tallyward Customer Experience team"),
    ("Date", datetime(2025, 5, 20)),
    ("Version", "2.0"),
    ("Confidentiality", "Internal"),
    (
        "Description",
        "How the finance and IT buyers at a mid-market company go from a first inquiry to their first "
        "month-end close on Tallyward, and where the sales and onboarding process slows them down. "
        "Based on 14 win/loss interviews and CRM stage data for 2024.",
    ),
    ("Theme", "corporate"),
)

B2B_SOURCES = (
    ("Source", "What it covers"),
    ("Win/loss interviews", "14 interviews with buyers, 2024: 9 won, 5 lost deals"),
    ("CRM stage data", "Days in each pipeline stage, 212 opportunities, 2024"),
    ("Security review log", "Questionnaires received and time to answer, 2024"),
    ("Onboarding survey", "CSAT after go-live, n=61"),
)

LANES = (
    ("action", "Actions"),
    ("touchpoint", "Touchpoints"),
    ("goal", "Goals"),
    ("thoughts", "Thoughts"),
    ("emotions", "Emotions"),
    ("score", "Emotion score (1-5)"),
    ("pain_points", "Pain points"),
    ("opportunities", "Opportunities"),
    ("kpis", "KPIs"),
    ("owner", "Owner"),
)

INES = Persona(
    sheet="IT procurement",
    profile=(
        ("Name", "Ines Duarte"),
        ("Role", "IT procurement lead"),
        ("Company", "Vantline Logistics, 1,800 staff in six countries"),
        ("Age", "35-44"),
        ("Location", "Rotterdam, Netherlands"),
        ("Quote", "I don't mind a thorough security review. I mind answering the same 200 questions twice."),
        (
            "Bio",
            "Runs software procurement for a logistics group. Owns vendor due diligence, the security "
            "questionnaire and the contract, and answers to the CIO and the data protection officer.",
        ),
        (
            "Goals",
            (
                "Approve vendors that pass security and GDPR review first time",
                "Standard terms, no side letters",
                "A go-live that needs no IT project",
            ),
        ),
        (
            "Frustrations",
            (
                "Vendors who cannot produce a SOC 2 report",
                "Prices that change after the demo",
                "Redlines that stall in legal for weeks",
            ),
        ),
        ("Channels", ("Email", "Supplier portal", "Teams calls")),
    ),
    steps=(
        Step(
            "Initial inquiry",
            "Fills in the 'Talk to sales' form after the CFO asks for options",
            "Website contact form\nAutomatic reply email",
            "Get a first price range for the shortlist",
            "Will anyone call back this week, or is this a mailing list?",
            "cautious, curious",
            3,
            ("The form asks 14 questions before any answer", "The automatic reply has no name and no date"),
            ("A three-field form with a call-back slot", "Public price ranges"),
            ("Time to first response", "Form completion rate"),
            "Sales development",
        ),
        Step(
            "Qualification",
            "Joins the discovery call and the product demo",
            "Teams video call\nDemo environment",
            "Check the fit with Dynamics 365 and the approval chains",
            "They clearly know our ERP. Good.",
            "impressed, hopeful",
            4,
            ("The demo used US tax examples",),
            ("Demos set up with the prospect's country and ERP",),
            ("Demo-to-proposal rate",),
            "Solutions engineering",
        ),
        Step(
            "Qualification",
            "Sends the security questionnaire and asks for the SOC 2 report",
            "Security questionnaire\nTrust centre",
            "Pass the security review without a dozen follow-ups",
            "Why is half of this not in their trust centre?",
            "frustrated, impatient",
            2,
            ("SOC 2 report only after an NDA", "40 of 180 answers say 'see policy'"),
            ("A pre-filled standard questionnaire and the SOC 2 report in a self-service trust centre",),
            ("Security review cycle time",),
            "Security and compliance",
        ),
        Step(
            "Proposal review",
            "Compares the proposal with two other vendors' offers",
            "Proposal PDF\nPricing calculator",
            "Compare like with like",
            "Is the per-invoice price capped, or does it grow with us?",
            "unsure, cautious",
            3,
            ("Implementation fee split over three line items", "No cap on volume growth"),
            ("A one-page price summary with a growth cap",),
            ("Proposal win rate", "Days in the proposal stage"),
            "Sales",
        ),
        Step(
            "Contract signing",
            "Negotiates the data processing agreement, the liability cap and renewal terms",
            "Contract redlines by email\nE-signature",
            "Sign on standard terms before the quarter ends",
            "Four rounds on the liability cap. We agreed this in principle a month ago.",
            "stressed, annoyed",
            1,
            (
                "The vendor's legal team works in another time zone",
                "The data processing agreement predates the current EU clauses",
            ),
            ("Pre-approved fallback clauses for common redlines", "An EU-ready data processing agreement"),
            ("Days from verbal yes to signature",),
            "Legal",
        ),
        Step(
            "Onboarding and service delivery",
            "Sets up single sign-on and the ERP connector",
            "Onboarding portal\nImplementation manager",
            "Go live without tying up her IT team",
            "Single sign-on worked first time. That never happens.",
            "relieved, delighted",
            5,
            ("The ERP connector needs a service account nobody mentioned",),
            ("A pre-go-live checklist sent at signature",),
            ("Time to first invoice processed", "Onboarding satisfaction (CSAT)"),
            "Customer success",
        ),
    ),
)

DANIEL = Persona(
    sheet="CFO",
    profile=(
        ("Name", "Daniel Whitford"),
        ("Role", "Chief Financial Officer"),
        ("Company", "Vantline Logistics"),
        ("Age", 52),
        ("Location", "Birmingham, UK"),
        ("Quote", "Show me the month-end close getting shorter, and I'll sign."),
        (
            "Bio",
            "Chartered accountant, CFO for six years. Sponsors the accounts-payable automation project "
            "after a year of late-payment penalties; signs off anything over £50,000 a year.",
        ),
        (
            "Goals",
            (
                "Close the books in five working days instead of nine",
                "No more late-payment penalties",
                "Move two accounts-payable clerks to analysis work",
            ),
        ),
        ("Motivations", ("A board that trusts the numbers", "A finance team that isn't firefighting")),
        ("Frustrations", ("Return-on-investment claims he cannot check", "Implementations that overrun")),
        (
            "Behaviours",
            ("Reads the executive summary and the price page, nothing else", "Asks peers before buying"),
        ),
        ("Channels", ("Peer CFO network", "LinkedIn", "Email")),
    ),
    steps=(
        Step(
            "Initial inquiry",
            "Asks two peer CFOs what they use for invoice processing",
            "Peer CFO network\nLinkedIn post",
            "Find out whether automation pays back within a year",
            "Everyone claims 80% touchless invoices. What's real?",
            "curious, doubtful",
            None,
            ("Case studies without numbers",),
            ("Case studies with before-and-after close times from named customers",),
            ("Pipeline from referrals",),
            "Marketing",
        ),
        Step(
            "Qualification",
            "Reviews the business case the account executive built from his invoice volumes",
            "Business-case spreadsheet\nCall with the account executive",
            "See the payback on his own numbers",
            "Eleven months' payback, on our volumes. That I can take to the board.",
            "interested, optimistic",
            None,
            ("Assumptions hidden in locked cells",),
            ("An open, editable return-on-investment model",),
            ("Qualified opportunities", "Business cases accepted"),
            "Sales",
        ),
        Step(
            "Proposal review",
            "Reads the proposal and finds three separate price components",
            "Proposal PDF\nPricing page",
            "One annual figure to budget",
            "Platform fee, per-invoice fee, implementation fee. What will year two cost?",
            "confused, frustrated",
            None,
            ("Year-two price depends on invoice growth", "The discount expires in 10 days"),
            ("A three-year price table", "Discounts tied to scope, not deadlines"),
            ("Proposal-to-signature rate",),
            "Sales",
        ),
        Step(
            "Contract signing",
            "Signs the order form electronically once IT and legal approve",
            "E-signature\nOrder form",
            "Start before the new financial year",
            "Done. Now let's hit the go-live date.",
            "relieved, confident",
            None,
            ("Three weeks waiting on procurement's redlines",),
            ("One signing timeline shared with the CFO and procurement",),
            ("Days from verbal yes to signature",),
            "Sales operations",
        ),
        Step(
            "Onboarding and service delivery",
            "Attends the kick-off and approves the project plan",
            "Kick-off meeting\nProject plan",
            "A go-live date the team can hold",
            "Eight weeks, and my team needs four days a week for testing?",
            "worried, impatient",
            None,
            ("The finance team's effort was not stated in the proposal",),
            ("State the customer's effort per week in the proposal",),
            ("Time to go-live", "Changes to the plan"),
            "Professional services",
        ),
        Step(
            "Onboarding and service delivery",
            "Reviews the first month-end close on the new system",
            "Accounts-payable dashboard\nMonthly business review",
            "Proof that the close is shorter",
            "Six days. And not one late-payment penalty this month.",
            "satisfied, proud",
            None,
            ("The dashboard does not export to the board-pack format",),
            ("A board-pack export of accounts-payable metrics",),
            ("Days to close", "Touchless invoice rate", "Net revenue retention"),
            "Customer success",
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# Row layout
# --------------------------------------------------------------------------------------------

Formatter = Callable[[Sequence[str]], str]


def bullets(items: Sequence[str]) -> str:
    """Return list items as '•' bullet lines."""
    return "\n".join(f"• {item}" for item in items)


def dashes(items: Sequence[str]) -> str:
    """Return list items as '-' bullet lines."""
    return "\n".join(f"- {item}" for item in items)


def numbered(items: Sequence[str]) -> str:
    """Return list items as '1.' numbered lines."""
    return "\n".join(f"{number}. {item}" for number, item in enumerate(items, 1))


def lines(items: Sequence[str]) -> str:
    """Return list items one per line."""
    return "\n".join(items)


@dataclass(frozen=True)
class RowSheet:
    """How one persona sheet of the row layout is written."""

    persona: Persona
    columns: tuple[tuple[str, str, float], ...]  # (Step field, header, width)
    stage_cells: str  # "merged", "blank" (same as above) or "every"
    list_format: Formatter
    title: str | None = None
    photo: bytes | None = None


STANDARD_COLUMNS = (
    ("stage", "Stage", 16),
    ("action", "Step", 34),
    ("touchpoint", "Touchpoint", 22),
    ("goal", "Goal", 26),
    ("thoughts", "Thoughts", 30),
    ("emotions", "Emotions", 18),
    ("score", "Emotion score (-5 to +5)", 14),
    ("pain_points", "Pain points", 36),
    ("opportunities", "Opportunities", 36),
    ("kpis", "KPIs", 26),
    ("owner", "Owner", 18),
    ("evidence", "Evidence", 24),
    ("moment", "Moment of truth", 26),
)

# Renée's sheet puts the pains and opportunities before the emotions, as some agencies do.
REORDERED_COLUMNS = tuple(STANDARD_COLUMNS[i] for i in (0, 1, 2, 3, 4, 7, 8, 5, 6, 9, 10, 11, 12))

# Marcus's sheet uses the other words the field has for the same columns.
SYNONYM_COLUMNS = (
    ("stage", "Phase", 16),
    ("action", "Customer action", 34),
    ("touchpoint", "Channel", 22),
    ("goal", "Need", 26),
    ("thoughts", "Questions", 30),
    ("emotions", "Feelings", 18),
    ("score", "Sentiment (-5 to +5)", 14),
    ("pain_points", "Challenges", 36),
    ("opportunities", "Ideas", 36),
    ("kpis", "Metrics", 26),
    ("owner", "Team", 18),
    ("evidence", "Source", 24),
    ("moment", "Moment of truth", 26),
)


def write_profile(sheet: Worksheet, profile: Persona, first_row: int, list_format: Formatter) -> int:
    """Write the key/value profile block from first_row; return the row after it."""
    row = first_row
    for key, value in profile.profile:
        style_label_cell(sheet.cell(row=row, column=1, value=key))
        text = list_format(value) if isinstance(value, tuple) else value
        style_body_cell(sheet.cell(row=row, column=2, value=text))
        row += 1
    return row


def write_row_sheet(workbook: Workbook, spec: RowSheet) -> Worksheet:
    """Write one persona sheet in the row layout."""
    sheet = workbook.create_sheet(spec.persona.sheet)
    sheet.sheet_properties.tabColor = "1F4E5F"
    set_widths(sheet, [width for _, _, width in spec.columns])
    row = 1
    if spec.title:
        sheet.cell(row=1, column=1, value=spec.title).font = TITLE_FONT
        sheet.row_dimensions[1].height = 24
        row = 3
    profile_end = write_profile(sheet, spec.persona, row, spec.list_format)
    if spec.photo is not None:
        picture = SheetImage(io.BytesIO(spec.photo))
        picture.width = picture.height = 150
        sheet.add_image(picture, f"C{row}")

    header = profile_end + 1
    for column, (_, title, _) in enumerate(spec.columns, 1):
        sheet.cell(row=header, column=column, value=title)
    style_header_row(sheet, header, 1, len(spec.columns))

    row = header
    previous_stage = None
    stage_start = header + 1
    for step in spec.persona.steps:
        row += 1
        for column, (name, _, _) in enumerate(spec.columns, 1):
            value = getattr(step, name)
            if isinstance(value, tuple):
                value = spec.list_format(value) if name != "kpis" else lines(value)
            if name == "stage":
                new_stage = value != previous_stage
                if spec.stage_cells == "merged" and new_stage and previous_stage is not None:
                    _merge_down(sheet, column, stage_start, row - 1)
                if new_stage:
                    stage_start = row
                elif spec.stage_cells in ("merged", "blank"):
                    value = None
                previous_stage = step.stage
            cell = sheet.cell(row=row, column=column, value=None if value == "" else value)
            style_body_cell(cell, centred=name == "score")
            if name == "score":
                cell.number_format = SCORE_FORMAT
    if spec.stage_cells == "merged":
        _merge_down(sheet, 1, stage_start, row)

    score_column = next(i for i, (name, _, _) in enumerate(spec.columns, 1) if name == "score")
    letter = get_column_letter(score_column)
    sheet.conditional_formatting.add(f"{letter}{header + 1}:{letter}{row}", score_colour_scale())
    fit_row_heights(sheet)
    sheet.freeze_panes = f"C{header + 1}"
    set_print_setup(sheet, landscape=True, title_row=header)
    return sheet


def _merge_down(sheet: Worksheet, column: int, first: int, last: int) -> None:
    if last > first:
        sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)
    cell = sheet.cell(row=first, column=column)
    cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    cell.font = Font(name="Calibri", size=11, bold=True, color="1F4E5F")


# --------------------------------------------------------------------------------------------
# Canvas layout
# --------------------------------------------------------------------------------------------


def write_canvas_sheet(workbook: Workbook, persona: Persona, *, title: str | None, with_scores: bool) -> None:
    """Write one persona sheet in the canvas layout: stages across, lanes down."""
    sheet = workbook.create_sheet(persona.sheet)
    sheet.sheet_properties.tabColor = "2E5E4E"
    steps = persona.steps
    set_widths(sheet, [20] + [30] * len(steps))
    row = 1
    if title:
        sheet.cell(row=1, column=1, value=title).font = TITLE_FONT
        sheet.row_dimensions[1].height = 24
        row = 3
    for key, value in persona.profile:
        style_label_cell(sheet.cell(row=row, column=1, value=key))
        style_body_cell(
            sheet.cell(row=row, column=2, value=lines(value) if isinstance(value, tuple) else value)
        )
        row += 1

    stage_row = row + 1
    sheet.cell(row=stage_row, column=1, value="Stage")
    column = 2
    while column - 2 < len(steps):
        stage = steps[column - 2].stage
        span = 1
        while column - 2 + span < len(steps) and steps[column - 2 + span].stage == stage:
            span += 1
        sheet.cell(row=stage_row, column=column, value=stage)
        if span > 1:
            sheet.merge_cells(
                start_row=stage_row, start_column=column, end_row=stage_row, end_column=column + span - 1
            )
        column += span
    style_header_row(sheet, stage_row, 1, len(steps) + 1)
    for index in range(len(steps) + 1):
        cell = sheet.cell(row=stage_row, column=index + 1)
        cell.alignment = Alignment(
            horizontal="center" if index else "left", vertical="center", wrap_text=True
        )

    lane_row = stage_row
    for name, label in LANES:
        if name == "score" and not with_scores:
            continue
        lane_row += 1
        lane = sheet.cell(row=lane_row, column=1, value=label)
        style_label_cell(lane)
        for offset, step in enumerate(steps):
            value = getattr(step, name)
            if isinstance(value, tuple):
                value = bullets(value) if name in ("pain_points", "opportunities") else lines(value)
            cell = sheet.cell(row=lane_row, column=offset + 2, value=value)
            style_body_cell(cell, centred=name == "score")
    if with_scores:
        score_row = stage_row + 1 + [name for name, _ in LANES].index("score")
        last = get_column_letter(len(steps) + 1)
        sheet.conditional_formatting.add(f"B{score_row}:{last}{score_row}", score_colour_scale(1, 5))
    fit_row_heights(sheet)
    sheet.freeze_panes = f"B{stage_row + 1}"
    set_print_setup(sheet, landscape=True)
    sheet.print_title_cols = "A:A"


# --------------------------------------------------------------------------------------------
# Shared sheets
# --------------------------------------------------------------------------------------------


def write_project(workbook: Workbook, fields: Sequence[tuple[str, str | datetime]]) -> None:
    """Write the Project sheet: field names in column A, values in column B."""
    sheet = workbook.create_sheet("Project")
    sheet.sheet_properties.tabColor = "7F8C8D"
    set_widths(sheet, (20, 90))
    for row, (key, value) in enumerate(fields, 1):
        style_label_cell(sheet.cell(row=row, column=1, value=key))
        cell = sheet.cell(row=row, column=2, value=value)
        style_body_cell(cell)
        if isinstance(value, datetime):
            cell.number_format = "d mmmm yyyy"
    fit_row_heights(sheet)
    set_print_setup(sheet, landscape=False)


def write_table(
    workbook: Workbook, title: str, rows: Sequence[tuple[str, str]], widths: Sequence[float]
) -> None:
    """Write a small table with a styled header row."""
    sheet = workbook.create_sheet(title)
    sheet.sheet_properties.tabColor = "7F8C8D"
    set_widths(sheet, widths)
    for row in rows:
        sheet.append(row)
    style_header_row(sheet, 1, 1, len(rows[0]))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            style_body_cell(cell)
    sheet.freeze_panes = "A2"
    fit_row_heights(sheet)
    set_print_setup(sheet, landscape=False, title_row=1)


def write_readme(sheet: Worksheet, paragraphs: Sequence[str]) -> None:
    """Write a notes sheet the reader skips by its name."""
    sheet.title = "README"
    sheet.sheet_properties.tabColor = "7F8C8D"
    sheet.sheet_view.showGridLines = False
    set_widths(sheet, (110,))
    headings = {"About this workbook", "Sheets", "Scores"}
    for row, text in enumerate(paragraphs, 1):
        cell = sheet.cell(row=row, column=1, value=text or None)
        cell.alignment = BODY_ALIGNMENT
        if text in headings:
            cell.font = TITLE_FONT if row == 1 else Font(name="Calibri", size=11, bold=True, color="1F4E5F")
    fit_row_heights(sheet)
    set_print_setup(sheet, landscape=False)


# --------------------------------------------------------------------------------------------
# The photo
# --------------------------------------------------------------------------------------------


def portrait(size: int = 600) -> bytes:
    """Return an illustrated head-and-shoulders portrait as PNG bytes, drawn at 2x and reduced."""
    scale = 2
    big = size * scale

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * big), round(y0 * big), round(x1 * big), round(y1 * big))

    def point(x: float, y: float) -> tuple[int, int]:
        return (round(x * big), round(y * big))

    top, bottom = (214, 232, 226), (246, 236, 220)
    mask = Image.linear_gradient("L").resize((big, big))
    canvas = Image.composite(Image.new("RGB", (big, big), bottom), Image.new("RGB", (big, big), top), mask)

    glow = Image.new("L", (big, big), 0)
    ImageDraw.Draw(glow).ellipse(box(0.18, 0.10, 0.82, 0.74), fill=140)
    glow = glow.filter(ImageFilter.GaussianBlur(big * 0.06))
    canvas = Image.composite(Image.new("RGB", (big, big), (252, 250, 244)), canvas, glow)

    draw = ImageDraw.Draw(canvas)
    skin, skin_shade = (231, 190, 160), (208, 160, 130)
    hair, hair_light = (92, 58, 40), (120, 80, 56)
    jacket, jacket_dark = (74, 112, 92), (58, 90, 74)
    shirt = (236, 224, 196)

    # Hair behind the head, falling to the shoulders.
    draw.rounded_rectangle(box(0.30, 0.24, 0.70, 0.70), radius=round(0.16 * big), fill=hair)
    # Shoulders, an open jacket over a light top, a zip.
    draw.ellipse(box(0.10, 0.70, 0.90, 1.30), fill=jacket)
    draw.polygon([point(0.40, 0.70), point(0.50, 0.86), point(0.60, 0.70)], fill=shirt)
    draw.polygon(
        [point(0.38, 0.71), point(0.50, 0.88), point(0.44, 1.0), point(0.30, 0.74)], fill=jacket_dark
    )
    draw.polygon(
        [point(0.62, 0.71), point(0.50, 0.88), point(0.56, 1.0), point(0.70, 0.74)], fill=jacket_dark
    )
    draw.line([point(0.50, 0.88), point(0.50, 1.0)], fill=(200, 196, 180), width=round(0.006 * big))
    # Neck with a soft shadow under the chin.
    draw.rounded_rectangle(box(0.445, 0.56, 0.555, 0.76), radius=round(0.04 * big), fill=skin)
    draw.ellipse(box(0.445, 0.58, 0.555, 0.66), fill=skin_shade)
    # Ears, head.
    draw.ellipse(box(0.345, 0.40, 0.395, 0.50), fill=skin_shade)
    draw.ellipse(box(0.605, 0.40, 0.655, 0.50), fill=skin_shade)
    draw.ellipse(box(0.36, 0.22, 0.64, 0.62), fill=skin)
    # Hair on top, with a side parting and a highlight.
    draw.chord(box(0.34, 0.18, 0.66, 0.50), start=180, end=360, fill=hair)
    draw.polygon(
        [
            point(0.355, 0.34),
            point(0.36, 0.40),
            point(0.43, 0.355),
            point(0.53, 0.32),
            point(0.645, 0.37),
            point(0.645, 0.34),
        ],
        fill=hair,
    )
    draw.arc(box(0.40, 0.21, 0.62, 0.40), start=215, end=300, fill=hair_light, width=round(0.012 * big))

    # Face: brows, closed smiling eyes, nose, smile; cheeks added blurred below.
    ink = (70, 46, 36)
    line = round(0.007 * big)
    draw.arc(box(0.415, 0.375, 0.475, 0.405), start=200, end=340, fill=hair, width=line)
    draw.arc(box(0.525, 0.375, 0.585, 0.405), start=200, end=340, fill=hair, width=line)
    draw.arc(box(0.425, 0.415, 0.470, 0.445), start=200, end=340, fill=ink, width=line)
    draw.arc(box(0.530, 0.415, 0.575, 0.445), start=200, end=340, fill=ink, width=line)
    draw.arc(box(0.485, 0.44, 0.515, 0.505), start=300, end=60, fill=skin_shade, width=line)
    draw.arc(box(0.445, 0.48, 0.555, 0.56), start=20, end=160, fill=(170, 84, 78), width=round(0.009 * big))

    cheeks = Image.new("L", (big, big), 0)
    cheek_draw = ImageDraw.Draw(cheeks)
    cheek_draw.ellipse(box(0.395, 0.46, 0.455, 0.51), fill=90)
    cheek_draw.ellipse(box(0.545, 0.46, 0.605, 0.51), fill=90)
    cheeks = cheeks.filter(ImageFilter.GaussianBlur(big * 0.012))
    canvas = Image.composite(Image.new("RGB", (big, big), (232, 150, 140)), canvas, cheeks)

    out = io.BytesIO()
    canvas.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG")
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# The workbooks
# --------------------------------------------------------------------------------------------


def build_example() -> Workbook:
    """Return the B2C sample: an online outdoor-gear shop, three personas, row layout."""
    workbook = Workbook()
    write_readme(workbook.active, RETAIL_README)
    write_project(workbook, RETAIL_PROJECT)
    write_table(workbook, "Stages", (("Stage", "Description"), *RETAIL_STAGES), (22, 90))
    write_row_sheet(workbook, RowSheet(EMMA, STANDARD_COLUMNS, "merged", bullets, photo=portrait()))
    write_row_sheet(
        workbook,
        RowSheet(
            RENEE,
            REORDERED_COLUMNS,
            "blank",
            dashes,
            title="Renée Dubois: buying trail shoes from France",
        ),
    )
    write_row_sheet(workbook, RowSheet(MARCUS, SYNONYM_COLUMNS, "every", numbered))
    return workbook


def build_b2b() -> Workbook:
    """Return the B2B sample: an accounts-payable automation purchase, two personas, canvas layout."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    write_project(workbook, B2B_PROJECT)
    write_canvas_sheet(workbook, INES, title="Journey map: IT procurement lead", with_scores=True)
    write_canvas_sheet(workbook, DANIEL, title=None, with_scores=False)
    write_table(workbook, "_Sources", B2B_SOURCES, (26, 70))
    return workbook


SAMPLES: dict[str, Callable[[], Workbook]] = {
    "example.xlsx": build_example,
    "b2b-example.xlsx": build_b2b,
}


def main(argv: Sequence[str] | None = None) -> None:
    """Write the sample workbooks into folders (default: the package's samples and inputs/)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folders", nargs="*", type=Path, help="where to write (default: src/mapgen/samples and inputs)"
    )
    folders = parser.parse_args(argv).folders or list(DEFAULT_FOLDERS)
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    for name, build in SAMPLES.items():
        first = folders[0] / name
        save_workbook(build(), first, force=True)
        print(f"Wrote {first}")
        for folder in folders[1:]:
            # Copied, not saved again: the copies cannot differ.
            shutil.copyfile(first, folder / name)
            print(f"Wrote {folder / name}")


if __name__ == "__main__":
    main()
