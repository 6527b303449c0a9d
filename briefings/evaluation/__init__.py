"""How well the pipeline does against hand-made gold: not part of a build.

``extraction`` scores sections, boilerplate and dates against per-article gold labels (the
``briefings eval`` command); ``merging`` scores the cross-outlet merge against the fact-level
gold that ships in ``data/merge-gold.jsonl`` (``python -m briefings.evaluation.merging``).
Both tell apart what was tuned from what holds up with the same k-fold splits (``folds``).
"""
