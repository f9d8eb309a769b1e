"""``python -m lambdanet_edu.course``: the ``lambdanet-edu`` program (model and quiz commands)."""

import sys

from lambdanet_edu.course.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
