"""Entry script of both bundled programs: `assessor-app-gui` opens the window, `assessor-app` is the command line."""

import sys
from pathlib import Path

if Path(sys.executable).stem.lower().endswith("-gui"):
    from assessor_app.app import main
else:
    from assessor_app.cli import main

sys.exit(main())
