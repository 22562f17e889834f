"""``python -m craftroute``: the same as the ``craftroute`` console script."""

import sys

from craftroute.cli import main

sys.exit(main())
