"""Assessment: incidents merged across evidence, graded for corroboration, linked to the measures they may
breach; and the cap ledger of petroleum delivered to the DPRK.

Entry points: :func:`assess` (the whole assessment, idempotent), :func:`list_incidents`,
:func:`incident_record`, :func:`override_grade`, :func:`cap_ledger`, :func:`import_notifications`;
:func:`reviewed_incidents` (analysts' review decisions applied) and :func:`orphaned_reviews`.
"""

from watchkeeper.assess.grading import FEATURES, Grade, grade_evidence, grade_meanings
from watchkeeper.assess.ledger import LedgerYear, cap_ledger, import_notifications, sample_notifications_path
from watchkeeper.assess.queries import (
    find_incident,
    incident_evidence,
    incident_links,
    incident_record,
    list_incidents,
    override_grade,
    summary_record,
)
from watchkeeper.assess.reviewed import OrphanedReview, ReviewedIncident, orphaned_reviews, reviewed_incidents
from watchkeeper.assess.rules import load_rules
from watchkeeper.assess.run import AssessSummary, assess

__all__ = [
    "FEATURES",
    "AssessSummary",
    "Grade",
    "LedgerYear",
    "OrphanedReview",
    "ReviewedIncident",
    "assess",
    "cap_ledger",
    "find_incident",
    "grade_evidence",
    "grade_meanings",
    "import_notifications",
    "incident_evidence",
    "incident_links",
    "incident_record",
    "list_incidents",
    "load_rules",
    "orphaned_reviews",
    "override_grade",
    "reviewed_incidents",
    "sample_notifications_path",
    "summary_record",
]
