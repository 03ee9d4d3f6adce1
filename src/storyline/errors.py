"""One exception tree for the whole package.

Each class knows the exit code the CLI returns for it, the HTTP status the API
answers with, and the short ``type`` name the API reports, so the command line
and the web app report an error the same way::

    StorylineError (exit 1, HTTP 500)               internal
    ├── InputError (exit 2, HTTP 400)               bad_input: the input cannot be used
    │   ├── EmptyInputError                         empty_input: nothing to read
    │   ├── BinaryInputError                        binary_input: not text or HTML
    │   ├── NoArticleError (HTTP 422)               no_article: no article text in it
    │   ├── TooLargeError (HTTP 413)                too_large: over a size limit
    │   ├── TimeLimitError (HTTP 422)               time_limit: analysis took too long
    │   ├── ArgumentError                           bad_argument: a query argument out of range
    │   ├── NotFoundError (HTTP 404)                not_found: no such article, story, entity
    │   ├── ForbiddenURLError                       forbidden_url: a scheme or address refused
    │   ├── UnauthorizedError (HTTP 401)            unauthorized: no or a wrong API token
    │   ├── DisabledError (HTTP 403)                disabled: the server was started without it
    │   └── FetchError (exit 3, HTTP 502)           fetch_failed: a URL could not be fetched
    ├── ConfigError (exit 2)                        bad_config: a settings file or value
    ├── ModelMissingError (exit 4, HTTP 503)        model_missing: the spaCy model is absent
    ├── DependencyError (exit 4, HTTP 503)          dependency_missing: a package is absent
    ├── BusyError (HTTP 503)                        busy: too many analyses at once
    ├── ClusterError (exit 6, HTTP 503)             cluster: the Dask cluster cannot be used
    └── StoreError (exit 5, HTTP 500)               store: the corpus store refused
        ├── StoreNotFoundError                      store_not_found: no store at the target
        ├── ReadOnlyStoreError                      store_read_only: the store cannot be written
        └── StoreUnavailableError (HTTP 503)        store_unavailable: server gone, disk full
"""

from __future__ import annotations

from typing import Any


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""

    exit_code = 1
    http_status = 500
    type = "internal"

    def to_dict(self) -> dict[str, Any]:
        """The error as the API reports it: ``{"type", "message", "status"}``."""
        return {"type": self.type, "message": str(self), "status": self.http_status}


class InputError(StorylineError):
    exit_code = 2
    http_status = 400
    type = "bad_input"


class EmptyInputError(InputError):
    type = "empty_input"


class BinaryInputError(InputError):
    type = "binary_input"


class NoArticleError(InputError):
    http_status = 422
    type = "no_article"


class TooLargeError(InputError):
    http_status = 413
    type = "too_large"


class TimeLimitError(InputError):
    http_status = 422
    type = "time_limit"


class ArgumentError(InputError):
    type = "bad_argument"


class NotFoundError(InputError):
    http_status = 404
    type = "not_found"


class ForbiddenURLError(InputError):
    type = "forbidden_url"


class UnauthorizedError(InputError):
    http_status = 401
    type = "unauthorized"


class DisabledError(InputError):
    http_status = 403
    type = "disabled"


class FetchError(InputError):
    exit_code = 3
    http_status = 502
    type = "fetch_failed"


class ConfigError(StorylineError):
    exit_code = 2
    http_status = 500
    type = "bad_config"


class ModelMissingError(StorylineError):
    exit_code = 4
    http_status = 503
    type = "model_missing"


class DependencyError(StorylineError):
    exit_code = 4
    http_status = 503
    type = "dependency_missing"


class BusyError(StorylineError):
    http_status = 503
    type = "busy"

    def __init__(self, message: str, retry_after: int = 5) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ClusterError(StorylineError):
    exit_code = 6
    http_status = 503
    type = "cluster"


class StoreError(StorylineError):
    exit_code = 5
    http_status = 500
    type = "store"


class StoreNotFoundError(StoreError):
    type = "store_not_found"


class ReadOnlyStoreError(StoreError):
    type = "store_read_only"


class StoreUnavailableError(StoreError):
    """The store as a whole cannot be used now: its server went away, its disk is full.

    Unlike a ``StoreError`` about one document, no later write can succeed either,
    so a run of many documents stops at the first one.
    """

    http_status = 503
    type = "store_unavailable"
