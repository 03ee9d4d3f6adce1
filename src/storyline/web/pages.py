"""The pages and their JSON twins: one library call each, rendered or sent as JSON.

``/articles/12`` renders what ``/articles/12.json`` sends, and both come from the
function the command line calls (``storyline show 12 -f json``). The twins are the
API's GET routes and appear in ``/openapi.json``; the pages do not.
"""

# No ``from __future__ import annotations``: FastAPI reads these signatures at run time,
# and the page routes reuse the twins' signatures in another module's namespace.

import inspect
import urllib.parse
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.templating import Jinja2Templates

from storyline import corpus
from storyline.corpus import browse
from storyline.corpus.formats import render_rows
from storyline.corpus.query import ID_MAX
from storyline.web.app import Stores
from storyline.web.charts import dates_chart, month_chart
from storyline.web.marks import marked

PAGE_MAX = 1000  # most rows a page or export holds
PAGE_SIZE = 20  # rows a list page shows unless asked otherwise
Page = Annotated[int, Query(ge=1, le=PAGE_MAX, description="rows per page")]
Cursor = Annotated[str | None, Query(description="the `next` value of the previous page")]
Source = Annotated[str | None, Query(description="the site (or file) articles come from")]
Since = Annotated[str | None, Query(description="on or after, YYYY[-MM[-DD]]")]
Until = Annotated[str | None, Query(description="on or before, YYYY[-MM[-DD]]")]
Entity = Annotated[
    int | None, Query(ge=1, le=ID_MAX, description="articles naming this entity (its id)")
]
Type = Annotated[str | None, Query(description="articles with an event of this PLOVER type")]
Id = Annotated[int, Path(le=ID_MAX, description="the id")]
SEARCH_COLUMNS = ("id", "date", "title", "source", "url", "score", "snippet")


def article_filters(
    source: Source = None,
    since: Since = None,
    until: Until = None,
    entity: Entity = None,
    type: Type = None,
) -> corpus.Filters:
    """The query parameters that narrow a list of articles, read once for every route."""
    return corpus.Filters(source=source, since=since, until=until, entity=entity, type=type)


Filtered = Annotated[corpus.Filters, Depends(article_filters)]


