"""All table models. Importing this package registers every table on ``Base.metadata``.

Each stage keeps its tables in its own module here; add the module to the import list below.
"""

from watchkeeper.store.models import core, evidence, lists, maritime, reading, regime, web

__all__ = ["core", "evidence", "lists", "maritime", "reading", "regime", "web"]
