"""The ``fewshot-studio`` command."""
