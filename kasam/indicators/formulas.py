"""Formulas over imported series: "cost / population_80 * 1000". Only numbers, the names of
other indicators, + − × ÷ and brackets; evaluated without eval(). A formula that divides by
zero or names a series without a value gives no value, with the reason."""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

OPERATORS: dict[type, Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


ALLOWED = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.USub,
    ast.Name,
    ast.Load,
    ast.Constant,
    *OPERATORS,
)


class FormulaError(ValueError):
    """The formula cannot give a value; the message says why, in the user's language."""


def names_in(formula: str) -> set[str]:
    """The series a formula reads; FormulaError when it is not a plain arithmetic formula."""
    tree = _parse(formula)
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def evaluate(formula: str, values: Mapping[str, Decimal | None]) -> Decimal:
    return _value(_parse(formula).body, values)


def _parse(formula: str) -> ast.Expression:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as error:
        raise FormulaError(_("The formula cannot be read.")) from error
    for node in ast.walk(tree):
        allowed = (
            ast.Expression,
            ast.BinOp,
            ast.UnaryOp,
            ast.USub,
            ast.Name,
            ast.Load,
            ast.Constant,
        )
        if not isinstance(node, allowed + tuple(OPERATORS)):
            raise FormulaError(_("The formula may only use numbers, series, + − × ÷ and brackets."))
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise FormulaError(_("The formula may only use numbers, series, + − × ÷ and brackets."))
    return tree


def _value(node: ast.expr, values: Mapping[str, Decimal | None]) -> Decimal:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        found = values.get(node.id)
        if found is None:
            raise FormulaError(
                _("%(name)s has no value for this unit and period.") % {"name": node.id}
            )
        return found
    if isinstance(node, ast.UnaryOp):
        return -_value(node.operand, values)
    assert isinstance(node, ast.BinOp)
    left, right = _value(node.left, values), _value(node.right, values)
    if isinstance(node.op, ast.Div) and right == 0:
        raise FormulaError(_("The formula divides by zero."))
    try:
        return OPERATORS[type(node.op)](left, right)
    except InvalidOperation as error:
        raise FormulaError(_("The formula cannot be computed.")) from error
