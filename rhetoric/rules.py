"""Every rule rhetoric applies: the lexicon families and the rules written as code."""

from __future__ import annotations

from dataclasses import dataclass

from .detectors import questions, scare_quotes, unsourced
from .findings import Category, Severity
from .lexicon import Lexicons


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule id with what it flags and examples that must (not) fire it."""

    id: str
    category: Category
    severity: Severity
    description: str
    should_flag: tuple[str, ...]
    should_pass: tuple[str, ...]
    source: str  # the lexicon file, or "code"
    entries: int = 0


CODE_RULES = (
    Rule(
        id=scare_quotes.RULE, category=Category.SCARE_QUOTE, severity=Severity.WARNING,
        description="Quotation marks the writer puts around a word or short phrase nobody is quoted as saying, "
                    "to distance from it or sneer at it; attributed quotations, titles and words mentioned as "
                    "words are told apart.",
        should_flag=("Critics of the ‘peacekeeping’ mission were ignored.",
                     "It calls this a 'reform' of the tax code."),
        should_pass=("She called the plan “a gigantic mistake,” aides said.",
                     "He wrote an essay entitled ‘Our Shared Future’.",
                     "Her doctors thought the risk was “manageable” at first."),
        source="code",
    ),
    Rule(
        id=unsourced.RULE, category=Category.UNSOURCED_ASSERTION, severity=Severity.INFO,
        description="A sentence in the writer's voice that asserts a checkable fact (figures, dates, events, "
                    "causes, superlatives) and credits no identifiable source; vague sources do not count.",
        should_flag=("Fares have doubled since 2019.", "Unemployment fell to 4.1 percent in March.",
                     "Emissions fell 12 percent under the Clean Power Plan."),
        should_pass=("Fares have doubled since 2019, according to the transport authority.",
                     "Unemployment fell to 4.1 percent in March, the statistics office said.",
                     "“Fares rose 40 percent in March,” said city councillor Ana Ruiz.",
                     "Fares rose 40 percent in March, data from the transport authority show.",
                     "Fares rose 40 percent in March, per city data.",
                     "Fares rose 40 percent in March, Reuters calculations show.",
                     "Fares rose 40 percent in March, the mayor pointed out."),
        source="code",
    ),
    Rule(
        id=questions.RULE, category=Category.RHETORICAL_QUESTION, severity=Severity.INFO,
        description="A question asked in the writer's own voice, steering the reader toward an answer.",
        should_flag=("Who will pay for all of this?", "Is it any wonder that voters are angry?"),
        should_pass=("“Who will pay for this?” asked Maria Lopez, a councillor.", "The council met on Tuesday."),
        source="code",
    ),
)


def all_rules(lexicons: Lexicons) -> list[Rule]:
    """Return every rule, lexicon families and code rules, sorted by id."""
    counts: dict[str, int] = {}
    for e in lexicons.entries:
        counts[e.family.rule] = counts.get(e.family.rule, 0) + 1
    families = [
        Rule(id=f.rule, category=f.category, severity=f.severity, description=f.description,
             should_flag=f.should_flag, should_pass=f.should_pass, source=f.path, entries=counts.get(f.rule, 0))
        for f in lexicons.families
    ]
    return sorted([*families, *CODE_RULES], key=lambda r: r.id)
