"""``python -m csp_core`` runs the ``csp`` command."""

import sys

from csp_core.cli import main

sys.exit(main())
