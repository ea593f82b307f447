"""What a journey says: its moments that matter, shared pain points, key findings and action plan.

Pure functions of the model (and the theme, for words): every deliverable asks here, so each
rule is stated once. Modules: naming (what a step is called), moments (moments that matter,
highs, lows, the steepest drop, stages that hurt), pains (shared pain points, gaps), findings
(the key findings), actions (the prioritised plan), words (the theme's sentences filled in).
"""
