"""The access rule as one SQL condition on a client's row.

Each way of seeing a client (a Sight: contact person, a unit serving the client, a case's
handler …) is an SQL fragment; `Visible` joins them with OR into a condition that any
client queryset can filter on, including as a subquery. Written out rather than built from
Q objects and Exists subqueries: Django spent about 5 ms building and compiling those on
every page that shows a person, more than a third of the page. The fragments name tables
and columns through the models' metadata, and the access tests and URL walkers check the
rule on every page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import BooleanField, Expression
from django.db.models.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class Sight:
    """One way of seeing a client: an SQL condition where `{row}` is the client row's alias
    and `%s` takes `params` in order (dates and times are adapted to the database)."""

    sql: str
    params: tuple[Any, ...] = ()


def name(model: type[models.Model], field: str | None = None) -> str:
    """A model's table, or one of its columns, quoted (PostgreSQL and SQLite quote alike)."""
    if field is None:
        return f'"{model._meta.db_table}"'
    column = model._meta.get_field(field)
    assert isinstance(column, models.Field)  # a column, not a reverse relation
    return f'"{column.column}"'


def in_subtree(column: str, paths: Iterable[str]) -> Sight | None:
    """`column` (a unit id) is one of the units under `paths`; None without paths."""
    from kasam.organisation.models import OrganisationUnit

    paths = list(paths)
    if not paths:
        return None
    unit, path = name(OrganisationUnit), name(OrganisationUnit, "path")
    like = " OR ".join([f"{path} LIKE %s ESCAPE '\\'"] * len(paths))
    sql = f"{column} IN (SELECT {name(OrganisationUnit, 'id')} FROM {unit} WHERE {like})"  # noqa: S608
    return Sight(sql, tuple(_escaped(p) + "%" for p in paths))


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Visible(Expression):
    """True for the client rows that any of `sights` gives sight of."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, sights: Sequence[Sight], row: Any = None) -> None:
        super().__init__(output_field=BooleanField())
        self.sights = tuple(sights)
        self.row = row  # the client's id column, once resolved against a query

    def get_source_expressions(self) -> list[Any]:
        return [self.row]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.row,) = exprs

    def resolve_expression(self, query: Any = None, *args: Any, **kwargs: Any) -> Visible:
        clone = self.copy()
        clone.is_summary = False
        clone.row = query.resolve_ref("pk")
        return clone

    def as_sql(
        self, compiler: SQLCompiler, connection: Any, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        if not self.sights:
            return "1 = 0", ()
        row = compiler.quote_name_unless_alias(self.row.alias)
        sql = " OR ".join(f"({sight.sql.format(row=row)})" for sight in self.sights)
        params = tuple(_adapted(p, connection) for s in self.sights for p in s.params)
        return f"({sql})", params


def _adapted(value: Any, connection: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value
