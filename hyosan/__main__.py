"""``python -m hyosan`` is the same as the ``hyosan`` command."""

import sys

from .cli import main

sys.exit(main())
