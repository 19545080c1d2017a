"""Shared logic of the SEO family (page furniture and spam in plain text).

The SEO rule kinds (``cleaner/kinds/seo_*.py``) and the ``seo`` detector all read
one classification of a document's lines, so a line is judged the same way
whether the detector reports it or a rule removes it:

* :mod:`.lexicon`  the label lexicon (``rules/lexicons/seo_labels.tsv``), matched on word tokens;
* :mod:`.shapes`   line shapes: prose, headline, label + value, wrapped continuation;
* :mod:`.lines`    one line's verdict (related link, share widget, cookie banner, ...);
* :mod:`.profile`  fake author-profile footers, found by the shape of the block;
* :mod:`.classify` the whole document: runs, link lists, the duplicate title;
* :mod:`.spans`    turning groups of lines into non-overlapping removal spans;
* :mod:`.repeats`  corpus-level evidence: lines repeated across many documents.
"""
