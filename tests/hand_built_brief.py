"""The hand-built brief of the render tests, shared by test_render, test_jsonout and test_tags.

Invented (outlets and sentences), realistic in shape: several sections, key points, a
looking-ahead calendar, six sources, and one hostile fact and URL that must come out inert.
Built with ``factories``; not a test module.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import factories
from briefings.model import Brand, Brief, BriefFact, BriefSection, BriefStats, Citation, DateMention, UpcomingEvent, Window
from factories import make_brief_fact, make_citation

KYIV = timezone(timedelta(hours=3))
HOSTILE = 'Protesters held signs reading <script>alert(1)</script> and <img src="file:///etc/passwd"> outside the ministry.'
JS_URL = "javascript:alert(1)"


def numbered_citation(number: int, outlet: str, title: str, url: str | None, hour: int | None) -> Citation:
    """Source ``number`` of the brief, published at ``hour``:15 Kyiv time (None: undated)."""
    published = datetime(2025, 7, 22, hour, 15, tzinfo=KYIV) if hour is not None else None
    return make_citation(article_id=f"art{number:03d}", outlet=outlet, title=title, url=url, published=published,
                         number=number)


SOURCES = (
    numbered_citation(1, "Kyiv Ledger", "Delegations to meet again in Istanbul", "https://ledger.example/istanbul", 7),
    numbered_citation(2, "Baltic Wire", "Overnight drone attack hits Odesa port", "https://balticwire.example/odesa", 9),
    numbered_citation(3, "Danube Observer", "EU agrees new aid tranche", "http://danube.example/aid?id=7&x=1", 11),
    numbered_citation(4, "Harbour Post", "Grain corridor insurance extended", JS_URL, 13),
    numbered_citation(5, "Steppe Daily", "Officials weigh prisoner exchange", None, None),
    numbered_citation(6, "Carpathian Review", "Energy ministry warns of winter shortfall", "https://carpathian.example/energy", 18),
)


def cited_fact(text: str, section: str, cites: tuple[int, ...], *, attribution: str | None = None,
               dates: tuple[DateMention, ...] = (), unnamed_source: bool = False) -> BriefFact:
    """A line of the brief citing sources ``cites`` (numbers into ``SOURCES``)."""
    return make_brief_fact(id=f"f-{abs(hash(text)) % 10**8}", text=text, section=section, score=0.8,
                           citations=tuple(SOURCES[n - 1] for n in cites), dates=dates, attribution=attribution,
                           unnamed_source=unnamed_source)


WED = DateMention("on Wednesday", date(2025, 7, 23), date(2025, 7, 23))
TALKS = cited_fact("Ukrainian and Russian delegations will meet in Istanbul on Wednesday for a third round of talks, "
                   "the presidential office said.", "diplomacy", (1, 5), attribution="presidential office", dates=(WED,))
DRONES = cited_fact("At least 14 people were injured when drones struck port infrastructure in Odesa overnight, "
                    "regional officials said.", "strikes", (2,), attribution="regional officials")
AID = cited_fact("The European Union approved a €1.2 billion tranche of macro-financial assistance, "
                 "to be disbursed by the end of August.", "aid", (3, 1))
PRISONERS = cited_fact("A prisoner exchange involving up to 300 people is being prepared, according to two sources "
                       "familiar with the negotiations.", "diplomacy", (5,), attribution="two unnamed sources",
                       unnamed_source=True)  # as extraction marks it (entities.is_unnamed)
HOSTILE_FACT = cited_fact(HOSTILE, "other", (4,))


def make_brief(logo: str | None = None, **changes: object) -> Brief:
    """A realistic brief for 22 July 2025 (Europe/Kyiv), built by hand."""
    diplomacy = BriefSection("diplomacy", "Diplomacy", (
        TALKS,
        PRISONERS,
        cited_fact("The foreign minister told reporters that any ceasefire must be verified by international "
                   "monitors before sanctions relief is discussed.", "diplomacy", (1,), attribution="foreign minister"),
    ), more=4)
    strikes = BriefSection("strikes", "Strikes", (
        DRONES,
        cited_fact("Air defence units shot down 37 of 41 drones launched overnight, the air force said.",
                   "strikes", (2, 6), attribution="air force"),
        cited_fact("Power was cut to about 20,000 households in the Sumy region after a strike on a substation.",
                   "strikes", (6,)),
    ))
    aid = BriefSection("aid", "Aid", (
        AID,
        cited_fact("Insurers extended war-risk cover for grain ships using the Black Sea corridor until October.",
                   "aid", (4,)),
    ))
    other = BriefSection("other", "Other news", (
        HOSTILE_FACT,
        cited_fact("The energy ministry warned that gas storage is 15% below the level planned for mid-July.",
                   "other", (6,)),
    ))
    looking_ahead = (
        UpcomingEvent(date(2025, 7, 23), date(2025, 7, 23),
                      "Third round of direct talks between Ukrainian and Russian delegations in Istanbul.",
                      "diplomacy", (SOURCES[0], SOURCES[4]), "on Wednesday"),
        UpcomingEvent(date(2025, 7, 24), date(2025, 7, 25),
                      "EU foreign ministers meet in Brussels to discuss the next sanctions package and "
                      "long-term security commitments for Ukraine, including air defence deliveries.",
                      "diplomacy", (SOURCES[2],), "Thursday and Friday"),
        UpcomingEvent(date(2025, 8, 31), date(2025, 8, 31),
                      "Deadline for disbursing the EU assistance tranche.", "aid", (SOURCES[3],),
                      "by the end of August"),
    )
    brand = Brand(name="Example Risk Desk", primary="#0b3d91", accent="#ffd500",
                  marking="FOR INTERNAL USE", footer="Prepared automatically from open sources.",
                  logo=logo)
    brief = factories.make_brief(
        date=date(2025, 7, 22),
        title="Ukraine Morning Brief",
        window=Window(datetime(2025, 7, 22, tzinfo=KYIV), datetime(2025, 7, 23, tzinfo=KYIV), "Europe/Kyiv"),
        brand=brand,
        key_points=(TALKS, DRONES, AID),
        sections=(diplomacy, strikes, aid, other),
        looking_ahead=looking_ahead,
        articles=SOURCES,
        stats=BriefStats(articles=6, sentences=61, facts=14, boilerplate=7, merged=2, undated=1),
        generated=datetime(2025, 7, 23, 6, 30, tzinfo=UTC),
    )
    return replace(brief, **changes) if changes else brief
