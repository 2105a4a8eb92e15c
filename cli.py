"""The `advise` command.

    advise PROFILE.yaml [--format markdown|html|json|audit|audit-json] [-o FILE]
                        [--as-of YYYY-MM-DD] [--lang ja|en] [--parameters FILE]
    advise rules lint | test | coverage | impact
    advise groups --prefecture 富山県
    advise batch ...
    advise templates lint
    advise lookup 上市町 | 16322 [--prefecture 富山県]
    advise log list | show ID | verify | replay ID      (records made with --log)
    advise init 163228 [--as-of DATE] [-o profile.yaml]
    advise fields [--markdown]

Exit status: 0 advice produced; 2 bad input (the message names file, line and
field); 1 anything else. No traceback reaches the user for bad input.
"""

from __future__ import annotations

import gc
import os
import sys

import click

from .commands.advise import profile_command
from .commands.batch import batch
from .commands.fields import fields_command
from .commands.groups import groups
from .commands.init import init_command
from .commands.log import log
from .commands.lookup import lookup_command
from .commands.rules import rules
from .commands.templates import templates


class DefaultToAdvise(click.Group):
    """`advise PROFILE` runs the `profile` command; other words are subcommands."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["profile"] + list(args)
        if not args:
            args = ["--help"]
        return super().parse_args(ctx, args)

    def main(self, *args, **kwargs):
        """Every command, with one place for a reader that goes away (`advise … | head`)."""
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()  # what is still buffered fails here, not at interpreter exit
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(1)


def _quiet_stdout() -> None:
    """The reader has gone: send what is left to /dev/null so exit prints no second error."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. under a test runner)
        pass


@click.group(cls=DefaultToAdvise, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="jichitai-cloud-advisor")
def main():
    """自治体クラウド導入アドバイザー: advice for a visit to the head of a municipality.

    \b
    advise PROFILE.yaml [OPTIONS]     the memo for one profile (its options: advise profile --help)
    advise init CODE -o PROFILE.yaml  start a profile from what the knowledge base knows
    advise lookup NAME                a municipality's code from its name or part of it

    Exit status: 0 done, 2 bad input (file, line and field named), 1 anything else.
    Guides: README.md and docs/ in the repository.
    """


for command in (profile_command, init_command, fields_command, lookup_command, rules, groups, batch, templates,
                log):
    main.add_command(command)


def entry() -> None:
    """The installed `advise` command (setup.cfg console_scripts): main(), then the process ends.

    Everything still alive is frozen on the way out, so the interpreter's last collections do
    not walk every object of the run once more just before exit (~7 % of one cold advise).
    Only here: tests and the warm server call main() in a process that goes on."""
    try:
        main()
    finally:
        gc.freeze()


if __name__ == "__main__":
    entry()
