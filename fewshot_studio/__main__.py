import sys

from fewshot_studio.cli.main import main

sys.exit(main())
