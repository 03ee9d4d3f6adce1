"""The public API changes only on purpose."""

import storyline


def test_exported_members() -> None:
    assert sorted(storyline.__all__) == sorted(
        [
            "SCHEMA_VERSION",
            "BinaryInputError",
            "Corpus",
            "EmptyInputError",
            "Failure",
            "FetchError",
            "InputError",
            "ModelMissingError",
            "NoArticleError",
            "Record",
            "Settings",
            "Store",
            "StoreError",
            "StorylineError",
            "__version__",
            "analyze",
            "analyze_many",
            "analyze_text",
            "ingest",
            "load_settings",
            "open_store",
        ]
    )
    for name in storyline.__all__:
        assert hasattr(storyline, name)
