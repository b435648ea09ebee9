"""Work out the formulas a workbook holds without a calculated value (written by a script, never saved by Excel).

A small evaluator of what such workbooks hold, not Excel: numbers, text, TRUE/FALSE; references to
cells, ranges and whole columns of the same sheet (A1, $A$1, A1:B5, E:E), followed through other
formulas in any order; + - * / ^ & % and comparisons; SUM, AVERAGE, MIN, MAX, COUNT, COUNTA, ROUND,
ROUNDUP, ROUNDDOWN, INT, ABS, MOD, IF, IFERROR, AND, OR, NOT and SUBTOTAL. A cell whose formula holds
anything else (another function, another sheet or workbook, a defined name), lies on a circular
reference or depends on a cell that could not be worked out is named with the reason; every other
formula cell gets its value. Nothing in a formula is executed, only read: it is split into tokens by a
regular expression and parsed into tuples. The work is bounded: a formula of at most
MAX_FORMULA_CHARS, nested at most MAX_DEPTH deep, and at most MAX_WORK cells read for all formulas
together (a cell past that is named too).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation

MAX_FORMULA_CHARS = 8_192  # Excel's own limit on a formula's length
MAX_DEPTH = 64  # Excel's own limit on nested functions; here on nesting of any kind
MAX_WORK = 20_000_000  # cells read (in ranges, and as dependencies) for all formulas of a sheet together
MAX_TEXT = 32_767  # Excel's longest text in a cell; a longer result of & is #VALUE! there too
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384

FUNCTIONS = frozenset(
    ("SUM", "AVERAGE", "MIN", "MAX", "COUNT", "COUNTA", "SUBTOTAL", "ROUND", "ROUNDUP", "ROUNDDOWN")
    + ("INT", "ABS", "MOD", "IF", "IFERROR", "AND", "OR", "NOT")
)


@dataclass(frozen=True)
class NotWorkedOut:
    """A formula cell left without a value: where, its formula as written there, and why (a message key)."""

    row: int  # from 0, as in the grid
    column: int
    formula: str
    key: str  # formula_function, formula_circular, formula_elsewhere, formula_error_value, ...
    params: dict = field(default_factory=dict)


@dataclass
class Outcome:
    worked_out: int = 0
    not_worked_out: list[NotWorkedOut] = field(default_factory=list)


def cell_name(row: int, column: int) -> str:
    """(4, 4) -> 'E5'."""
    return f"{_column_name(column)}{row + 1}"


def _column_name(column: int) -> str:
    """4 -> 'E' (from 0)."""
    letters, number = "", column + 1
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def work_out(rows: list[list], formulas: dict[tuple[int, int], tuple[str | None, tuple[int, int]]], sheet: str):
    """Fill the values of `formulas` into `rows` (changed in place, extended where a formula cell lies
    beyond them) and say which could not be worked out.

    `formulas`: (row, column) -> (the formula's text without '=', or None where it is unknown; the
    cell it is written for: itself, or the first cell of a shared formula, whose relative references
    shift to each cell it is shared with).
    """
    for row, column in formulas:
        while len(rows) <= row:
            rows.append([])
        cells = rows[row]
        if len(cells) <= column:
            cells.extend([""] * (column + 1 - len(cells)))
    return _Sheet(rows, formulas, sheet).run()


# --- reading a formula: tokens, then a tree of tuples ----------------------------------------------------


class _Unreadable(Exception):
    """A formula the parser does not read (a syntax it does not know, too long or too deep)."""


class _NotWorkedOut(Exception):
    """A cell that cannot be worked out, with the message key and its parameters."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    |(?P<string>"(?:[^"]|"")*")
    |(?P<error>\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A))
    |(?P<sheet>(?:'(?:[^']|'')+'|\[[^\]]*\][^!'"(),\s]*|[A-Za-z_\\][\w.]*)!)
    |(?P<range>\$?[A-Za-z]{1,3}\$?[0-9]{1,7}:\$?[A-Za-z]{1,3}\$?[0-9]{1,7}(?![\w(.]))
    |(?P<columns>\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![\w(.]))
    |(?P<cell>\$?[A-Za-z]{1,3}\$?[0-9]{1,7}(?![\w(.]))
    |(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
    |(?P<function>[A-Za-z_][\w.]*)\(
    |(?P<name>[A-Za-z_\\][\w.]*)
    |(?P<op><>|<=|>=|[-+*/^&=<>%(),])
    """,
    re.VERBOSE,
)
_PART = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})")
_COLUMN = re.compile(r"(\$?)([A-Za-z]{1,3})")


def _letters(text: str) -> int:
    """'AB' -> 27 (from 0)."""
    number = 0
    for letter in text.upper():
        number = number * 26 + ord(letter) - 64
    return number - 1


def _reference(text: str, anchor: tuple[int, int]) -> tuple:
    """'$B5' written for anchor (row, column) -> (row or offset, row absolute, column or offset, column
    absolute): relative parts as offsets from the anchor, so that shared and copied formulas are one."""
    dollar_column, letters, dollar_row, digits = _PART.fullmatch(text).groups()
    row, column = int(digits) - 1, _letters(letters)
    if column >= MAX_COLUMNS or not 0 <= row < MAX_ROWS:
        raise _Unreadable
    return (
        row if dollar_row else row - anchor[0],
        bool(dollar_row),
        column if dollar_column else column - anchor[1],
        bool(dollar_column),
    )


def _tokens(text: str, anchor: tuple[int, int], sheet: str) -> tuple:
    """The formula as a tuple of (kind, value) tokens, references relative to the anchor."""
    if len(text) > MAX_FORMULA_CHARS:
        raise _Unreadable
    out = []
    at, size = 0, len(text)
    own = sheet.casefold()
    pending_sheet = None
    while at < size:
        match = _TOKEN.match(text, at)
        if match is None:
            raise _Unreadable
        at = match.end()
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "space":
            continue
        if kind == "sheet":
            name = value[:-1]
            if name.startswith("'"):
                name = name[1:-1].replace("''", "'")
            pending_sheet = name
            continue
        if pending_sheet is not None and kind not in ("cell", "range", "columns"):
            raise _Unreadable
        if kind == "cell":
            out.append(("cell", _reference(value, anchor)))
        elif kind == "range":
            first, last = value.split(":")
            out.append(("range", _reference(first, anchor) + _reference(last, anchor)))
        elif kind == "columns":
            parts = []
            for part in value.split(":"):
                dollar, letters = _COLUMN.fullmatch(part).groups()
                column = _letters(letters)
                if column >= MAX_COLUMNS:
                    raise _Unreadable
                parts += [column if dollar else column - anchor[1], bool(dollar)]
            out.append(("columns", tuple(parts)))
        elif kind == "number":
            number = float(value)
            if not math.isfinite(number):  # 1E999: Excel takes no such number either
                raise _Unreadable
            out.append(("number", number))
        elif kind == "string":
            out.append(("string", value[1:-1].replace('""', '"')))
        elif kind == "function":
            out.append(("function", _function_name(value)))
        elif kind == "name":
            upper = value.upper()
            out.append(("bool", upper == "TRUE") if upper in ("TRUE", "FALSE") else ("name", value))
        else:
            out.append((kind, value))
        if pending_sheet is not None:
            if pending_sheet.casefold() != own:  # a reference to another sheet: (its name, the reference)
                out[-1] = ("elsewhere", (pending_sheet, out[-1]))
            pending_sheet = None
    if pending_sheet is not None:
        raise _Unreadable
    return tuple(out)


def _function_name(written: str) -> str:
    """'_xlfn.STDEV.S' -> 'STDEV.S': the prefixes Excel writes before functions newer than 2007."""
    upper = written.upper()
    for prefix in ("_XLFN._XLWS.", "_XLFN.", "_XLWS."):
        if upper.startswith(prefix):
            return upper[len(prefix) :]
    return upper


# binding powers: the higher, the tighter (Excel: negation, %, ^, * /, + -, &, comparisons)
_BINARY = {"^": 50, "*": 40, "/": 40, "+": 30, "-": 30, "&": 20, **dict.fromkeys(("=", "<>", "<", ">", "<=", ">="), 10)}
_NEGATION, _PERCENT = 70, 60


class _Parser:
    """Tokens -> a tree of tuples: ('number', x), ('string', s), ('bool', b), ('error', code),
    ('cell', ref), ('range', ref), ('columns', ref), ('elsewhere', what), ('name', name),
    ('neg', node), ('percent', node, times), ('chain', first, ((op, operand), ...)), ('call', NAME, args),
    ('missing',)."""

    def __init__(self, tokens: tuple):
        self.tokens, self.at, self.depth = tokens, 0, 0

    def parse(self):
        node = self.expression(0)
        if self.at != len(self.tokens):
            raise _Unreadable
        return node

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        if token[0] is None:
            raise _Unreadable
        self.at += 1
        return token

    def expression(self, power: int):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Unreadable
        kind, value = self.take()
        if kind == "op" and value in ("-", "+"):
            operand = self.expression(_NEGATION)
            node = ("neg", operand) if value == "-" else operand
        elif kind == "op" and value == "(":
            node = self.expression(0)
            if self.take() != ("op", ")"):
                raise _Unreadable
        elif kind == "function":
            node = ("call", value, self.arguments())
        elif kind in ("number", "string", "bool", "error", "cell", "range", "columns", "elsewhere", "name"):
            node = (kind, value)
        else:
            raise _Unreadable
        chain, chain_strength = [], None  # a run of operators of one strength: a+b-c+d, read in a loop
        while True:
            kind, value = self.peek()
            if kind != "op":
                break
            if value == "%" and power < _PERCENT:
                self.at += 1
                node = _chained(node, chain)
                chain, chain_strength = [], None
                node = ("percent", node[1], node[2] + 1) if node[0] == "percent" else ("percent", node, 1)
                continue
            strength = _BINARY.get(value)
            if strength is None or strength <= power:
                break
            self.at += 1
            if strength != chain_strength:
                node = _chained(node, chain)
                chain, chain_strength = [], strength
            chain.append((value, self.expression(strength)))  # left-associative, as Excel's ^ too
        self.depth -= 1
        return _chained(node, chain)

    def arguments(self) -> tuple:
        args = []
        if self.peek() == ("op", ")"):
            self.at += 1
            return ()
        while True:
            if self.peek() in (("op", ","), ("op", ")")):
                args.append(("missing",))
            else:
                args.append(self.expression(0))
            kind, value = self.take()
            if (kind, value) == ("op", ")"):
                return tuple(args)
            if (kind, value) != ("op", ","):
                raise _Unreadable


def _chained(first, chain: list):
    """('chain', first, ((op, operand), ...)): left to right, without a tree as deep as the chain is long."""
    return ("chain", first, tuple(chain)) if chain else first


def _nodes(node):
    """Every node of a tree, iteratively."""
    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        kind = node[0]
        if kind in ("neg", "percent"):
            stack.append(node[1])
        elif kind == "chain":
            stack.append(node[1])
            stack += [operand for _, operand in node[2]]
        elif kind == "call":
            stack += node[2]


# --- values --------------------------------------------------------------------------------------------


class _Error:
    """An Excel error value (#DIV/0!, #VALUE!, ...): a value like any other, which IFERROR catches."""

    __slots__ = ("code",)

    def __init__(self, code: str):
        self.code = code


class _Failed:
    """Held in the grid while working out, where a cell could not be worked out: whatever reads it
    cannot be worked out either (IFERROR does not stand in for it)."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


_EPOCH = dt.datetime(1899, 12, 30)


def _serial(value) -> float:
    """A date, time or duration as Excel holds it: days since 1899-12-30 (and the day's fraction)."""
    if isinstance(value, dt.datetime):
        return (value.replace(tzinfo=None) - _EPOCH) / dt.timedelta(days=1)
    if isinstance(value, dt.date):
        return float((value - _EPOCH.date()).days)
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    return value / dt.timedelta(days=1)  # timedelta


_DATES = (dt.datetime, dt.date, dt.time, dt.timedelta)


def _plain(value):
    """A grid cell as a formula sees it: a float, str, bool, None (empty), _Error; raises for _Failed."""
    kind = type(value)
    if kind is float or kind is str and value:
        return value
    if kind is int:
        return float(value)
    if value is None or value == "":
        return None
    if kind is bool or kind is _Error:
        return value
    if kind is _Failed:
        raise _NotWorkedOut("formula_depends", other=value.name)
    if isinstance(value, _DATES):
        return _serial(value)
    return str(value)


def _number(value):
    """A value in arithmetic: a float, or an _Error (#VALUE! for text that is no number)."""
    kind = type(value)
    if kind is float:
        return value
    if value is None:
        return 0.0
    if kind is bool:
        return 1.0 if value else 0.0
    if kind is str:
        if _WHOLE_NUMBER.fullmatch(value):
            return float(value)
        if any(character.isdigit() for character in value):
            # '2,5', '1.000', '3/4': Excel reads text as a number by the computer's locale (a decimal
            # comma, a date); not guessed here
            raise _NotWorkedOut("formula_text_number", text=value[:40])
        return _Error("#VALUE!")
    return value  # _Error


_WHOLE_NUMBER = re.compile(r"\s*[-+]?[0-9]{1,15}\s*")


def _text(value):
    if value is None:
        return ""
    if type(value) is bool:
        return "TRUE" if value else "FALSE"
    if type(value) is float:
        return _general(value)
    return value  # str or _Error


def _general(number: float) -> str:
    """A number as Excel's General format writes it in text: up to 15 significant digits."""
    text = f"{number:.15g}"
    return text.upper() if "e" in text else text


def _truth(value):
    if value is None:
        return False
    if type(value) in (bool, float):
        return bool(value)
    if type(value) is str:
        upper = value.upper()
        return upper == "TRUE" if upper in ("TRUE", "FALSE") else _Error("#VALUE!")
    return value


def _excel_number(number: float):
    """A result as Excel keeps it: finite (else #NUM!), to 15 significant digits (0.1 + 0.2 is 0.3)."""
    if not math.isfinite(number):
        return _Error("#NUM!")
    number = float(f"{number:.15g}")
    return number + 0.0  # no -0.0


def _compare(op: str, a, b):
    if a is None:
        a = "" if type(b) is str else False if type(b) is bool else 0.0
    if b is None:
        b = "" if type(a) is str else False if type(a) is bool else 0.0
    rank = {float: 0, str: 1, bool: 2}
    ra, rb = rank[type(a)], rank[type(b)]
    if ra != rb:
        a, b = ra, rb
    elif ra == 1:
        a, b = a.casefold(), b.casefold()
    return {
        "=": a == b,
        "<>": a != b,
        "<": a < b,
        ">": a > b,
        "<=": a <= b,
        ">=": a >= b,
    }[op]


def _round(number: float, digits: float, mode) -> float:
    digits = int(digits)
    if digits > 15:
        return number
    if digits < -308:
        return 0.0
    try:
        return float(Decimal(repr(number)).quantize(Decimal(1).scaleb(-digits), rounding=mode))
    except InvalidOperation:
        return number


_ROUNDING = {"ROUND": ROUND_HALF_UP, "ROUNDUP": ROUND_UP, "ROUNDDOWN": ROUND_DOWN}
_SUBTOTALS = {1: "AVERAGE", 2: "COUNT", 3: "COUNTA", 4: "MAX", 5: "MIN", 9: "SUM"}


class _TooMuch(Exception):
    pass


@dataclass
class _Range:
    first_row: int
    first_column: int
    last_row: int
    last_column: int


# --- the sheet: every formula cell, worked out in the order their references need -------------------------


class _Sheet:
    def __init__(self, rows: list[list], formulas: dict, sheet: str):
        self.rows = rows
        self.formulas = formulas
        self.sheet = sheet
        self.work = 0
        # tokens -> (tree, its references): copied and shared formulas are parsed once
        self.trees: dict[tuple, tuple] = {}
        self.templates: dict[str, object] = {}  # _relative_text -> the same, or _UNREADABLE: read once
        self.compiled: dict[tuple[int, int], object] = {}  # cell -> (tree, references), or _NotWorkedOut
        by_column: dict[int, list[int]] = {}
        for row, column in formulas:
            by_column.setdefault(column, []).append(row)
        self.by_column = {column: sorted(rows_) for column, rows_ in by_column.items()}
        self.subtotals: set[tuple[int, int]] = set()  # cells whose formula is a SUBTOTAL: other SUBTOTALs skip them
        self.failed: list[NotWorkedOut] = []
        self.done = 0

    def run(self) -> Outcome:
        for cell in self.formulas:
            self.compiled[cell] = self.compile(cell)
        order, circular, beyond = self.order()
        for cell in beyond:  # the walk ran out of work before it reached these
            self.fail(cell, _NotWorkedOut("formula_too_much", limit_count=MAX_WORK))
        for cell in order:
            try:
                self.settle(cell, circular)
            except _TooMuch:
                self.fail(cell, _NotWorkedOut("formula_too_much", limit_count=MAX_WORK))
        for item in self.failed:
            self.rows[item.row][item.column] = ""
        return Outcome(self.done, sorted(self.failed, key=lambda item: (item.row, item.column)))

    def compile(self, cell: tuple[int, int]):
        text, anchor = self.formulas[cell]
        if text is None:
            return _NotWorkedOut("formula_unreadable")
        if "SUBTOTAL" in text.upper():
            self.subtotals.add(cell)
        key = _relative_text(text, anchor)
        compiled = self.templates.get(key)
        if compiled is None:
            try:
                tokens = _tokens(text, anchor, self.sheet)
                compiled = self.trees.get(tokens)
                if compiled is None:
                    tree = _Parser(tokens).parse()
                    references = tuple(node for node in _nodes(tree) if node[0] in ("cell", "range", "columns"))
                    compiled = self.trees[tokens] = (tree, references)
            except _Unreadable:
                compiled = _UNREADABLE
            self.templates[key] = compiled
        return _NotWorkedOut("formula_unreadable") if compiled is _UNREADABLE else compiled

    def dependencies(self, cell: tuple[int, int]) -> list[tuple[int, int]]:
        """The formula cells this cell's formula reads (through any branch)."""
        compiled = self.compiled[cell]
        if isinstance(compiled, _NotWorkedOut):
            return []
        found = []
        for node in compiled[1]:
            if node[0] == "cell":
                place = self.place(node[1], cell)
                if place in self.formulas:
                    found.append(place)
            else:
                try:
                    span = self.span(node, cell)
                except _NotWorkedOut:  # beyond the sheet's edge: #REF! when worked out
                    continue
                self.spend(len(self.by_column))
                for column, rows_ in self.by_column.items():
                    if span.first_column <= column <= span.last_column:
                        start = bisect.bisect_left(rows_, span.first_row)
                        stop = bisect.bisect_right(rows_, span.last_row)
                        self.spend(stop - start)
                        found += [(row, column) for row in rows_[start:stop]]
        return found

    def order(self) -> tuple[list, set, list]:
        """The formula cells in an order in which each comes after the formula cells it reads; the cells
        on a circular reference; and the cells not reached before the work ran out. A depth-first walk
        with its own stack (a chain of formulas, each reading the one above, can be long)."""
        order: list = []
        circular: set = set()
        state: dict = {}  # 1: on the stack, 2: placed
        try:
            for start in self.formulas:
                if start in state:
                    continue
                state[start] = 1
                stack = [(start, iter(self.dependencies(start)))]
                position = {start: 0}
                while stack:
                    cell, pending = stack[-1]
                    for dependency in pending:
                        seen = state.get(dependency)
                        if seen is None:
                            state[dependency] = 1
                            position[dependency] = len(stack)
                            stack.append((dependency, iter(self.dependencies(dependency))))
                            break
                        if seen == 1:  # on the stack: every cell from there on is on the cycle
                            circular.update(c for c, _ in stack[position[dependency] :])
                    else:
                        stack.pop()
                        del position[cell]
                        state[cell] = 2
                        order.append(cell)
        except _TooMuch:
            return order, circular, [cell for cell in self.formulas if state.get(cell) != 2]
        return order, circular, []

    def settle(self, cell: tuple[int, int], circular: set) -> None:
        compiled = self.compiled[cell]
        try:
            if isinstance(compiled, _NotWorkedOut):
                raise compiled
            if cell in circular:
                raise _NotWorkedOut("formula_circular")
            value = self.value(compiled[0], cell)
            if type(value) is _Range:  # =A1:A5 alone: Excel spills it over the cells below
                raise _NotWorkedOut("formula_unreadable")
            if type(value) is float:
                value = _excel_number(value)
            elif value is None:
                value = 0.0  # a formula reading an empty cell shows 0
        except _NotWorkedOut as reason:
            self.fail(cell, reason)
            return
        except (ArithmeticError, ValueError):  # a number beyond a float's range on the way
            value = _Error("#NUM!")
        except RecursionError:
            self.fail(cell, _NotWorkedOut("formula_unreadable"))
            return
        if type(value) is _Error:
            self.fail(cell, _NotWorkedOut("formula_error_value", value=value.code), keep=value)
            return
        self.rows[cell[0]][cell[1]] = value
        self.done += 1

    def fail(self, cell, reason: _NotWorkedOut, keep=None) -> None:
        text, anchor = self.formulas[cell]
        shown = _shifted(text, anchor, cell) if text is not None else "?"
        self.failed.append(NotWorkedOut(cell[0], cell[1], shown, reason.key, dict(reason.params)))
        self.rows[cell[0]][cell[1]] = keep if keep is not None else _Failed(cell_name(*cell))

    def spend(self, amount: int) -> None:
        self.work += amount
        if self.work > MAX_WORK:
            raise _TooMuch

    # references

    @staticmethod
    def place(reference: tuple, at: tuple[int, int]) -> tuple[int, int]:
        row, row_absolute, column, column_absolute = reference
        return (row if row_absolute else at[0] + row), (column if column_absolute else at[1] + column)

    def span(self, node, at: tuple[int, int]) -> _Range:
        """The rectangle a range or whole columns cover, cut to the grid (#REF! beyond the sheet's edge)."""
        if node[0] == "range":
            first = self.place(node[1][:4], at)
            last = self.place(node[1][4:], at)
        else:
            first_column, first_absolute, last_column, last_absolute = node[1]
            first = (0, first_column if first_absolute else at[1] + first_column)
            last = (MAX_ROWS - 1, last_column if last_absolute else at[1] + last_column)
        top, bottom = sorted((first[0], last[0]))
        left, right = sorted((first[1], last[1]))
        if top < 0 or left < 0 or bottom >= MAX_ROWS or right >= MAX_COLUMNS:
            raise _NotWorkedOut("formula_error_value", value="#REF!")
        return _Range(top, left, min(bottom, len(self.rows) - 1), right)

    def read(self, row: int, column: int):
        if row < 0 or column < 0 or row >= MAX_ROWS or column >= MAX_COLUMNS:
            return _Error("#REF!")
        if row >= len(self.rows):
            return None
        cells = self.rows[row]
        return _plain(cells[column]) if column < len(cells) else None

    def cells(self, span: _Range, skip_subtotals: bool = False) -> list:
        """The values of the cells of a range, row by row (empty cells left out)."""
        rows = self.rows
        self.spend(max(0, span.last_row - span.first_row + 1) * (span.last_column - span.first_column + 1))
        found = []
        for row in range(span.first_row, span.last_row + 1):
            cells = rows[row]
            for column in range(span.first_column, min(span.last_column + 1, len(cells))):
                value = cells[column]
                if type(value) is float:  # most cells of a range: a number as the reader gives it
                    found.append(value)
                elif value is None or value == "" or skip_subtotals and (row, column) in self.subtotals:
                    continue
                else:
                    found.append(_plain(value))
        return found

    # evaluation

    def value(self, node, at):
        kind = node[0]
        if kind == "number" or kind == "string" or kind == "bool":
            return node[1]
        if kind == "cell":
            return self.read(*self.place(node[1], at))
        if kind == "chain":
            result = self.scalar(node[1], at)
            for op, operand in node[2]:
                result = self.binary(op, result, self.scalar(operand, at))
            return result
        if kind == "neg":
            number = _number(self.scalar(node[1], at))
            return -number if type(number) is float else number
        if kind == "percent":
            number = _number(self.scalar(node[1], at))
            for _ in range(node[2] if type(number) is float else 0):
                number /= 100
            return number
        if kind == "call":
            return self.call(node[1], node[2], at)
        if kind in ("range", "columns"):
            return self.span(node, at)
        if kind == "error":
            return _Error(node[1])
        if kind == "missing":
            return None
        if kind == "elsewhere":
            sheet, reference = node[1]
            raise _NotWorkedOut("formula_elsewhere", place=f"{sheet}!{_reference_text(reference, at)}")
        if kind == "name":
            raise _NotWorkedOut("formula_elsewhere", place=node[1])
        raise _NotWorkedOut("formula_unreadable")

    def scalar(self, node, at):
        value = self.value(node, at)
        if type(value) is _Range:
            if value.first_row == value.last_row and value.first_column == value.last_column:
                return self.read(value.first_row, value.first_column)
            raise _NotWorkedOut("formula_unreadable")  # an array operation
        return value

    @staticmethod
    def binary(op: str, a, b):
        if op == "&":
            a, b = _text(a), _text(b)
            if type(a) is _Error:
                return a
            if type(b) is _Error:
                return b
            return a + b if len(a) + len(b) <= MAX_TEXT else _Error("#VALUE!")
        if op in ("=", "<>", "<", ">", "<=", ">="):
            if type(a) is _Error:
                return a
            if type(b) is _Error:
                return b
            return _compare(op, a, b)
        a, b = _number(a), _number(b)
        if type(a) is _Error:
            return a
        if type(b) is _Error:
            return b
        if op == "/" and not b:
            return _Error("#DIV/0!")
        try:
            if op == "+":
                result = a + b
            elif op == "-":
                result = a - b
            elif op == "*":
                result = a * b
            elif op == "/":
                result = a / b
            else:
                result = a**b
        except (OverflowError, ZeroDivisionError):
            return _Error("#NUM!")
        if isinstance(result, complex) or not math.isfinite(result):  # (-8)^(1/3); beyond a float's range
            return _Error("#NUM!")
        return float(result)

    def call(self, name: str, args: tuple, at):
        if name not in FUNCTIONS:
            raise _NotWorkedOut("formula_function", name=name)
        if name == "IF":
            if not 1 <= len(args) <= 3:
                raise _NotWorkedOut("formula_unreadable")
            truth = _truth(self.scalar(args[0], at))
            if type(truth) is _Error:
                return truth
            if truth:
                return self.scalar(args[1], at) if len(args) > 1 else True
            return self.scalar(args[2], at) if len(args) > 2 else False
        if name == "IFERROR":
            if len(args) != 2:
                raise _NotWorkedOut("formula_unreadable")
            value = self.scalar(args[0], at)
            return self.scalar(args[1], at) if type(value) is _Error else value
        if name == "SUBTOTAL":
            if len(args) < 2:
                raise _NotWorkedOut("formula_unreadable")
            number = _number(self.scalar(args[0], at))
            if type(number) is _Error:
                return number
            function = _SUBTOTALS.get(int(number) % 100)
            if function is None:
                raise _NotWorkedOut("formula_function", name=f"SUBTOTAL({int(number)})")
            return self.aggregate(function, args[1:], at, skip_subtotals=True)
        if name in ("SUM", "AVERAGE", "MIN", "MAX", "COUNT", "COUNTA", "AND", "OR"):
            return self.aggregate(name, args, at)
        values = [self.scalar(arg, at) for arg in args]
        if name == "NOT":
            if len(values) != 1:
                raise _NotWorkedOut("formula_unreadable")
            truth = _truth(values[0])
            return truth if type(truth) is _Error else not truth
        numbers = [_number(v) for v in values]
        for number in numbers:
            if type(number) is _Error:
                return number
        if name in _ROUNDING:
            if len(numbers) != 2:
                raise _NotWorkedOut("formula_unreadable")
            return _round(numbers[0], numbers[1], _ROUNDING[name])
        if name == "INT" and len(numbers) == 1:
            return float(math.floor(numbers[0]))
        if name == "ABS" and len(numbers) == 1:
            return abs(numbers[0])
        if name == "MOD" and len(numbers) == 2:
            a, b = numbers
            return _Error("#DIV/0!") if not b else a - b * math.floor(a / b)
        raise _NotWorkedOut("formula_unreadable")

    def aggregate(self, name: str, args: tuple, at, skip_subtotals: bool = False):
        """SUM and its kin: numbers in ranges count (text and TRUE/FALSE there do not), values given
        directly count as numbers (text that is no number: #VALUE!); the first error wins."""
        numbers: list[float] = []
        filled = 0
        for arg in args:
            value = self.value(arg, at)
            if type(value) is _Range:
                for item in self.cells(value, skip_subtotals):
                    filled += 1
                    kind = type(item)
                    if kind is float:
                        numbers.append(item)
                    elif kind is _Error:
                        if name not in ("COUNT", "COUNTA"):
                            return item
                    elif kind is bool and name in ("AND", "OR"):
                        numbers.append(1.0 if item else 0.0)
                continue
            if arg[0] == "cell":  # a single reference counts like a range of one cell
                if value is None:
                    continue
                filled += 1
                if type(value) is float:
                    numbers.append(value)
                elif type(value) is _Error and name not in ("COUNT", "COUNTA"):
                    return value
                elif type(value) is bool and name in ("AND", "OR"):
                    numbers.append(1.0 if value else 0.0)
                continue
            if arg[0] != "missing":
                filled += 1
            if name in ("COUNT", "COUNTA"):
                if type(value) is float or (name == "COUNTA" and value is not None):
                    numbers.append(0.0)
                continue
            number = _number(value) if name not in ("AND", "OR") else _truth(value)
            if type(number) is _Error:
                return number
            numbers.append(float(number))
        if name == "SUM":
            total = 0.0
            for number in numbers:
                total += number
            return total
        if name == "AVERAGE":
            return sum(numbers) / len(numbers) if numbers else _Error("#DIV/0!")
        if name == "MIN":
            return min(numbers) if numbers else 0.0
        if name == "MAX":
            return max(numbers) if numbers else 0.0
        if name == "COUNT":
            return float(len(numbers))
        if name == "COUNTA":
            return float(filled)
        if not numbers:
            return _Error("#VALUE!")
        return all(numbers) if name == "AND" else any(numbers)


# The key under which copies of one formula (=C2*1.1 in D2, =C3*1.1 in D3) are read once: the text with
# each reference (a cell, or whole columns) written relative to the formula's cell. Text in quotes
# (strings, sheet names) and a workbook's [index] are kept as they are, and so is what only looks like
# a reference inside a name, a number, a function's or a sheet's name (the reader takes those so too).
_KEY_PART = re.compile(
    r"""("(?:[^"]|"")*"|'(?:[^']|'')*'|\[[^\]]*\])"""
    r"""|(?<![\w.$])(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\w(.!$:])"""
    r"""|(?<![\w.$])(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![\w(.!$])"""
)
_UNREADABLE = object()


def _relative_text(text: str, anchor: tuple[int, int]) -> str:
    """'C2*1.1' written for D2 -> 'C[-1]R[0]*1.1' (each reference between NUL characters): two formulas
    with one key are read alike."""

    def column(dollar: str, letters: str) -> str:
        number = _letters(letters)
        return f"C{number}" if dollar else f"C[{number - anchor[1]}]"

    def relative(match: re.Match) -> str:
        if match.group(1) is not None:
            return match.group(1)
        if match.group(2) is not None:  # whole columns
            return f"\x00{column(match.group(2), match.group(3))}:{column(match.group(4), match.group(5))}\x00"
        dollar_column, letters, dollar_row, digits = match.group(6, 7, 8, 9)
        row = int(digits) - 1
        return f"\x00{column(dollar_column, letters)}{f'R{row}' if dollar_row else f'R[{row - anchor[0]}]'}\x00"

    return _KEY_PART.sub(relative, text)


def _reference_text(token: tuple, at: tuple[int, int]) -> str:
    """A reference token as the cell `at` writes it: ('cell', ...) -> 'C2', '$C$2'; a range 'C2:D5';
    whole columns 'A:B'."""

    def column(number: int, absolute: bool) -> str:
        return f"{'$' if absolute else ''}{_column_name(number if absolute else at[1] + number)}"

    def cell(row: int, row_absolute: bool, number: int, column_absolute: bool) -> str:
        row = row if row_absolute else at[0] + row
        return f"{column(number, column_absolute)}{'$' if row_absolute else ''}{row + 1}"

    kind, parts = token
    if kind == "cell":
        return cell(*parts)
    if kind == "range":
        return f"{cell(*parts[:4])}:{cell(*parts[4:])}"
    return f"{column(parts[0], parts[1])}:{column(parts[2], parts[3])}"


def _shifted(text: str, anchor: tuple[int, int], cell: tuple[int, int]) -> str:
    """The formula as it reads in `cell` (a shared formula is written once, for its first cell)."""
    if anchor == cell:
        return text
    rows, columns = cell[0] - anchor[0], cell[1] - anchor[1]

    def shift(match: re.Match) -> str:
        dollar_column, letters, dollar_row, digits = match.groups()
        column = _letters(letters) + (0 if dollar_column else columns)
        row = int(digits) + (0 if dollar_row else rows)
        return f"{dollar_column}{_column_name(column)}{dollar_row}{row}"

    def shift_column(match: re.Match) -> str:
        dollar, letters = match.groups()
        return f"{dollar}{_column_name(_letters(letters) + (0 if dollar else columns))}"

    pieces, done = [], 0
    for match in _TOKEN.finditer(text):
        if match.lastgroup in ("cell", "range", "columns"):
            part = _PART if match.lastgroup != "columns" else _COLUMN
            pieces += [text[done : match.start()], part.sub(shift if part is _PART else shift_column, match.group(0))]
            done = match.end()
    return "".join(pieces) + text[done:]
