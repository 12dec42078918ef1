"""`python -m bench`: the same as `overhoop bench`."""

from bench.cli import main

raise SystemExit(main())
