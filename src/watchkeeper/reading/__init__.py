"""Reading the evidence: entities, quotes, claims, incidents, dates and quantities, and who is who."""
