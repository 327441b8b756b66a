"""`python -m resumeparser`: the same command line as `resumeparser`."""

import sys

from .cli import main

sys.exit(main())
