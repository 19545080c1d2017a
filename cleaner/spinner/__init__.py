"""Lexicon-driven reversal of article-spinner swaps (rules/spun_lexicon.yaml, SPN2xx).

``guards`` evaluates the context conditions lexicon rows carry; ``lexicon`` loads
``rules/lexicons/spun_synonyms.tsv`` into one automaton and finds guarded matches;
``names`` repairs swapped words inside proper names; ``collocations`` flags word
pairs that are unlikely in English. The kinds in ``cleaner/kinds/spinner_*.py`` wrap them.
"""
