"""Extractive composers, one module per answer mode, over a shared sentence selection."""

from __future__ import annotations


def fixed_queries() -> list[str]:
    """Every text the composers embed as a query whatever the request (arguments, the key-figures and advice
    topics, the article's paragraph themes, the fiche tools' searches): embedded at ingest into the cache, pinned
    at warm-up, so that a visitor's answer embeds only its own words."""
    from assistant.compose.article import PARAGRAPHS
    from assistant.compose.computation import PRESENTING_COST
    from assistant.compose.counter import fixed_queries as counter_queries
    from assistant.compose.tools import TOOLS

    texts = counter_queries() + [theme for _, theme in PARAGRAPHS] + [tool.query for tool in TOOLS] + [PRESENTING_COST]
    return list(dict.fromkeys(texts))
