"""The one thing pyproject.toml cannot say: ship the repository's top-level ``resources/`` folder
inside the package, as ``fewshot_studio/_resources`` (``fewshot_studio.resources`` finds it there).

The folder stays at the top of the checkout (the frozen build, the icon script and people browsing
the repository use it there); setuptools maps it into wheels and sdists, so a wheel built from the
sdist carries it too. Everything else is declared in pyproject.toml.
"""
from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["fewshot_studio", "fewshot_studio.*"]), "fewshot_studio._resources"],
    package_dir={"fewshot_studio._resources": "resources"},
)
