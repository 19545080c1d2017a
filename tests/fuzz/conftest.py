"""The atheris campaign is a script, not a test module: keep pytest's doctest collection from importing it
(it needs atheris, which the suite does not install, and it starts a temporary folder on import)."""
collect_ignore = ["atheris_fuzz.py"]
