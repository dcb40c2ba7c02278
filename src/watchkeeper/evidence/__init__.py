"""Evidence: documents from files, web pages, PDFs and feeds; wire copies and stories.

Entry points: :func:`iter_documents` (read the evidence base) and
:func:`watchkeeper.evidence.ingest.ingest` (add to it).
"""

from watchkeeper.evidence.documents import document_sources, iter_documents
from watchkeeper.store.models.evidence import Document

__all__ = ["Document", "document_sources", "iter_documents"]