def link(path: str, params: Any = None, **changes: Any) -> str:
    """``path`` with the query ``params`` updated by ``changes`` (None drops a key)."""
    merged = {k: v for k, v in dict(params or {}).items() if k != "cursor"}
    merged.update(changes)
    query = urllib.parse.urlencode({k: v for k, v in merged.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, which is all a page links out to."""
    return url if url and urllib.parse.urlsplit(url).scheme in ("http", "https") else None


def register(app: FastAPI) -> None:
    stores: Stores = app.state.stores
    templates: Jinja2Templates = app.state.templates
    templates.env.globals["link"] = link
    templates.env.globals["page_size"] = PAGE_SIZE
    templates.env.globals["month_chart"] = month_chart
    templates.env.globals["dates_chart"] = dates_chart
    templates.env.globals["marked"] = marked
    templates.env.globals["marked_parts"] = browse.marked_parts
    templates.env.filters["web_url"] = web_url

    def twin(path: str, twin_path: str, template: str) -> Callable[[Callable[..., Any]], Any]:
        """Serve ``fn``'s dict as JSON at ``twin_path`` and through ``template`` at ``path``."""

        def add(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
            app.add_api_route(twin_path, fn, methods=["GET"], summary=fn.__doc__)

            def page(request: Request, **params: Any) -> Response:
                data = fn(**params)
                context = {"data": data, "params": request.query_params, "nav": _nav(stores)}
                return templates.TemplateResponse(request, template, context)

            signature = inspect.signature(fn)
            request = inspect.Parameter(
                "request", inspect.Parameter.KEYWORD_ONLY, annotation=Request
            )
            page.__signature__ = signature.replace(  # type: ignore[attr-defined]
                parameters=[
                    request,
                    *(p.replace(kind=p.KEYWORD_ONLY) for p in signature.parameters.values()),
                ]
            )
            app.add_api_route(
                path, page, methods=["GET"], include_in_schema=False, response_class=HTMLResponse
            )
            return fn

        return add

    @twin("/", "/index.json", "index.html")
    def index() -> dict[str, Any]:
        """The corpus at a glance: counts, newest articles, most named entities."""
        return browse.overview(stores.get())

    @twin("/articles", "/articles.json", "articles.html")
    def articles(
        chosen: Filtered,
        cursor: Cursor = None,
        limit: Page = PAGE_SIZE,
    ) -> dict[str, Any]:
        """Articles newest first, narrowed by the filters, a page at a time."""
        return {**browse.articles(stores.get(), chosen, cursor, limit), "filters": chosen.to_dict()}

    @twin("/search", "/search.json", "search.html")
    def search(
        chosen: Filtered,
        q: Annotated[str, Query(max_length=500, description="words every result contains")] = "",
        cursor: Cursor = None,
        limit: Page = PAGE_SIZE,
    ) -> dict[str, Any]:
        """Full-text search, best first, with snippets and facets that narrow the result."""
        page = browse.search_page(stores.get(), q, chosen, cursor, limit, facets=True)
        return {**page, "query": q, "filters": chosen.to_dict()}

    @app.get("/search.csv", response_class=PlainTextResponse, summary="The search result as CSV")
    def search_csv(
        chosen: Filtered,
        q: Annotated[str, Query(max_length=500)] = "",
        cursor: Cursor = None,
        limit: Page = 100,
    ) -> Response:
        page = browse.search_page(stores.get(), q, chosen, cursor, limit)
        body = render_rows(page["items"], "csv", SEARCH_COLUMNS)
        headers = {"Content-Disposition": 'attachment; filename="search.csv"'}
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)

    @twin("/articles/{article_id:int}", "/articles/{article_id:int}.json", "article.html")
    def article(article_id: Id) -> dict[str, Any]:
        """One article with its record, copies, story and entity ids (as `storyline show`)."""
        return corpus.show(stores.get(), article_id)

    @twin("/entities/{entity_id:int}", "/entities/{entity_id:int}.json", "entity.html")
    def entity(entity_id: Id) -> dict[str, Any]:
        """One corpus entity: aliases, roles, quotes by and about it, events, company."""
        return corpus.corpus_entity(stores.get(), str(entity_id))

    @twin("/stories", "/stories.json", "stories.html")
    def stories(
        chosen: Filtered,
        cursor: Cursor = None,
        limit: Page = 50,
    ) -> dict[str, Any]:
        """Stories, newest activity first, with their articles, sources and top entities;
        the filters keep the stories with a member article they admit."""
        page = corpus.stories_page(stores.get(), chosen, cursor, limit)
        return {**page, "filters": chosen.to_dict()}

    @twin("/stories/{story_id:int}", "/stories/{story_id:int}.json", "story.html")
    def story(story_id: Id) -> dict[str, Any]:
        """One story: members, entities, merged figures, quotes by speaker, events, timeline."""
        return corpus.story(stores.get(), story_id)

    @twin("/quotes", "/quotes.json", "quotes.html")
    def quotes(
        chosen: Filtered,
        speaker: Annotated[
            str | None, Query(max_length=200, description="part of the speaker's name")
        ] = None,
        q: Annotated[
            str | None, Query(max_length=500, description="words the quote contains")
        ] = None,
        cursor: Cursor = None,
        limit: Page = PAGE_SIZE,
    ) -> dict[str, Any]:
        """Who said what across the corpus, newest first."""
        page = browse.quotes_page(stores.get(), speaker, q, chosen, cursor, limit)
        return {**page, "speaker": speaker, "query": q, "filters": chosen.to_dict()}


def _nav(stores: Stores) -> dict[str, bool]:
    """Which sections the store has something for: stories appear once it holds some."""
    return {"stories": stores.get().has_stories()}
