"""Errors raised by brinkwatch.

The tree::

    BrinkwatchError            root: catch this to catch everything brinkwatch raises
    ├── InputError             an input file, record or value cannot be read; names the input and the fix
    │   ├── LanguageError      the text is not in a supported language
    │   └── BudgetError        one article took longer than its time budget
    ├── ConfigError            a setting, data file or installed resource is wrong or missing
    ├── ModelError             the spaCy pipeline cannot be loaded
    ├── StoreError             the event store cannot be opened, read or written
    └── PipelineError          stages are wired wrongly (a requirement no earlier stage assigns)
"""

from __future__ import annotations


class BrinkwatchError(Exception):
    """Root of every error brinkwatch raises on purpose."""


class InputError(BrinkwatchError):
    """An input cannot be read. `where` names the file and, for batches, the line or record."""

    def __init__(self, message: str, where: str | None = None) -> None:
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class LanguageError(InputError):
    """The article's language is not supported (only English is)."""


class BudgetError(InputError):
    """One article took longer than the per-article time budget (setting `time_budget`)."""

    kind = "time-budget"


class ConfigError(BrinkwatchError):
    """A setting, data file or installed resource is wrong or missing."""


class ModelError(BrinkwatchError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(BrinkwatchError):
    """The event store cannot be opened, read or written."""


class PipelineError(BrinkwatchError):
    """Stages are wired wrongly."""
