"""Evidence that lasts: web-archive captures, watching sources, archive links, evidence bundles.

Pure code (no models): WARC records (`warc`), text differences (`drift`), the evidence bundle's
format and its offline verification (`bundle`), and the public archives' protocols
(`archivers`). The services that store and schedule them are in `provenance.services.captures`
and `provenance.services.watching`.
"""
