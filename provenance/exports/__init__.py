"""Standard exports of a claim and its provenance: ClaimReview (schema.org), W3C PROV and CSV.

Each takes plain data (the selector's graph, the analysis, claim and review values), so the
API, the public pages and the admin share one implementation and the tests need no database.
"""
