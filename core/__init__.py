"""The core: what the API serves, without the web framework.

Reads, versioned writes, import, seeding, citations and verification as plain
functions of their arguments. Nothing here imports Flask or `api`, or touches
a request: the HTTP layer (`api/`) parses requests, calls these, and shapes
the answers (tests/test_layout.py holds the line).
"""
