"""Word-level language helpers shared by the ASR, spacing and typo packs.

Why a package of its own: the three packs need the same notions (what a word is,
which spans must never be touched, how frequent a word is, what it sounds like),
and the kinds stay small when those live here. Nothing here edits text.
"""
