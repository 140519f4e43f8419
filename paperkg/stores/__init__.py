"""Graph stores: write a KnowledgeGraph and run Cypher on it.

- :mod:`paperkg.stores.embedded`: LadybugDB in a file (OUT/kg.lbdb), the default, nothing to start.
- :mod:`paperkg.stores.neo4j`: a Neo4j server over Bolt with the official driver (``paperkg push``).
- :mod:`paperkg.stores.neo4j_admin`: CSVs for ``neo4j-admin database import full``.

Both stores return a :class:`~paperkg.stores.base.QueryResult` of plain Python values.
"""

from __future__ import annotations

from paperkg.stores.base import QueryResult, Store, parse_params

__all__ = ["QueryResult", "Store", "parse_params"]
