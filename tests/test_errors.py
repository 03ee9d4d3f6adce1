"""The exception tree: each error's exit code, HTTP status and API form."""

from __future__ import annotations

import pytest

from storyline import errors


@pytest.mark.parametrize(
    ("cls", "exit_code", "status", "kind"),
    [
        (errors.StorylineError, 1, 500, "internal"),
        (errors.InputError, 2, 400, "bad_input"),
        (errors.EmptyInputError, 2, 400, "empty_input"),
        (errors.BinaryInputError, 2, 400, "binary_input"),
        (errors.NoArticleError, 2, 422, "no_article"),
        (errors.TooLargeError, 2, 413, "too_large"),
        (errors.TimeLimitError, 2, 422, "time_limit"),
        (errors.ArgumentError, 2, 400, "bad_argument"),
        (errors.NotFoundError, 2, 404, "not_found"),
        (errors.ForbiddenURLError, 2, 400, "forbidden_url"),
        (errors.UnauthorizedError, 2, 401, "unauthorized"),
        (errors.DisabledError, 2, 403, "disabled"),
        (errors.FetchError, 3, 502, "fetch_failed"),
        (errors.ConfigError, 2, 500, "bad_config"),
        (errors.ModelMissingError, 4, 503, "model_missing"),
        (errors.DependencyError, 4, 503, "dependency_missing"),
        (errors.BusyError, 1, 503, "busy"),
        (errors.ClusterError, 6, 503, "cluster"),
        (errors.StoreError, 5, 500, "store"),
        (errors.StoreNotFoundError, 5, 500, "store_not_found"),
        (errors.ReadOnlyStoreError, 5, 500, "store_read_only"),
        (errors.StoreUnavailableError, 5, 503, "store_unavailable"),
    ],
)
def test_each_error_knows_its_exit_code_status_and_type(
    cls: type[errors.StorylineError], exit_code: int, status: int, kind: str
) -> None:
    error = cls("the message")
    assert (error.exit_code, error.http_status) == (exit_code, status)
    assert error.to_dict() == {"type": kind, "message": "the message", "status": status}


def test_every_error_class_is_drawn_in_the_module_docstring() -> None:
    drawn = errors.__doc__ or ""
    classes = [
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, errors.StorylineError)
    ]
    assert len(classes) == 22
    assert [name for name in classes if name not in drawn] == []


def test_busy_says_when_to_retry() -> None:
    assert errors.BusyError("queue full", retry_after=7).retry_after == 7
