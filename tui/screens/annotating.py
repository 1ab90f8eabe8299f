"""The main screen's annotating actions: selecting, tagging, notes, corrections, undo and redo.

Every action works on the selection in the reader, or on the whole article when nothing is
selected. Each change goes through the Annotator, which saves it before the screen says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from services.annotator import Annotator, Step
from store.errors import StoreError
from tui.reader_styles import ENTITY_KINDS, NUMERIC_LABELS
from tui.reading import people_and_bodies
from tui.saving import saved
from tui.screens.annotate import ChoiceMenu, NoteEditor, TagPrompt
from tui.text_units import grow, shrink, unit_start
from tui.widgets.article_text import ArticleText
from tui.wording import correction_words

if TYPE_CHECKING:
    from tui.reading import OpenArticle

QUICK_TAGS = 9
LABELS = sorted(set(ENTITY_KINDS) | NUMERIC_LABELS | {"EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
PREVIEW = 40


KIND_WORDS = {"tag": "tag", "note": "note", "correction": "correction", "entity_note": "note"}


def target_words(annotation: dict) -> str:
    """What an annotation is on, for a title or a message: a passage, or the article."""
    target = annotation.get("target")
    return preview(target["exact"]) if target else "the article"


def preview(text: str) -> str:
    words = " ".join(text.split())
    return f"“{words[: PREVIEW - 1]}…”" if len(words) > PREVIEW else f"“{words}”"


class AnnotatingMixin:
    """Mixed into MainScreen, which provides the widgets, ``show_article`` and
    ``annotations_changed`` (redraw what shows annotations, then say the change is saved)."""

    article: OpenArticle | None
    annotator: Annotator

    # -- the selection ---------------------------------------------------------------

    def _reader(self) -> ArticleText:
        return self.query_one(ArticleText)

    def _editable(self) -> OpenArticle | None:
        """The open article, when its reading text (the one offsets refer to) is shown."""
        if self.annotator.library.read_only:
            self.notify(
                "the library is open read-only: annotations cannot be saved", severity="warning"
            )
            return None
        if self.article is None:
            self.notify("open an article first", severity="warning")
            return None
        if self.article.show_original:
            self.notify(
                "annotate the reading text: press o to leave the original", severity="warning"
            )
            return None
        return self.article

    def selection_span(self) -> tuple[int, int] | None:
        start, end = self._reader().selection_offsets()
        return (min(start, end), max(start, end)) if start != end else None

    def action_select_start(self) -> None:
        """v: select the word under the cursor, or drop the selection."""
        article = self._editable()
        if article is None:
            return
        reader = self._reader()
        if self.selection_span():
            reader.move_to_offset(reader.cursor_offset())
            return
        start = unit_start(article.text, reader.cursor_offset(), "word")
        reader.move_to_offset(start, select_to=grow(article.text, start, start, "word"))

    def action_resize_selection(self, unit: str, growing: bool) -> None:
        article = self._editable()
        if article is None:
            return
        reader = self._reader()
        anchor, end = reader.selection_offsets()
        if anchor == end:
            anchor = end = unit_start(article.text, end, unit)
        change = grow if growing else shrink
        reader.move_to_offset(anchor, select_to=change(article.text, anchor, end, unit))

    def action_select_item(self) -> None:
        """x: select the entity or quotation under the cursor; again: the larger one around it."""
        article = self._editable()
        if article is None:
            return
        offset = self._reader().cursor_offset()
        analysis = article.analysis
        around = sorted(
            {
                (item["start"], item["end"])
                for item in analysis.get("entities", []) + analysis.get("quotes", [])
                if item["start"] <= offset <= item["end"]
            },
            key=lambda span: span[1] - span[0],
        )
        if not around:
            self.notify("no entity or quotation under the cursor", severity="warning")
            return
        current = self.selection_span()
        chosen = (
            around[(around.index(current) + 1) % len(around)] if current in around else around[0]
        )
        self._reader().move_to_offset(chosen[0], select_to=chosen[1])

    def _target(self, article: OpenArticle) -> tuple[dict | None, str]:
        """The selection as an annotation target, and how to name it to the user."""
        from store.anchoring import make_target

        span = self.selection_span()
        if span is None:
            return None, "the article"
        return make_target(article.text, *span), preview(article.text[span[0] : span[1]])

    def _save(self, change: Callable[[], object], message: str) -> None:
        """Make a change; say it is saved only once it is, and say so when it could not be."""
        if saved(self, change):
            self.annotations_changed(message)

    # -- tags and notes --------------------------------------------------------------

    def action_tag(self) -> None:
        article = self._editable()
        if article is None:
            return
        target, what = self._target(article)
        known = self.annotator.library.tag_names()

        def chosen(tag: str | None) -> None:
            if tag:
                self._save_tag(article, target, tag)

        self.app.push_screen(TagPrompt(what, known), chosen)

    def action_quick_tag(self, number: int) -> None:
        article = self._editable()
        if article is None:
            return
        tags = self.quick_tags()
        if number > len(tags):
            self.notify(f"no tag on {number} yet: tag with t first", severity="warning")
            return
        target, _ = self._target(article)
        self._save_tag(article, target, tags[number - 1])

    def quick_tags(self) -> list[str]:
        """The user's most used tags, in the order the digits apply them."""
        return self.annotator.library.tag_names(QUICK_TAGS)

    def _save_tag(self, article: OpenArticle, target: dict | None, tag: str) -> None:
        self._save(
            lambda: self.annotator.add(
                article.row["id"], "tag", f"tag {tag}", tag=tag, target=target
            ),
            f"tagged {tag}: saved",
        )

    def action_note(self) -> None:
        article = self._editable()
        if article is None:
            return
        target, what = self._target(article)

        def written(text: str | None) -> None:
            if text:
                self._save(
                    lambda: self.annotator.add(
                        article.row["id"], "note", "note", note=text, target=target
                    ),
                    "note saved",
                )

        self.app.push_screen(NoteEditor(what), written)

    def edit_annotation(self, annotation: dict) -> None:
        """Change a tag's name or a note's text, from the side panel's list."""
        key = annotation["id"]
        if annotation["kind"] == "note":

            def written(text: str | None) -> None:
                if text and text != annotation["note"]:
                    self._save(
                        lambda: self.annotator.update(key, "note edited", note=text), "note saved"
                    )

            title = f"Edit the note on {target_words(annotation)}:"
            self.app.push_screen(NoteEditor(title=title, text=annotation["note"]), written)
        elif annotation["kind"] == "tag":
            known = self.annotator.library.tag_names()

            def renamed(tag: str | None) -> None:
                if tag and tag != annotation["tag"]:
                    self._save(
                        lambda: self.annotator.update(key, f"tag {tag}", tag=tag),
                        f"tag changed to {tag}: saved",
                    )

            self.app.push_screen(TagPrompt("(new name)", known, annotation["tag"]), renamed)
        else:
            self.notify("a correction is changed by correcting again (c)")

    def delete_annotation(self, annotation: dict) -> None:
        what = f"{KIND_WORDS.get(annotation['kind'], 'annotation')} on {target_words(annotation)}"
        self._save(
            lambda: self.annotator.delete(annotation["id"], f"{what} deleted"),
            f"{what} deleted: u undoes",
        )

    # -- corrections -----------------------------------------------------------------

    def action_correct(self) -> None:
        """c: correct what the model found at the cursor (or mark the selection as an entity)."""
        article = self._editable()
        if article is None:
            return
        offset = self._reader().cursor_offset()
        span = self.selection_span()
        analysis = article.analysis
        if span:
            entity = next((e for e in analysis["entities"] if (e["start"], e["end"]) == span), None)
            quote = next((q for q in analysis["quotes"] if (q["start"], q["end"]) == span), None)
        else:
            entity = _innermost(analysis.get("entities", []), offset)
            quote = _innermost(analysis.get("quotes", []), offset)
        choices: list[tuple[str, str]] = []
        if entity:
            every = _every_mention(analysis, entity)
            choices += [
                (
                    f"Change the label of {preview(entity['text'])} ({entity['label']}{every})",
                    "relabel",
                ),
                (f"Reject the entity {preview(entity['text'])}", "reject"),
                (f"Say {preview(entity['text'])} is the same as another name here", "alias"),
            ]
        if quote:
            other = "indirect" if quote["kind"] == "direct" else "direct"
            choices += [
                (f"Set the speaker (now {quote.get('speaker') or 'nobody'})", "set_speaker"),
                (f"Make the quotation {other}", "set_kind"),
                ("Reject the quotation", "reject_quote"),
            ]
        if span and not entity and not quote:
            choices.append(
                (f"Mark {preview(article.text[span[0] : span[1]])} as an entity", "add_entity")
            )
        if not choices:
            self.notify(
                "nothing to correct here: put the cursor on an entity or a quotation, "
                "or select a missed entity",
                severity="warning",
            )
            return

        def chosen(action: str | None) -> None:
            if action in ("relabel", "reject"):
                self._correct_entity(article, entity, action)
            elif action == "alias":
                self._same_as(article, entity)
            elif action == "add_entity":
                self._correct_entity(article, {"start": span[0], "end": span[1]}, action)
            elif action in ("set_speaker", "set_kind", "reject_quote"):
                self._correct_quote(article, quote, action)

        self.app.push_screen(ChoiceMenu("Correct the analysis", choices), chosen)

    def _save_correction(self, article: OpenArticle, span: dict, action: str, **fields) -> None:
        from store.anchoring import make_target

        target = make_target(article.text, span["start"], span["end"])
        what = correction_words(action, fields, preview(article.text[span["start"] : span["end"]]))
        self._save(
            lambda: self.annotator.add(
                article.row["id"],
                "correction",
                what,
                origin="correction",
                action=action,
                target=target,
                **fields,
            ),
            f"correction saved: {what}",
        )

    def _correct_entity(self, article: OpenArticle, entity: dict, action: str) -> None:
        if action == "reject":
            self._save_correction(article, entity, action)
            return

        def labelled(label: str | None) -> None:
            if label and action == "relabel":
                self._here_or_everywhere(article, entity, label)
            elif label:  # a missed entity is marked where it is
                self._save_correction(article, entity, action, label=label)

        menu = ChoiceMenu("Label", [(label, label) for label in LABELS])
        self.app.push_screen(menu, labelled)

    def _here_or_everywhere(self, article: OpenArticle, entity: dict, label: str) -> None:
        """A new label for this span only (a correction), or for the name in every article,
        imported or still to come (a rule: `store.rules`)."""
        name = " ".join(entity["text"].split())

        def where(choice: str | None) -> None:
            if choice == "here":
                self._save_correction(article, entity, "relabel", label=label)
            elif choice == "everywhere":
                what = f"rule: {name} is {label}"
                self._save(lambda: self.annotator.add_rule("entity", what, name=name,
                                                           label=label),
                           f"{what}, in every article: u undoes")

        choices = [(f"Here only: this mention of {preview(name)}", "here"),
                   (f"Everywhere: {preview(name)} is {label} in every article (a rule)",
                    "everywhere")]
        self.app.push_screen(ChoiceMenu(f"{preview(name)} is {label}", choices), where)

    def _same_as(self, article: OpenArticle, entity: dict) -> None:
        """Two names of one person or body, for every article (an alias rule), shown under
        the name chosen."""
        this = next((g for g in article.analysis.get("groups", [])
                     if g["id"] == entity.get("group")), None)
        first = this["name"] if this else " ".join(entity["text"].split())
        others = [g for g in people_and_bodies(article.analysis.get("groups", []))
                  if g["name"] != first]
        if not others:
            self.notify("no other name in this article to join it to", severity="warning")
            return

        def joined(other_id: str | None) -> None:
            other = next((g for g in others if g["id"] == other_id), None)
            if other is None:
                return
            names = [first, other["name"]]

            def shown(show: str | None) -> None:
                if show:
                    what = f"rule: {' = '.join(names)}, shown as {show}"
                    self._save(lambda: self.annotator.add_rule("alias", what, names=names,
                                                               show=show),
                               f"{what}, in every article: u undoes")

            menu = ChoiceMenu("Show them, in every article, as", [(n, n) for n in names])
            self.app.push_screen(menu, shown)

        choices = [(f"{g['name']}  ({g['label']}, ×{g['count']})", g["id"]) for g in others]
        self.app.push_screen(ChoiceMenu(f"{preview(first)} is the same as", choices), joined)

    def _correct_quote(self, article: OpenArticle, quote: dict, action: str) -> None:
        if action == "reject_quote":
            self._save_correction(article, quote, action)
        elif action == "set_kind":
            other = "indirect" if quote["kind"] == "direct" else "direct"
            self._save_correction(article, quote, action, quote_kind=other)
        else:
            groups = people_and_bodies(article.analysis.get("groups", []))
            choices = [(f"{g['name']}  ({g['label']}, ×{g['count']})", g["id"]) for g in groups]

            def spoken_by(group_id: str | None) -> None:
                group = next((g for g in groups if g["id"] == group_id), None)
                if group:
                    self._save_correction(
                        article, quote, action, speaker=group["name"], group=group["id"]
                    )

            self.app.push_screen(ChoiceMenu("Who said it?", choices), spoken_by)

    # -- undo and redo ---------------------------------------------------------------

    def action_undo(self) -> None:
        if not self.annotator.library.read_only:
            self._after_history(self.annotator.undo, "undone", "nothing to undo")

    def action_redo(self) -> None:
        if not self.annotator.library.read_only:
            self._after_history(self.annotator.redo, "redone", "nothing to redo")

    def _after_history(self, move: Callable[[], Step | None], done: str, nothing: str) -> None:
        try:
            step = move()
        except (StoreError, OSError) as error:
            self.notify(f"not saved: {error}", severity="error", timeout=10)
            return
        if step is None:
            self.notify(nothing, severity="warning")
            return
        key = self.annotator.article_of(step)
        if step.rule:  # the whole library's: every view shows it at once
            self.annotations_changed(f"{done}: {step.what}")
            return
        if step.removal is not None:  # undo brought the article back; redo removed it again
            if self.annotator.library.has_article(key):
                self.article_restored(key)
            else:
                self.article_removed(key)
            self.notify(f"{done}: {step.what}", timeout=3)
            return
        if self.article is None or self.article.row["id"] != key:
            self.show_article(key)
        self.annotations_changed(f"{done}: {step.what}")  # "undone: speaker set to …"


def _every_mention(analysis: dict, entity: dict) -> str:
    """", all 3 mentions" when relabelling this mention relabels others with it."""
    key = entity.get("group")
    group = next((g for g in analysis.get("groups", []) if g["id"] == key), None) if key else None
    return f", all {group['count']} mentions" if group and group["count"] > 1 else ""


def _innermost(items: list[dict], offset: int) -> dict | None:
    around = [item for item in items if item["start"] <= offset < item["end"]]
    return min(around, key=lambda item: item["end"] - item["start"], default=None)
