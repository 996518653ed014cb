"""`python -m assessor_app`: the same as the `assessor-app` command."""

import sys

from assessor_app.cli import main

sys.exit(main())
