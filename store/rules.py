"""Rules: corrections that teach, laid over every article's analysis at once.

A one-span correction (`store.corrections`) fixes what the model found at one place of one
article. A rule is said once for the whole library and kept in its ``rules`` table:
- an entity rule: this name is this label ("Homs" is GPE), wherever the model found the name;
- an alias rule: these names are one person or body, shown under one name ("Ms Dunlop",
  "Margaret Dunlop" -> "Margaret Dunlop").

Rules are applied to the stored analysis when it is shown (never stored into it), so a rule
made today reaches every article imported before or after it, and removing it brings the
model's label back; no article is parsed again. One-span corrections are applied after the
rules, so they win for their span. Names are matched on their words, case and spacing aside.

Below the user's rules come the entity rules the library infers where its articles agree
strongly on a name's label (`store.label_tallies`): a user's rule for the name wins over one.
An inferred rule matches a group by its own name only, never by a shorter form it took in
("Police Scotland" is not relabelled by what "Scotland" is elsewhere).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ENTITY = "entity"
ALIAS = "alias"
KINDS = (ENTITY, ALIAS)


def name_of(text: str) -> str:
    """What a rule matches a name on: its words, case and spacing aside, without a leading
    "the" or a possessive ("the Kremlin's" is "kremlin")."""
    words = text.replace("’", "'").casefold().split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1].endswith(("'s", "'")):
        words[-1] = words[-1].removesuffix("'s").removesuffix("'")
    return " ".join(words)


def rule_words(rule: dict) -> str:
    """One line saying what a rule does, for the rules screen and `presscut rules list`."""
    if rule.get("inferred"):
        return (f"{rule['name']} → {rule['label']} (inferred: {rule['articles']} of "
                f"{rule['of']} articles)")
    if rule.get("kind") == ENTITY:
        return f"{rule['name']} → {rule['label']}"
    others = [name for name in rule.get("names", []) if name != rule.get("show")]
    return f"{', '.join(others)} = {rule.get('show')}"


@dataclass(frozen=True)
class RuleSet:
    """The library's rules, looked up by name. ``labels``: name -> (label, rule id);
    ``shown``: name -> (the name to show, rule id); ``inferred``: name -> (label, rule id) of
    the rules the library infers. A later rule wins over an earlier one."""

    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    shown: dict[str, tuple[str, str]] = field(default_factory=dict)
    inferred: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, rules: Iterable[dict], inferred: Iterable[dict] = ()) -> RuleSet:
        labels: dict[str, tuple[str, str]] = {}
        shown: dict[str, tuple[str, str]] = {}
        for rule in sorted(rules, key=lambda r: (r.get("created") or "", r["id"])):
            if rule.get("kind") == ENTITY:
                labels[name_of(rule["name"])] = (rule["label"], rule["id"])
            elif rule.get("kind") == ALIAS:
                for name in rule.get("names", []):
                    shown[name_of(name)] = (rule["show"], rule["id"])
        guessed = {name_of(rule["name"]): (rule["label"], rule["id"]) for rule in inferred}
        return cls(labels, shown, guessed)

    def __bool__(self) -> bool:
        return bool(self.labels or self.shown or self.inferred)

    def label_for(self, names: Iterable[str]) -> tuple[str, str] | None:
        """The label (and rule) a rule gives a group written these ways, the first name first:
        a user's rule for any of them, else the rule inferred for the first."""
        names = list(names)
        found = next((found for n in names if (found := self.labels.get(name_of(n)))), None)
        if found is None and names and self.inferred:
            found = self.inferred.get(name_of(names[0]))
        return found

    def shown_for(self, names: Iterable[str]) -> tuple[str, str] | None:
        """The name to show (and rule) an alias rule gives a group written these ways."""
        return next((found for n in names if (found := self.shown.get(name_of(n)))), None)

    def shown_name(self, name: str) -> str:
        """A name as the alias rules show it (the name itself when no rule names it)."""
        found = self.shown.get(name_of(name))
        return found[0] if found else name

    def apply(self, analysis: dict) -> dict:
        """The analysis with the rules laid over it: labels set, aliased groups joined under
        their shown name. A copy one level down, as `apply_corrections` makes; untouched when
        no rule applies."""
        if not self:
            return analysis
        result = {
            **analysis,
            **{part: [dict(item) for item in analysis.get(part, [])]
               for part in ("entities", "groups", "quotes")},
        }  # fmt: skip
        groups = result["groups"]
        entities_of: dict[str, list[dict]] = {}
        for entity in result["entities"]:
            entities_of.setdefault(entity.get("group") or "", []).append(entity)
        for group in groups:
            names = [group["name"], *group.get("aliases", [])]
            if (labelled := self.label_for(names)) and labelled[0] != group["label"]:
                group["label"] = labelled[0]
                for entity in entities_of.get(group["id"], []):
                    entity["label"], entity["origin"], entity["rule"] = (
                        labelled[0], "rule", labelled[1])
        for entity in entities_of.get("", []):  # mentions the model grouped with no one
            if (labelled := self.label_for([entity["text"]])) and labelled[0] != entity["label"]:
                entity["label"], entity["origin"], entity["rule"] = labelled[0], "rule", labelled[1]
        self._join_aliases(result, entities_of)
        return result

    def _join_aliases(self, result: dict, entities_of: dict[str, list[dict]]) -> None:
        """Groups one alias rule names become one, under the rule's name: the most mentioned
        keeps its id, the others' mentions and quotations move to it."""
        kept: dict[str, dict] = {}  # shown name -> the group that keeps it
        moved: dict[str, str] = {}  # group id -> the id of the group it joined
        for group in sorted(result["groups"], key=lambda g: -g["count"]):
            found = self.shown_for([group["name"], *group.get("aliases", [])])
            if found is None:
                continue
            show = found[0]
            keeper = kept.get(show)
            if keeper is None:
                kept[show] = group
                group["name"] = show
                continue
            moved[group["id"]] = keeper["id"]
            for entity in entities_of.get(group["id"], []):  # one label for one who
                entity["group"], entity["label"] = keeper["id"], keeper["label"]
            keeper["mentions"] = sorted([*keeper["mentions"], *group["mentions"]])
            keeper["count"] += group["count"]
            keeper["aliases"] = list(dict.fromkeys([*keeper["aliases"], *group["aliases"]]))
        if moved:
            result["groups"] = [g for g in result["groups"] if g["id"] not in moved]
        shown = {g["id"]: g["name"] for g in kept.values()}
        for quote in result["quotes"]:
            key = moved.get(quote.get("group") or "", quote.get("group"))
            if key in shown:
                quote["group"], quote["speaker"] = key, shown[key]
            elif quote.get("speaker") and quote.get("group") is None:
                quote["speaker"] = self.shown_name(quote["speaker"])
