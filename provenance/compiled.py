"""`values()` querysets compiled to SQL once per process, then run with each request's values.

Composing a queryset (`filter`, `annotate`, `values`) and compiling it costs about a millisecond
of Python per statement here, several times what PostgreSQL takes to plan and run the indexed
look-ups of one claim's page (BENCHMARKS.md, issue 16). A `CompiledValues` builds its queryset
once per database and shape with placeholder values, keeps the SQL, the column names and the
backend's converters, and afterwards only executes that SQL with the request's values in the
placeholders' places. The rows are what `values()` gives for the same queryset, converter for
converter, and the queryset stays the one declaration of the query.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from django.db import connections, router
from django.db.models import Model, QuerySet

# Placeholders are integers no id reaches, inside the 64-bit range: Django turns a lookup on a
# value out of an integer column's range into "matches nothing" instead of a parameter.
_PLACEHOLDER_BASE = 9_000_000_000_000_000_000


class CompiledValues:
    """`build(**shape, **values)` returns a `values()` queryset on `model`; `rows()` runs it.

    `values` are the integers that vary per call (a claim's id): they must reach the SQL as
    parameters, unchanged. `shape` holds what changes the SQL itself (whether drafts are shown):
    each distinct shape is compiled once."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet]) -> None:
        self.model = model
        self.build = build
        self._compiled: dict[tuple, tuple] = {}

    def rows(self, *, shape: dict[str, Hashable] | None = None, **values: int) -> list[dict]:
        shape = shape or {}
        alias = router.db_for_read(self.model)
        key = (alias, tuple(sorted(shape.items())), tuple(sorted(values)))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(alias, shape, sorted(values))
        sql, template, slots, names, converters = compiled
        params = list(template)
        for index, name in slots:
            params[index] = values[name]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        result = []
        for row in found:
            if converters:
                row = list(row)
                for index, (functions, expression) in converters.items():
                    value = row[index]
                    for function in functions:
                        value = function(value, expression, connection)
                    row[index] = value
            result.append(dict(zip(names, row, strict=True)))
        return result

    def _compile(self, alias: str, shape: dict, names: list[str]) -> tuple:
        placeholders = {name: _PLACEHOLDER_BASE + i for i, name in enumerate(names)}
        queryset = self.build(**shape, **placeholders).using(alias)
        query = queryset.query
        compiler = query.get_compiler(alias)
        sql, params = compiler.as_sql()
        slots = []
        for index, param in enumerate(params):
            for name, placeholder in placeholders.items():
                if param == placeholder and type(param) is int:
                    slots.append((index, name))
        if sorted({name for _, name in slots}) != names:
            raise ValueError(f"{self.build.__qualname__}: a value did not reach the SQL as is")
        if query.selected:
            columns = list(query.selected)
        else:
            columns = [*query.extra_select, *query.values_select, *query.annotation_select]
        converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
        return sql, tuple(params), tuple(slots), tuple(columns), converters
