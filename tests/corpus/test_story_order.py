"""The story list reads its pages from an index on its sort key, never sorting every story."""

from __future__ import annotations

from storyline.corpus.store import Store
from storyline.corpus.store.stories import list_stories, stories_query

STORIES = 3000
PAGE = 51


def _fill(store: Store) -> list[int]:
    """Stories with dates over a year, every seventh undated; their ids in list order."""
    rows = [
        {
            "title": f"story {i}",
            "created_at": "2025-01-01T00:00:00+00:00",
            "first_date": None,
            "last_date": None if i % 7 == 0 else f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            "articles": 1,
            "seq": i // 3,  # ties on date and seq are broken by id
            "data": "{}",
        }
        for i in range(STORIES)
    ]
    with store.transaction():
        store._insert_many("stories", rows)
    store._execute("ANALYZE")
    listed = store.query("SELECT id, last_date, seq FROM stories")
    listed.sort(key=lambda r: (r["last_date"] or "", r["seq"], r["id"]), reverse=True)
    return [int(r["id"]) for r in listed]


# The plans of the first page and of a later one: both read the index from its end, the
# later one from its cursor's key on; neither sorts nor reads the stories table whole
# (SQLite's SCAN of an index stops at the LIMIT).
PLANS = {
    "sqlite": (
        ["SCAN s USING INDEX stories_recent"],
        ["SEARCH s USING INDEX stories_recent (<expr><?)"],
    ),
    "postgresql": (
        ["Limit", "->  Index Scan Backward using stories_recent on stories s"],
        ["Limit", "->  Index Scan Backward using stories_recent on stories s"],
    ),
}


def _steps(plan: list[str]) -> list[str]:
    """The plan's nodes, without PostgreSQL's conditions."""
    return [step for step in plan if not step.startswith(("Index Cond:", "Filter:"))]


def test_pages_of_stories_come_from_the_index_in_order(store: Store) -> None:
    expected = _fill(store)
    first = list_stories(store, PAGE)
    key = (first[-1]["sort_date"], first[-1]["seq"], first[-1]["id"])
    plans = (store.plan(*stories_query(PAGE)), store.plan(*stories_query(PAGE, after=key)))
    assert tuple(_steps(p) for p in plans) == PLANS[store.backend]
    seen: list[int] = []
    after = None
    while page := list_stories(store, PAGE, after=after):
        seen += [int(r["id"]) for r in page]
        last = page[-1]
        after = (last["sort_date"], last["seq"], last["id"])
    assert seen == expected
