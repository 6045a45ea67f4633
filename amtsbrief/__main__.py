"""``python -m amtsbrief``: the same command line as the ``amtsbrief`` script."""

import sys

from amtsbrief.cli import main

if __name__ == "__main__":
    sys.exit(main())
