"""Build hook: ship the top-level rules/ folder inside the wheel as cleaner/_rules.

Rule packs are data kept at the repository root (rules/) so contributors find them;
a non-editable install (pip install ., or pre-commit's hook environment) needs them
inside the package. Editable installs read rules/ in place (see registry.BUNDLED_RULES).
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithRules(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        source = Path(__file__).resolve().parent / "rules"
        shutil.copytree(source, Path(self.build_lib) / "cleaner" / "_rules", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithRules})
