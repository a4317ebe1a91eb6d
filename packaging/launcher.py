"""Entry point of the frozen app: the same ``main()`` as the ``fewshot-studio`` command."""
import multiprocessing
import sys

from fewshot_studio.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen app must do this before anything spawns a process
    sys.exit(main())
