"""The `overhoop search`, `overhoop ask` and `overhoop chat` subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from assistant.answer import Answer, Citation, Passage
from assistant.retrieval import RETRIEVAL_MODES

RELATED_HEADING = "Mogelijk verwant (geen antwoord):"
SOURCES_HEADING = "Bronnen:"
EXIT_WORDS = frozenset({"stop", "exit", "quit", "klaar", "doei"})
_ANSWER_KEYS = ("question", "answer", "outcome", "intent", "refused", "citations", "retrieved")


def register(subparsers: argparse._SubParsersAction) -> None:
    search = subparsers.add_parser("search", help="Toon de passages die het best bij een vraag passen.")
    search.add_argument("question", help="de vraag of zoekterm")
    search.add_argument("--k", type=int, default=None, help="aantal passages (standaard: answer_k)")
    _add_common(search)
    search.set_defaults(func=run_search)

    ask = subparsers.add_parser("ask", help="Stel één vraag, of een reeks vragen uit een JSONL-bestand.")
    ask.add_argument("question", nargs="?", help="de vraag")
    ask.add_argument(
        "--batch", metavar="FILE.jsonl", help="één JSON-object per regel: question, history, ..."
    )
    _add_common(ask)
    ask.set_defaults(func=run_ask)

    chat = subparsers.add_parser("chat", help="Een gesprek in de terminal (stoppen: Ctrl-D of 'stop').")
    chat.add_argument("--doc", action="append", default=[], metavar="DOC_ID", help="alleen dit document")
    chat.add_argument("--type", action="append", default=[], metavar="TYPE", help="alleen dit documenttype")
    chat.set_defaults(func=run_chat)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.add_argument("--doc", action="append", default=[], metavar="DOC_ID", help="alleen dit document")
    parser.add_argument("--type", action="append", default=[], metavar="TYPE", help="alleen dit documenttype")
    parser.add_argument(
        "--mode", choices=RETRIEVAL_MODES, default="hybrid", help="zoekmethode (standaard hybrid)"
    )


def run_search(args: argparse.Namespace) -> int:
    assistant = _open_assistant(getattr(args, "mode", "hybrid"))
    if assistant is None:
        return 1
    k = args.k if args.k is not None else assistant.settings.answer_k
    if k < 1:
        print("--k moet minstens 1 zijn.", file=sys.stderr)
        return 2
    passages = assistant.search(args.question, k=k, filters=_filters(args))
    if args.json:
        print(json.dumps([p.to_dict() for p in passages], ensure_ascii=False, indent=2))
        return 0
    if not passages:
        print("Geen passages gevonden.")
    for rank, passage in enumerate(passages, start=1):
        scores = ", ".join(
            f"{name} {value:.3f}" for name, value in passage.scores.items() if "rank" not in name
        )
        print(f"{rank}. {source_line(passage)}  (score {passage.score:.4f}; {scores})")
        print(f"   {_snippet(passage.text, 300)}\n")
    return 0


def run_ask(args: argparse.Namespace) -> int:
    if bool(args.batch) == bool(args.question):
        print("Geef een vraag of --batch FILE.jsonl (niet allebei).", file=sys.stderr)
        return 2
    if args.batch:
        try:
            handle = open(args.batch, encoding="utf-8")  # noqa: SIM115 - closed below, after the checks
        except OSError as exc:
            print(f"Kan {args.batch} niet lezen: {exc.strerror}.", file=sys.stderr)
            return 1
    assistant = _open_assistant(args.mode)
    if assistant is None:
        return 1
    if args.batch:
        with handle:
            return run_batch(assistant, handle, sys.stdout, _filters(args))
    answer = assistant.ask(args.question, filters=_filters(args))
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def run_batch(
    assistant: Any, lines: Iterable[str], out: IO[str], filters: Mapping[str, Any] | None = None
) -> int:
    """One JSON answer line per JSON question line; a bad line gets an error line, not a crash."""
    status = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("question"), str):
                raise ValueError("een object met een tekstveld 'question' verwacht")
            extra = {k: v for k, v in record.items() if k not in ("question", "history", "filters")}
            answer = assistant.ask(
                record["question"], history=record.get("history"), filters=record.get("filters") or filters
            )
            result = {**extra, **{k: v for k, v in answer.to_dict().items()}}
            result = {**{k: result[k] for k in _ANSWER_KEYS}, **result}
        except (ValueError, TypeError) as exc:
            status = 1
            result = {"line": number, "error": f"regel {number}: {exc}"}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return status


def run_chat(args: argparse.Namespace) -> int:
    assistant = _open_assistant("hybrid")
    if assistant is None:
        return 1
    print("OverHoop-assistent. Stel je vraag; stoppen met Ctrl-D of 'stop'.")
    history: list[dict[str, str]] = []
    filters = _filters(args)
    while True:
        try:
            question = input("\nVraag: ").strip()
        except EOFError:
            print()
            return 0
        if question.lower() in EXIT_WORDS:
            return 0
        if not question:
            continue
        streamed: list[str] = []
        answer: Answer | None = None
        print()
        for item in assistant.ask_stream(question, history=history, filters=filters):
            if isinstance(item, str):
                streamed.append(item)
                print(item, end="", flush=True)
            else:
                answer = item
        assert answer is not None
        if "".join(streamed).strip() != answer.answer.strip():
            print("\n\nNa controle van de bronnen:\n" + answer.answer, end="")
        print("\n\n" + format_sources(answer))
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]


def format_answer(answer: Answer) -> str:
    """The answer for the terminal: notice, text, then the sources (or the possibly related passages)."""
    parts = [f"Let op: {answer.notice}"] if answer.notice else []
    parts.append(answer.answer)
    sources = format_sources(answer)
    if sources:
        parts.append(sources)
    return "\n\n".join(parts)


def format_sources(answer: Answer) -> str:
    if answer.refused:
        if not answer.retrieved:
            return ""
        lines = [RELATED_HEADING]
        lines += [f"- {source_line(p)}: {_snippet(p.text, 200)}" for p in answer.retrieved[:3]]
        return "\n".join(lines)
    if not answer.citations:
        return ""
    return "\n".join([SOURCES_HEADING] + [f"[{c.n}] {source_line(c)}" for c in answer.citations])


def source_line(item: Citation | Passage) -> str:
    """'Title — section — p. 12', with the parts that are known."""
    title = item.title if isinstance(item, Citation) else item.chunk.title
    parts = [title or item.doc_id]
    if item.section:
        parts.append(item.section)
    if item.page:
        parts.append(f"p. {item.page}")
    return " — ".join(parts)


def _snippet(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _filters(args: argparse.Namespace) -> dict[str, Sequence[str]] | None:
    filters = {"doc_id": args.doc, "doc_type": args.type}
    return {k: v for k, v in filters.items() if v} or None


def _open_assistant(mode: str) -> Any:
    """The Assistant, or None after one clear line on stderr when the index cannot be opened."""
    from assistant.core import Assistant
    from ingest.index import IndexUnavailable

    try:
        return Assistant(retrieval_mode=mode)  # type: ignore[arg-type]
    except IndexUnavailable as exc:
        print(f"De index is niet beschikbaar: {exc}", file=sys.stderr)
        return None
