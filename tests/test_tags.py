"""Caution tags (single source, unnamed sources, pledged/delivered) in the brand's language."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from briefings.render import render_brief
from hand_built_brief import make_brief


def test_caution_tags_speak_the_brands_language(tmp_path: Path) -> None:
    """Tags reach the PDF/HTML and the email in the brief's language, like its other labels."""
    from briefings.render.email import email_context
    from briefings.render.html import fact_tags

    brief = make_brief()
    fact = dataclasses.replace(brief.sections[0].facts[0], attribution="officials", claim_status="single_source",
                               unnamed_source=True, aid_status="pledged")
    assert fact_tags(fact) == ["single unnamed source", "pledged"]
    assert fact_tags(fact, "fr") == ["source unique anonyme", "promis"]
    assert fact_tags(fact, "uk") == ["єдине анонімне джерело", "обіцяно"]
    french = dataclasses.replace(brief, brand=dataclasses.replace(brief.brand, language="fr"),
                                 sections=(dataclasses.replace(brief.sections[0], facts=(fact,)),))
    render_brief(french, tmp_path, {"html"})
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "source unique anonyme" in html and "single unnamed source" not in html
    email = email_context(french)
    assert any("promis" in line for line in str(email).splitlines())
