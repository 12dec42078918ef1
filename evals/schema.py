"""The eval question set: one item per JSON line, its schema, loading, and the checks evaluators run."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from evals.matching import canonical, corpus_canonical_texts
from ingest.manifest import ManifestError

ItemType = Literal["practical", "lessons", "fact", "multi_doc", "paraphrase", "unanswerable", "followup"]
Persona = Literal["professional", "coach", "evaluator"]
Difficulty = Literal["easy", "hard"]
Intent = Literal["practical", "lessons", "fact", "definition", "list", "comparison", "other"]
SetName = Literal["tuning", "heldout"]
# The held-out set lives in this subfolder of the questions folder; loading a folder reads its top level
# only, so the tuning set (evals/questions/*.jsonl) never includes it.
HELDOUT_FOLDER = "heldout"

# A quote shorter than this (in canonical characters) matches almost anywhere and proves nothing.
MIN_QUOTE_CHARS = 20


class Turn(BaseModel):
    """One earlier turn of a conversation, for follow-up questions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["user", "assistant"]
    content: str = Field(min_length=1)


class Evidence(BaseModel):
    """A verbatim quote from one corpus document that (with the item's other quotes) answers the question."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    doc_id: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class EvalItem(BaseModel):
    """One question with its gold evidence and the points a correct answer must convey."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, pattern=r"^\S+$")
    question: str = Field(min_length=1)
    type: ItemType
    persona: Persona
    history: list[Turn] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    answer_points: list[str] = Field(default_factory=list)
    difficulty: Difficulty
    notes: str | None = None
    intent: Intent | None = None
    """What kind of answer the asker wants (gold label for the question analysis); optional."""
    situation: str | None = None
    """The role or situation the asker gives before the question, verbatim from `question` (e.g. "Ik werk
    in een kinderdagverblijf"); None for a bare question. Lets the eval count situated questions."""

    @model_validator(mode="after")
    def _consistent(self) -> EvalItem:
        if self.type == "followup":
            if not self.history:
                raise ValueError("een followup heeft een history met minstens één eerdere beurt nodig")
            if self.history[0].role != "user" or self.history[-1].role != "assistant":
                raise ValueError("history begint met een 'user'-beurt en eindigt met een 'assistant'-beurt")
        elif self.history:
            raise ValueError("alleen een followup heeft een history")
        if self.type == "unanswerable":
            if self.evidence or self.answer_points:
                raise ValueError("een unanswerable vraag heeft geen evidence en geen answer_points")
        else:
            if not self.evidence:
                raise ValueError("een beantwoordbare vraag heeft minstens één evidence-citaat nodig")
            if not self.answer_points or not all(point.strip() for point in self.answer_points):
                raise ValueError("een beantwoordbare vraag heeft niet-lege answer_points nodig")
        if self.situation is not None and self.situation not in self.question:
            raise ValueError("situation moet letterlijk in de vraag staan")
        for evidence in self.evidence:
            if len(canonical(evidence.quote)) < MIN_QUOTE_CHARS:
                raise ValueError(f"citaat te kort om iets te bewijzen: {_short(evidence.quote)}")
        return self

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"


@dataclass(frozen=True, slots=True)
class QuestionSet:
    """The items of one question set as the eval reports it: the tuning set or the held-out set."""

    name: SetName
    source: str
    """Where the items came from, as shown in the report (a path relative to the project)."""
    items: list[EvalItem]

    @property
    def held_out(self) -> bool:
        """Never used to choose anything: the report shows no threshold sweep and no worst items for it."""
        return self.name == "heldout"


class QuestionSetError(ValueError):
    """A question file that does not load: the message says which file and line."""


def slice_of(item_id: str) -> str:
    """The slice an item belongs to: the file of questions it was written in, named by its id without the
    number ("ho-kp" of "ho-kp-012", "nat8-c" of "nat8-c-004", "coach" of "coach-017"). Each was written at
    one time, by one writer; a new one is what a blind question set looks like."""
    return re.sub(r"-?\d+$", "", item_id)


def load_questions(path_or_dir: Path | str) -> list[EvalItem]:
    """Every item of a .jsonl file, or of all *.jsonl files in a folder (sorted by name); ids must be unique.

    Raises QuestionSetError (one Dutch line with file and line number) for the first invalid item.
    """
    items: list[EvalItem] = []
    seen: dict[str, str] = {}
    for path in question_files(path_or_dir):
        for number, line in _lines(path):
            try:
                item = EvalItem.model_validate_json(line)
            except ValidationError as exc:
                raise QuestionSetError(f"{path.name} regel {number}: {_describe(exc)}") from None
            if item.id in seen:
                raise QuestionSetError(
                    f"{path.name} regel {number}: id '{item.id}' komt al voor in {seen[item.id]}"
                )
            seen[item.id] = path.name
            items.append(item)
    return items


