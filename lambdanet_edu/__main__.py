"""``python -m lambdanet_edu``: the command line."""

import sys

from lambdanet_edu.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
