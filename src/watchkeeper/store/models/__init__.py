"""All table models. Importing this package registers every table on ``Base.metadata``.

Each stage keeps its tables in its own module here; add the module to the import list below.
"""

from watchkeeper.store.models import assess, core, evidence, lists, maritime, reading, regime, web

__all__ = ["assess", "core", "evidence", "lists", "maritime", "reading", "regime", "web"]
