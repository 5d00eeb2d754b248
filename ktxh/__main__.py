import sys

from ktxh.cli import main

sys.exit(main())
