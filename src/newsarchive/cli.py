"""The command line: options in, one library call, rendered output out."""

from __future__ import annotations

import json
import sys

import click


@click.group()
def cli() -> None:
    pass


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--url")
@click.option("--json", "as_json", is_flag=True)
def parse(paths: tuple[str, ...], url: str | None, as_json: bool) -> None:
    from .errors import InputError
    from .parse import parse_file

    failed = 0
    for path in paths:
        try:
            art = parse_file(path, url=url)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            failed += 1
            continue
        click.echo(json.dumps(art.to_dict(), ensure_ascii=False))
    sys.exit(1 if failed else 0)


def main() -> None:
    cli()
