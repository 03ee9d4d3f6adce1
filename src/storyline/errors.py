"""One exception tree for the whole package.

Each class knows the exit code the CLI returns for it and the HTTP status the
API answers with, so both report an error the same way::

    StorylineError (exit 1, HTTP 500)
    ├── InputError (exit 2, HTTP 400)          bad input: empty, binary, unreadable
    │   ├── EmptyInputError                    nothing to read
    │   ├── BinaryInputError                   not text or HTML
    │   ├── NoArticleError (HTTP 422)          HTML with no article text in it
    │   └── FetchError (exit 3, HTTP 502)      a URL that could not be fetched
    ├── ModelMissingError (exit 4, HTTP 503)   the spaCy model is not installed
    └── StoreError (exit 5, HTTP 500)          the corpus store refused an operation
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""

    exit_code = 1
    http_status = 500


class InputError(StorylineError):
    exit_code = 2
    http_status = 400


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class NoArticleError(InputError):
    http_status = 422


class FetchError(InputError):
    exit_code = 3
    http_status = 502


class ModelMissingError(StorylineError):
    exit_code = 4
    http_status = 503


class StoreError(StorylineError):
    exit_code = 5
    http_status = 500
