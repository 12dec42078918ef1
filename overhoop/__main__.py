"""`python -m overhoop`: the same as `overhoop`."""

from overhoop.cli import main

raise SystemExit(main())
