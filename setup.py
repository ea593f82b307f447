"""Package layout that pyproject.toml cannot express: the top-level themes/ ships as mapgen/_themes.

Everything else about the build is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages("src", include=["mapgen", "mapgen.*"]), "mapgen._themes"],
    package_dir={"": "src", "mapgen._themes": "themes"},
)
