"""The zone rule table: ``models/zones.json`` read once, and the first rule whose conditions hold.

A rule is data: an id, the zone it gives, its conditions over named features, a one-line reason and
examples. The table's order is the policy (the first rule that holds wins, within its stage); code only
computes the features a condition names (:class:`Features`) and, for a rule's ``take``, which lines the
zone spans.

Conditions: ``{"feature": true}`` (the feature is truthy), ``false`` (falsy), a string or number (equal),
``{"max": n}`` / ``{"min": n}`` (a number within), ``{"in": [...]}`` (one of). All must hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Callable, Mapping

from amtsbrief.cues import load_model
from amtsbrief.zoning.kinds import DocumentType, ZoneKind

RULES_FILE = "zones.json"
STAGES = ("document", "furniture", "anchor", "line", "block", "tail", "position")


class RuleTableError(ValueError):
    """``models/zones.json`` is not a valid rule table (a programming error in the data, caught by tests)."""


@dataclass(frozen=True, eq=False)
class Rule:
    id: str
    stage: str
    zone: str
    when: Mapping[str, Any]
    reason: str
    examples: tuple
    take: str | None = None       # which lines the zone spans, when not just this one (code: segment._take_line)
    in_cells: bool = False        # also tried on each cell of a line set in columns
    path: str | None = None       # the contract path of a field the rule gives
    value_from: str | None = None  # the feature whose match holds the value (``subject_label``)


@dataclass(frozen=True, eq=False)
class RuleTable:
    rules: tuple[Rule, ...]

    def stage(self, name: str) -> tuple[Rule, ...]:
        return _by_stage(self)[name]

    def get(self, rule_id: str) -> Rule:
        try:
            return _by_id(self)[rule_id]
        except KeyError:
            raise RuleTableError(f"no rule {rule_id!r} in models/{RULES_FILE}") from None


@cache
def _by_stage(table: RuleTable) -> dict[str, tuple[Rule, ...]]:
    return {stage: tuple(rule for rule in table.rules if rule.stage == stage) for stage in STAGES}


@cache
def _by_id(table: RuleTable) -> dict[str, Rule]:
    return {rule.id: rule for rule in table.rules}


_KINDS = {kind.value for kind in ZoneKind} | {kind.value for kind in DocumentType}


@cache
def rule_table() -> RuleTable:
    """The rules of ``models/zones.json``, checked (unique ids, known stages and zones, reason, example)."""
    data = load_model(RULES_FILE)
    rules: list[Rule] = []
    seen: set[str] = set()
    for entry in data["rules"]:
        rule = Rule(id=entry["id"], stage=entry["stage"], zone=entry["zone"], when=entry.get("when", {}),
                    reason=entry.get("reason", ""), examples=tuple(entry.get("examples", ())),
                    take=entry.get("take"), in_cells=entry.get("in_cells", False), path=entry.get("path"),
                    value_from=entry.get("value_from"))
        problem = None
        if rule.id in seen:
            problem = "its id is used twice"
        elif rule.stage not in STAGES:
            problem = f"unknown stage {rule.stage!r}"
        elif rule.zone not in _KINDS:
            problem = f"unknown zone {rule.zone!r}"
        elif not rule.reason or not rule.examples:
            problem = "a rule needs a reason and at least one example"
        if problem:
            raise RuleTableError(f"models/{RULES_FILE}: rule {rule.id!r}: {problem}")
        seen.add(rule.id)
        rules.append(rule)
    return RuleTable(tuple(rules))


class Features(dict):
    """Named features of one line or block, computed on first use and kept.

    ``providers`` maps a feature's name to a function of this object (so one feature may read another);
    ``subject`` is the line or block the features describe; ``settled``, features already known (with the
    values their providers would give), and ``known`` more. (A dict, so a known feature costs one lookup.)
    """

    __slots__ = ("_providers", "subject")

    def __init__(self, providers: Mapping[str, Callable[["Features"], Any]], subject: Any = None,
                 settled: Mapping[str, Any] = {}, /, **known: Any):  # noqa: B006 (read, never written)
        super().__init__(settled, **known)
        self._providers = providers
        self.subject = subject

    def __missing__(self, name: str) -> Any:
        try:
            provider = self._providers[name]
        except KeyError:
            raise RuleTableError(f"models/{RULES_FILE} names a feature {name!r} that no code computes") from None
        value = self[name] = provider(self)
        return value


_TRUE, _FALSE, _EQUAL, _RANGE = range(4)


def _compile(when: Mapping[str, Any]) -> tuple:
    tests = []
    for name, expected in when.items():
        if expected is True:
            tests.append((name, _TRUE, None))
        elif expected is False:
            tests.append((name, _FALSE, None))
        elif isinstance(expected, dict):
            tests.append((name, _RANGE, (expected.get("min"), expected.get("max"), expected.get("in"))))
        else:
            tests.append((name, _EQUAL, expected))
    return tuple(tests)


def holds(rule: Rule, features: Features) -> bool:
    """Whether every condition of ``rule`` holds for ``features``."""
    return _holds(_compiled(rule), features)


@cache
def _compiled(rule: Rule) -> tuple:
    return _compile(rule.when)


def _holds(tests: tuple, features: Features) -> bool:
    for name, test, argument in tests:
        value = features[name]
        if test == _TRUE:
            if not value:
                return False
        elif test == _FALSE:
            if value:
                return False
        elif test == _EQUAL:
            if value != argument:
                return False
        else:
            low, high, among = argument
            if low is not None and not value >= low or high is not None and not value <= high \
                    or among is not None and value not in among:
                return False
    return True


@cache
def _stage_tests(stage: str, cell: bool, zone: str | None) -> tuple[tuple[Rule, tuple], ...]:
    return tuple((rule, _compiled(rule)) for rule in rule_table().stage(stage)
                 if (rule.in_cells or not cell) and (zone is None or rule.zone == zone))


def first(stage: str, features: Features, *, cell: bool = False, zone: str | None = None) -> Rule | None:
    """The first rule of ``stage`` (in table order) whose conditions hold.

    ``cell``: only the rules marked for cells; ``zone``: only the rules that give this zone (a search for
    the salutation need not ask whether a line is a closing).
    """
    return _stage_function(stage, cell, zone)(features)


@cache
def _stage_function(stage: str, cell: bool, zone: str | None) -> Callable[[Features], Rule | None]:
    """The rules of a stage as one Python function: each rule an ``if`` over its conditions, in order.

    The same answer as trying each rule with :func:`_holds` (the conditions are tested in the same order
    and stop at the first that fails, so a feature is computed only where the loop would compute it),
    without a loop per rule and per condition: a letter asks the table about a thousand times.
    """
    tests = _stage_tests(stage, cell, zone)
    rules = tuple(rule for rule, _ in tests)
    arguments: list[Any] = []
    lines = ["def first_rule(f):"]
    for number, (_, conditions) in enumerate(tests):
        clauses = []
        for name, test, argument in conditions:
            value = f"f[{name!r}]"
            if test == _TRUE:
                clauses.append(value)
            elif test == _FALSE:
                clauses.append(f"not {value}")
            elif test == _EQUAL:
                arguments.append(argument)
                clauses.append(f"not ({value} != A[{len(arguments) - 1}])")
            else:
                low, high, among = argument
                parts = []
                for bound, operator in ((low, ">="), (high, "<="), (among, "in")):
                    if bound is not None:
                        arguments.append(bound)
                        parts.append(f"{'v' if parts else f'(v := {value})'} {operator} A[{len(arguments) - 1}]")
                clauses.append(f"({' and '.join(parts)})" if parts else f"({value} or True)")  # computed, as the loop would
        lines.append(f"    if {' and '.join(clauses) or 'True'}:")
        lines.append(f"        return R[{number}]")
    lines.append("    return None")
    namespace: dict[str, Any] = {"R": rules, "A": tuple(arguments)}
    exec(compile("\n".join(lines), f"<models/{RULES_FILE}: stage {stage}>", "exec"), namespace)
    return namespace["first_rule"]
