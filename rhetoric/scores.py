"""Per-1,000-word densities and the sourcing share, from the writer's own findings."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Category, Finding, Voice
from .sourcing import SentenceAssessment

_CATEGORIES = tuple(Category)


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__/__hash__ to generate at every start
class Scores:
    """The article's headline numbers."""

    densities: tuple[tuple[Category, float | None], ...]
    counts: tuple[tuple[Category, int], ...]
    quoted_findings: int
    claims: int
    attributed_claims: int

    @property
    def attributed_share(self) -> float | None:
        """Return the share of claim sentences credited to a source, or None without claims."""
        return round(self.attributed_claims / self.claims, 3) if self.claims else None


def score(words: int, findings: list[Finding], sentences: tuple[SentenceAssessment, ...],
          include_quoted: bool = False) -> Scores:
    """Return the scores; quoted speech is left out unless `include_quoted`."""
    # A member of an enum is slow to look up on its class, and iterating the class runs a
    # generator in Python: both are done once, not once per finding.
    author, quoted = Voice.AUTHOR, Voice.QUOTED
    counted = findings if include_quoted else [f for f in findings if f.voice is author]
    counts = dict.fromkeys(_CATEGORIES, 0)
    for f in counted:
        counts[f.category] += 1
    claims = [s for s in sentences if s.claim and not s.quoted]
    return Scores(
        densities=tuple((c, round(1000 * n / words, 2) if words else None) for c, n in counts.items()),
        counts=tuple(counts.items()),
        quoted_findings=sum(1 for f in findings if f.voice is quoted),
        claims=len(claims),
        attributed_claims=sum(1 for s in claims if s.attributed),
    )
