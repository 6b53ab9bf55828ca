"""The partnership's own words for the public: what it calls its documents, and its paragraphs."""

from __future__ import annotations

import attrs

from csp_core.model import _checks

__all__ = ["PartnershipTexts"]


@attrs.frozen(kw_only=True)
class PartnershipTexts:
    """What the partnership says of itself on its pages, in its own words; every field optional.

    The publishers print these where a partnership's page describes itself, and without them
    they print only what is true of any partnership: no claim about how many meetings are open,
    no name of a document the partnership may call otherwise, no sentence about one place.
    Paragraphs are plain text, one entry each, in the order given.
    """

    plan_name: str | None = attrs.field(default=None, validator=_checks.text)
    """What the partnership calls its plan, as a heading: 'Community Safety Strategy'.
    Without it: 'Community safety plan'."""
    assessment_name: str | None = attrs.field(default=None, validator=_checks.text)
    """What it calls its strategic assessment, as a heading: 'Community Safety Needs
    Assessment'.  Without it: 'Strategic assessments'."""
    introduction: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    """Paragraphs after the purpose and key roles, before the plan in force."""
    plan: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    """Paragraphs at the top of the plan section."""
    priorities: str | None = attrs.field(default=None, validator=_checks.text)
    """What it says of every plan's priorities, above them.  Without it, a sentence from the
    data: 'Each priority has a lead officer.' (with 'aims and targets' when every priority has
    both)."""
    assessments: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    """Paragraphs at the top of the assessments section, in place of the general one."""
    meetings: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    """Paragraphs at the top of the meetings section, before the publication promises."""
    members: tuple[str, ...] = attrs.field(default=(), validator=_checks.texts)
    """Paragraphs at the top of the members section, in place of the general one."""
