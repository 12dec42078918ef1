"""Talk to the optional OpenAI-compatible chat endpoint: grounded answers (streamed or not) and rewrites.

Every failure of the endpoint is one exception, GenerationFailed, so the caller can answer extractively.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from langchain_core.messages import BaseMessageChunk
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from assistant.answer import Passage
from assistant.prompts import Message, answer_messages, rewrite_messages
from basics.settings import Settings

# A rewritten question longer than this is the model answering instead of rewriting: keep the original.
MAX_REWRITE_CHARS = 500

# Reasoning models served through Ollama or llama.cpp put their thinking in the reply itself.
_THINK_BLOCK = re.compile(r"^\s*<think>.*?</think>\s*", re.DOTALL)


class GenerationFailed(Exception):
    """The chat endpoint could not give an answer (unreachable, HTTP error, timeout or empty reply)."""


def generate_answer(
    question: str,
    passages: Sequence[Passage],
    history: Sequence[dict] | None,
    settings: Settings,
    on_token: Callable[[str], None] | None = None,
) -> str:
    """The model's answer, markers [n] indexing `passages` from 1; tokens go to `on_token` when given.

    `settings.llm_timeout_s` bounds connecting and every wait for data; a stream that keeps delivering
    tokens is not cut off. Errors raised by `on_token` itself propagate unchanged. When streaming, the text
    returned is exactly the concatenation of the tokens passed to `on_token`.
    """
    messages = answer_messages(question, passages, history)
    if on_token is None:
        text = _THINK_BLOCK.sub("", _invoke(messages, settings)).strip()
    else:
        text = "".join(_stream_visible(messages, settings, on_token))
    if not text.strip():
        raise GenerationFailed("het taalmodel gaf een leeg antwoord")
    return text


def rewrite_question(question: str, history: Sequence[dict] | None, settings: Settings) -> str:
    """A follow-up rewritten as a standalone question; the question unchanged when there is nothing to do
    or the endpoint fails."""
    if not history:
        return question
    try:
        text = _invoke(rewrite_messages(question, history), settings)
    except GenerationFailed:
        return question
    lines = [line for line in _THINK_BLOCK.sub("", text).splitlines() if line.strip()]
    if not lines:
        return question
    rewritten = re.sub(r"^(zelfstandige vraag|vraag)\s*:\s*", "", lines[0].strip(), flags=re.IGNORECASE)
    rewritten = rewritten.strip().strip("\"'“”<>").strip()
    if not rewritten or len(rewritten) > MAX_REWRITE_CHARS:
        return question
    return rewritten


def chat_model(settings: Settings, streaming: bool) -> ChatOpenAI:
    """The langchain chat model for the configured endpoint. No retries: a failure falls back quickly."""
    base_url, model = settings.llm_base_url, settings.llm_model
    if not (base_url and model):
        raise GenerationFailed("geen taalmodel ingesteld (OVERHOOP_LLM_BASE_URL en OVERHOOP_LLM_MODEL)")
    return ChatOpenAI(
        base_url=base_url,
        model=model,
        api_key=SecretStr(settings.llm_api_key),
        timeout=settings.llm_timeout_s,
        max_retries=0,
        streaming=streaming,
        temperature=0,  # grounded answers: the least invention the endpoint allows
    )


def _invoke(messages: list[Message], settings: Settings) -> str:
    model = chat_model(settings, streaming=False)
    try:
        reply = model.invoke(messages)
    except Exception as error:  # openai, httpx and langchain errors alike mean: no answer from the endpoint
        raise GenerationFailed(_describe(error)) from error
    return reply.text


def _stream_visible(
    messages: list[Message], settings: Settings, on_token: Callable[[str], None]
) -> Iterator[str]:
    """Yield the streamed tokens, each also passed to `on_token`, without leading whitespace and without a
    leading <think> block."""
    held = ""  # text held back while it may still be whitespace or (part of) a <think> block
    state = "start"  # start -> (thinking -> after ->) visible
    for token in _stream(messages, settings):
        if state == "visible":
            on_token(token)
            yield token
            continue
        held += token
        if state == "start":
            if held.lstrip().startswith("<think>"):
                state = "thinking"
            elif "<think>".startswith(held.lstrip()):
                continue
            else:
                state = "after"
        if state == "thinking":
            if "</think>" not in held:
                continue
            held, state = held.split("</think>", 1)[1], "after"
        held = held.lstrip()
        if held:
            on_token(held)
            yield held
            held, state = "", "visible"
    # The stream ended on text that only looked like the start of a <think> block.
    if state == "start" and held.strip():
        on_token(held.lstrip())
        yield held.lstrip()


def _stream(messages: list[Message], settings: Settings) -> Iterator[str]:
    """The raw token stream; endpoint errors become GenerationFailed, the consumer's errors do not."""
    model = chat_model(settings, streaming=True)
    try:
        chunks: Iterator[BaseMessageChunk] = iter(model.stream(messages))
    except Exception as error:
        raise GenerationFailed(_describe(error)) from error
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            return
        except Exception as error:
            raise GenerationFailed(_describe(error)) from error
        token = chunk.text
        if token:
            yield token


def _describe(error: Exception) -> str:
    """One line for the log and the user notice; never the prompt (it holds the question)."""
    name = type(error).__name__
    if "Timeout" in name:
        return "het taalmodel antwoordde niet op tijd"
    if "Connection" in name or "Connect" in name:
        return "het taalmodel is niet bereikbaar"
    status = getattr(error, "status_code", None)
    if status is not None:
        return f"het taalmodel gaf een fout (HTTP {status})"
    return f"het taalmodel gaf geen antwoord ({name})"
