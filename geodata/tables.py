"""Plain-text tables for the command line."""

from __future__ import annotations

from collections.abc import Sequence


def aligned_table(columns: Sequence[str], rows: Sequence[Sequence[str]], *, noun: str) -> str:
    """Return ``rows`` under ``columns`` as left-aligned text, then a line counting them.

    Parameters
    ----------
    columns
        Column headings.
    rows
        Cell texts, one sequence per row, in column order.
    noun
        What a row is, for the count line ("place" gives "3 place(s)").
    """
    widths = [max([len(column), *(len(row[i]) for row in rows)]) for i, column in enumerate(columns)]
    lines = ["  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True))]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.append(f"{len(rows)} {noun}(s)")
    return "\n".join(lines)
