"""The package version (kept equal to `version` in pyproject.toml); records carry it as `meta.parser_version`."""

__version__ = "0.1.0"
