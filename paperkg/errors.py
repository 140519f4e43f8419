"""Every exception paperkg raises, in one place.

A message says what was wrong, where (file and line or record), and how to fix it.
Input problems are also ``ValueError`` so callers that do not know paperkg can still catch them.
"""

from __future__ import annotations

__all__ = [
    "PaperkgError",
    "InputError",
    "UnknownFormatError",
    "NoUsableInputError",
    "SchemaError",
    "QueryError",
    "StoreError",
    "NotFoundError",
]


class PaperkgError(Exception):
    """Root of every error paperkg raises on purpose."""


class InputError(PaperkgError, ValueError):
    """A corpus file or record could not be read.

    ``location`` is ``path:line`` (or ``path:record N``) when known.
    """

    def __init__(self, message: str, location: str | None = None) -> None:
        self.location = location
        super().__init__(f"{location}: {message}" if location else message)


class UnknownFormatError(InputError):
    """The content of a file matches none of the formats paperkg reads."""


class NoUsableInputError(InputError):
    """Nothing usable was read from any of the given paths."""


class SchemaError(PaperkgError, ValueError):
    """A label, relation type or (head, relation, tail) triple that the schema does not allow."""


class QueryError(PaperkgError):
    """A Cypher query failed; the message carries the database's own words."""


class StoreError(PaperkgError):
    """A graph store could not be written or opened."""


class NotFoundError(PaperkgError, KeyError):
    """A name or id that is not in the graph; ``suggestions`` holds close matches."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        self.suggestions = suggestions
        if suggestions:
            message = f"{message}; did you mean: {', '.join(suggestions)}?"
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])
