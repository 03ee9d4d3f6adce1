"""One module per fact type; each is a pure function of the parsed text.

``entities`` runs first: ``quotes`` and ``events`` read its output to name
speakers and actors (through ``MentionIndex``).
"""
