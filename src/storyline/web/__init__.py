"""The web app: server-rendered pages over a corpus, each with a JSON twin, and analysis.

``create_app(WebConfig(db=...))`` gives the ASGI app that ``storyline serve`` runs
under uvicorn. It reads the store through read-only connections and calls
``storyline.analyze`` for ad-hoc input; it holds no analysis code of its own.
"""

from storyline.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