def question_files(path_or_dir: Path | str) -> list[Path]:
    """The .jsonl files a path stands for: itself, or the sorted *.jsonl files of a folder."""
    path = Path(path_or_dir)
    if path.is_dir():
        return sorted(path.glob("*.jsonl"))
    if not path.is_file():
        raise QuestionSetError(f"vragenbestand niet gevonden: {path}")
    return [path]


def validate_file(path: Path | str, corpus_dir: Path | str) -> list[str]:
    """All problems of one question file, one clear Dutch line each; an empty list means the file is good.

    Checks: valid JSON, the schema (types, persona, difficulty, followups with history, unanswerables without
    evidence), unique ids, known doc_ids, and every quote verbatim (canonically) in its named document.
    """
    path = Path(path)
    if not path.is_file():
        return [f"bestand niet gevonden: {path}"]
    try:
        documents = corpus_canonical_texts(corpus_dir)
    except ManifestError as exc:
        return [str(exc)]
    errors: list[str] = []
    first_line_of: dict[str, int] = {}
    for number, line in _lines(path):
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"regel {number}: geen geldige JSON ({exc.msg}, kolom {exc.colno})")
            continue
        label = _label(number, raw)
        try:
            item = EvalItem.model_validate(raw)
        except ValidationError as exc:
            errors.extend(f"{label}: {problem}" for problem in _problems(exc))
            continue
        if item.id in first_line_of:
            errors.append(f"{label}: id '{item.id}' komt al voor op regel {first_line_of[item.id]}")
        else:
            first_line_of[item.id] = number
        for evidence in item.evidence:
            text = documents.get(evidence.doc_id)
            if text is None:
                known = ", ".join(sorted(documents))
                errors.append(f"{label}: onbekend document '{evidence.doc_id}' (bekend: {known})")
            elif canonical(evidence.quote) not in text:
                errors.append(f"{label}: citaat niet gevonden in {evidence.doc_id}: {_short(evidence.quote)}")
    if not first_line_of and not errors:
        errors.append("het bestand bevat geen vragen")
    return errors


def duplicate_ids_across(paths: list[Path]) -> list[str]:
    """One line per id that occurs in more than one of the files (duplicates within a file: validate_file)."""
    first_file: dict[str, Path] = {}
    errors = []
    for path in paths:
        ids_here: set[str] = set()
        for number, line in _lines(path):
            try:
                item_id = json.loads(line).get("id")
            except (json.JSONDecodeError, AttributeError):
                continue
            if not isinstance(item_id, str) or item_id in ids_here:
                continue
            ids_here.add(item_id)
            if item_id in first_file:
                errors.append(f"{path} regel {number}: id '{item_id}' komt ook voor in {first_file[item_id]}")
            else:
                first_file[item_id] = path
    return errors


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for every non-blank line."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def _label(number: int, raw: object) -> str:
    item_id = raw.get("id") if isinstance(raw, dict) else None
    return f"regel {number} ({item_id})" if isinstance(item_id, str) and item_id else f"regel {number}"


def _describe(exc: ValidationError) -> str:
    return "; ".join(_problems(exc))


def _problems(exc: ValidationError) -> list[str]:
    """Pydantic's errors as short Dutch phrases."""
    problems = []
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or "item"
        kind = error["type"]
        if kind == "missing":
            problems.append(f"veld '{field}' ontbreekt")
        elif kind == "extra_forbidden":
            problems.append(f"onbekend veld '{field}'")
        elif kind == "literal_error":
            allowed = error.get("ctx", {}).get("expected", "")
            problems.append(
                f"veld '{field}' heeft ongeldige waarde {error['input']!r} (toegestaan: {allowed})"
            )
        elif kind == "string_too_short":
            problems.append(f"veld '{field}' is leeg")
        elif kind == "string_pattern_mismatch":
            problems.append(f"veld '{field}' mag geen spaties bevatten")
        elif kind == "value_error":
            problems.append(str(error.get("ctx", {}).get("error", error["msg"])))
        elif kind == "model_type":
            problems.append("een regel moet één JSON-object zijn")
        else:
            problems.append(f"veld '{field}': verkeerd type of waarde ({error['msg']})")
    return problems


def _short(quote: str, limit: int = 90) -> str:
    flat = " ".join(quote.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
