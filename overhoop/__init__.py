"""The `overhoop` command: the root that gathers every package's subcommands."""
