"""Framework-free text logic: sentences, number normalisation, claim extraction.

Nothing in this package imports Flask or the database, so the extractor and the
offset arithmetic can be used and tested on their own.
"""
