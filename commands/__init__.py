"""The `advise` subcommands, one module each; nothing in engine/ imports them."""
