"""Review of a diff log: the HTML report, decisions (accept/reject) and applying them, stats, terminal diffs.

* :mod:`.data` joins the log with the original texts; :mod:`.html` writes the self-contained report;
* :mod:`.decisions` reads the decisions the report exports and applies exactly the accepted edits;
* :mod:`.stats` prints edits per rule and family (table, JSON, Markdown); :mod:`.terminal` colours
  ``cleaner check --diff`` on a terminal.
"""
