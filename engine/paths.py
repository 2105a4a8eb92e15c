"""Where the installed package keeps its data (rules, knowledge, templates).

Everything is resolved from this file, never from the current directory, so a
non-editable install works from anywhere.
"""

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = PACKAGE_ROOT / "rules"
KNOWLEDGE_DIR = PACKAGE_ROOT / "knowledge"
PARAMETERS_DIR = KNOWLEDGE_DIR / "parameters"
TEMPLATES_DIR = PACKAGE_ROOT / "templates"
EXAMPLES_DIR = PACKAGE_ROOT / "examples"
