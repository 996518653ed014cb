"""Loads a script from packaging/ by its path (packaging/ is not a Python package: the name belongs to PyPI's)."""

import importlib.util
import sys

from tests.conftest import REPO


def load(name: str):
    module_name = f"packaging_script_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, REPO / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
