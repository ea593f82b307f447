"""The names French, German and Spanish maps give their columns and profile keys.

Teams keep journey maps in their own language (a French agency's export, a German client's
workbook for the default-de theme); the headers below are the ones such templates use. They are
matched as the English names are (case, accents, spaces and punctuation ignored), so "Étape",
"etape" and "ÉTAPE" are one name.
"""

from __future__ import annotations

__all__ = ["PROFILE_NAMES", "STEP_NAMES"]

STEP_NAMES: dict[str, tuple[str, ...]] = {
    "stage": (
        # French
        "étape",
        "étapes",
        "phase du parcours",
        "étape du parcours",
        # German
        "phase",
        "phasen",
        "stufe",
        "etappe",
        "abschnitt",
        # Spanish
        "etapa",
        "etapas",
        "fase",
        "fases",
    ),
    "action": (
        "actions du client",
        "action du client",
        "activité",
        "aktion",
        "aktivität",
        "handlung",
        "schritt",
        "kundenaktion",
        "acción",
        "acciones",
        "paso",
        "actividad",
    ),
    "touchpoint": (
        "point de contact",
        "points de contact",
        "canal",
        "canaux",
        "berührungspunkt",
        "berührungspunkte",
        "kontaktpunkt",
        "kontaktpunkte",
        "kanal",
        "punto de contacto",
        "puntos de contacto",
    ),
    "goal": (
        "objectif",
        "objectifs",
        "besoin",
        "besoins",
        "ziel",
        "ziele",
        "bedürfnis",
        "objetivo",
        "objetivos",
    ),
    "thoughts": ("pensées", "pensée", "citation", "gedanken", "zitat", "pensamientos", "cita"),
    "emotions": (
        "émotion",
        "émotions",
        "ressenti",
        "emotion",
        "emotionen",
        "gefühl",
        "gefühle",
        "emoción",
        "emociones",
    ),
    "score": (
        # Not "note" alone: an English sheet's "Note" column holds remarks, not scores.
        "note émotionnelle",
        "score émotionnel",
        "niveau d'émotion",
        "bewertung",
        "emotionswert",
        "puntuación",
        "valoración",
    ),
    "pain_points": (
        "points de douleur",
        "point de douleur",
        "points de friction",
        "irritants",
        "frustrations",
        "schmerzpunkte",
        "schmerzpunkt",
        "probleme",
        "hürden",
        "puntos de dolor",
        "puntos débiles",
        "fricciones",
    ),
    "opportunities": (
        "opportunités",
        "opportunité",
        "pistes d'amélioration",
        "chancen",
        "chance",
        "verbesserungen",
        "ideen",
        "oportunidades",
        "oportunidad",
        "mejoras",
    ),
    "kpis": ("indicateurs", "indicateur", "kennzahlen", "kennzahl", "indicadores"),
    "owner": ("responsable", "équipe", "verantwortlich", "verantwortung", "zuständig", "equipo"),
    "evidence": ("source", "sources", "preuves", "quelle", "quellen", "fuente", "evidencia"),
}

PROFILE_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("nom", "prénom", "nombre"),
    "role": (
        "métier",
        "profession",
        "poste",
        "fonction",
        "beruf",
        "rolle",
        "position",
        "puesto",
        "ocupación",
    ),
    "age": ("âge", "alter", "edad"),
    "location": ("lieu", "ville", "wohnort", "ort", "stadt", "ubicación", "ciudad"),
    "quote": ("citation", "zitat", "cita"),
    "bio": ("biographie", "histoire", "hintergrund", "über", "biografía"),
    "goals": ("objectifs", "ziele", "objetivos"),
    "motivations": ("motivations", "motivationen", "motivaciones"),
    "frustrations": ("frustrations", "frustrationen", "frustraciones"),
    "behaviours": ("comportements", "verhalten", "comportamientos"),
    "channels": ("canaux", "kanäle", "canales"),
    "photo": ("foto", "bild"),
}
