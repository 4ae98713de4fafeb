"""Expand (zrc-025..027): placeholder until the expand module lands."""

from shared.resources import Context


def parse_expand(resource: str, expand: str) -> list[list[str]]:
    return [part.split(".") for part in expand.split(",") if part]


def expand_results(ctx: Context, resource: str, results: list[dict], expand: str) -> None:
    for result in results:
        result["_expand"] = {}
