"""The Assistant: question in, grounded Dutch answer out (retrieve, decide, quote or generate, cite)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.answer import Answer, AnswerMode, Citation, Outcome, Passage
from assistant.decision import DecisionFeatures, DecisionModel, choose_model
from assistant.evidence import (
    CorpusTerms,
    Tokenizer,
    decision_evidence,
    decision_features,
    missing_words,
    unknown_names,
)
from assistant.extractive import (
    FALLBACK_LEAD_IN,
    compose_answer,
    fallback_quotes,
    partial_lead_in,
    reads_as_list,
)
from assistant.followup import (
    expand_ordinals,
    ordinal_numbers,
    points_at_item,
    resolve_query,
    without_pointers,
)
from assistant.history import clean_turns, keep_answer
from assistant.query_adapter import QueryAdapter, choose_adapter
from assistant.question_analysis import (
    QuestionAnalysis,
    analyse,
    asked_names_text,
    asker_clauses,
    document_words,
    earlier_situations,
    holds_value,
    pointed_names,
    refers_to_context,
    role_terms,
    role_words,
    without_document_words,
)
from assistant.questions import check_question, clean_text
from assistant.ranking import RankerModel, RankQuery, choose_ranker
from assistant.ranking import features as ranking_features
from assistant.retrieval import HybridRetriever, Pool, RetrievalMode, RetrievalResult
from assistant.termweights import weighted_coverage
from basics.settings import Settings, get_settings
from basics.threads import limit_blas_threads
from ingest.index import Index, IndexUnavailable

REFUSAL = "Dat staat niet in de OverHoop-documenten die ik ken."
NO_PASSAGES = (
    "Ik vond geen passages in de gekozen documenten. Kies andere documenten of stel een andere vraag."
)
LLM_FAILED = "Het taalmodel antwoordde niet; dit is een extractief antwoord."
LLM_UNCITED = "Het taalmodel gaf geen antwoord met controleerbare bronnen; dit is een extractief antwoord."
LLM_DROPPED = "Ik liet {n} zin(nen) van het taalmodel weg die de bronnen niet ondersteunen."
COMPARED_PER_DOCUMENT = 2  # passages searched in each document a comparison names


@dataclass(frozen=True, slots=True)
class _Understood:
    """A question read: its analysis, its search query, and whether that query borrows from the
    conversation."""

    analysis: QuestionAnalysis
    query: str
    follows_up: bool = False
    """The question points into the conversation ("dat zesde project", "daarin"). The ranker keeps the
    fused order then: its features judge passages by the question's own need, which names no subject here,
    and on such follow-ups it put the wrong passage first (held-out: "Wat wilde dat zesde project precies
    bereiken?" lost the sixth project's passage)."""
    said_before: str = ""
    """A follow-up's earlier user turns' situations ("Ik ben consulent bij de sociale dienst jeugdrechtbank in
    Brugge."): who asked, not what the follow-up asks a value of (`evidence.decision_evidence`)."""


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A question that passed the checks and the refusal rule, with everything retrieval found."""

    question: str
    history: list[dict[str, str]]
    query: str
    retrieval: RetrievalResult
    notice: str | None
    analysis: QuestionAnalysis
    outcome: Outcome
    missing_value: str | None = None
    """The kind of value the need asks for when no shown passage gives it ("amount", "phone", ...), or
    "items" when it counts things ("welke zes stappen") no passage lists."""
    compared: tuple[Passage, ...] = ()
    """For a comparison that names two or more kinds of document: the best passages of each."""
    value_sentence: str | None = None
    """The sentence of the retrieved passages that holds the asked value next to the need's subject."""


class Assistant:
    """Answers questions about the OverHoop documents. Models and index load once, at construction.

    `index`, `embedder` and `tokenizer` can be injected (tests); otherwise they come from `settings`.
    `retrieval_mode` selects hybrid, dense-only or BM25-only retrieval (for the ablation in the evals).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        index: Index | None = None,
        embedder: Any | None = None,
        *,
        retrieval_mode: RetrievalMode = "hybrid",
        tokenizer: Tokenizer | None = None,
        decision: DecisionModel | None = None,
        ranker: RankerModel | None = None,
        adapter: QueryAdapter | None = None,
    ) -> None:
        self.settings = settings or get_settings()
        limit_blas_threads(self.settings.blas_threads)  # for the whole process: it answers questions
        self.retrieval_mode = retrieval_mode
        self._owns_index = index is None
        if index is None:
            from ingest.store import open_index  # lazy: chromadb loads only when an index is needed

            index = open_index(self.settings)
        injected_embedder = embedder is not None
        if embedder is None and retrieval_mode != "bm25":
            from ingest.embedders import make_embedder

            embedder = make_embedder(self.settings)
        if tokenizer is None:
            from basics.tokens import tokenize_nl

            tokenizer = tokenize_nl
        if embedder is not None and not injected_embedder:
            embedder.embed_query("opwarmen")  # load the model now, not during the first question
        self._embedder = embedder
        self._tokenize = tokenizer
        self._lock = threading.Lock()
        self._adapter = adapter
        if adapter is None and self.settings.query_adapter and retrieval_mode != "bm25":
            self._adapter = choose_adapter(index.embedder_id)
        self._load(index)
        self._ranker = ranker
        if ranker is None and self.settings.rerank and retrieval_mode == "hybrid":
            self._ranker = choose_ranker(index.embedder_id, self._fused_config)
        self._decision: DecisionModel = decision or choose_model(
            index.embedder_id, self.retrieval_config, self.settings.refusal_threshold
        )

    # --- public ------------------------------------------------------------------------------------------

    @property
    def index(self) -> Index:
        return self._index

    @property
    def embedder(self) -> Any | None:
        """The query embedder in use (None in BM25 mode); another Assistant over this index may share it."""
        return self._embedder

    @property
    def _fused_config(self) -> str:
        sentences = self.retrieval_mode == "hybrid" and self.settings.sentence_retrieval
        adapted = self._adapter is not None
        return f"{self.retrieval_mode}{'+sentences' if sentences else ''}{'+adapter' if adapted else ''}"

    @property
    def retrieval_config(self) -> str:
        """What the answer decision's features depend on: the retrieval mode, the sentence list, and
        whether the learned ranker reorders the fused passages."""
        return self._fused_config + ("+ranker" if self._ranker is not None else "")

    @property
    def adapter(self) -> QueryAdapter | None:
        """The query adapter in use (None: the embedder's vector as it is; see query_adapter.py)."""
        return self._adapter

    @property
    def ranker(self) -> RankerModel | None:
        """The learned reranker in use (None: fused order; see ranking.choose_ranker)."""
        return self._ranker

    @property
    def decision(self) -> DecisionModel:
        """The answer decision in use: the fitted model, or the coverage rule (see decision.choose_model)."""
        return self._decision

    def documents(self) -> list[dict[str, Any]]:
        """The indexed documents (doc_id, title, doc_type, date, ...), as of the latest ingest."""
        with self._lock:
            self._refresh()
            return [dict(doc) for doc in self._index.documents()]

    def ask(
        self,
        question: str,
        history: Sequence[Mapping[str, str]] | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> Answer:
        """The answer to `question`, given earlier turns and optional {"doc_id"/"doc_type": [...]} filters."""
        prepared = self._prepare(question, history, filters)
        if isinstance(prepared, Answer):
            answer = prepared
        elif self.settings.generative:
            answer = self._generative(prepared, on_token=None)
        else:
            answer = self._extractive(prepared)
        return self._kept(answer)

    def ask_stream(
        self,
        question: str,
        history: Sequence[Mapping[str, str]] | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> Iterator[str | Answer]:
        """Text pieces as they come, then the final Answer (its text may differ after the citation check)."""
        prepared = self._prepare(question, history, filters)
        if isinstance(prepared, Answer) or not self.settings.generative:
            answer = prepared if isinstance(prepared, Answer) else self._extractive(prepared)
            yield answer.answer
            yield self._kept(answer)
            return
        for item in self._stream_generative(prepared):
            yield self._kept(item) if isinstance(item, Answer) else item

    def search(
        self, query: str, k: int | None = None, filters: Mapping[str, Any] | None = None
    ) -> list[Passage]:
        """The top `k` diverse passages for `query` (default settings.answer_k), without an answer."""
        with self._lock:
            self._refresh()
            text = clean_text(query)
            return self._retrieve(_Understood(analyse(text, []), text), filters, k).passages

    def decision_features(
        self,
        question: str,
        history: Sequence[Mapping[str, str]] | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> DecisionFeatures:
        """The answer decision's evidence for a question as `ask()` sees it (`overhoop eval calibrate`)."""
        understood = self._understand(clean_text(question), clean_turns(history))
        with self._lock:
            self._refresh()
            retrieval = self._retrieve(understood, filters)
        return decision_features(
            understood.analysis,
            understood.query,
            retrieval,
            self._terms,
            understood.follows_up,
            understood.said_before,
        )

    def ranking_rows(
        self,
        question: str,
        history: Sequence[Mapping[str, str]] | None = None,
        filters: Mapping[str, Any] | None = None,
    ) -> tuple[list[Passage], list[dict[str, float]]]:
        """The fused passages before reranking and their ranking features, as `ask()` sees them (`overhoop
        eval calibrate` fits the ranker on these); nothing for a question the ranker leaves alone."""
        understood = self._understand(clean_text(question), clean_turns(history))
        if understood.follows_up:
            return [], []
        rank_query = self._rank_query(understood)
        seen: list[tuple[list[Passage], list[dict[str, float]]]] = []

        def record(pool: Pool) -> list[Passage]:
            seen.append((pool.passages, ranking_features(pool, rank_query, self._terms.of, self._tokenize)))
            return pool.passages

        with self._lock:
            self._refresh()
            self._retriever.retrieve(understood.query, self.settings.answer_k, filters, record)
        return seen[0] if seen else ([], [])

    def search_vector(
        self, question: str, history: Sequence[Mapping[str, str]] | None = None
    ) -> np.ndarray | None:
        """The embedder's vector of the search query `ask()` builds for `question`, before the query
        adapter (`overhoop eval calibrate` fits the adapter on these); None without an embedder."""
        if self._embedder is None:
            return None
        understood = self._understand(clean_text(question), clean_turns(history))
        return np.asarray(self._embedder.embed_query(understood.query), dtype=np.float32)

    def _rank_query(self, understood: _Understood) -> RankQuery:
        analysis = understood.analysis
        roles = role_terms(analysis.text, self._tokenize)
        return RankQuery(
            need_terms=tuple(t for t in self._tokenize(without_pointers(analysis.need)) if t not in roles),
            query_terms=tuple(
                t for t in self._tokenize(without_pointers(understood.query)) if t not in roles
            ),
            intent=analysis.intent,
            weights=self._terms.weights,
        )

    def _retrieve(
        self, understood: _Understood, filters: Mapping[str, Any] | None, k: int | None = None
    ) -> RetrievalResult:
        """The retriever's passages, reordered by the learned ranker when one is in use. A follow-up into
        the conversation is reordered too, by its resolved query: the ranker is fitted on first questions
        only (`ranking_rows`), and on the tuning follow-ups it never saw it still lifted hit@1 0.565 -> 0.669
        and MRR 0.701 -> 0.761 (1128 questions, adapter cross-fitted; before, follow-ups kept the fused
        order)."""
        reorder = None
        ranker = self._ranker
        if ranker is not None:
            rank_query = self._rank_query(understood)

            def reorder(pool: Pool) -> list[Passage]:
                rows = ranking_features(pool, rank_query, self._terms.of, self._tokenize)
                return ranker.rerank(pool.passages, rows)

        return self._retriever.retrieve(understood.query, k or self.settings.answer_k, filters, reorder)

    def _kept(self, answer: Answer) -> Answer:
        keep_answer(answer, self.settings)
        return answer

    # --- loading -----------------------------------------------------------------------------------------

    def _load(self, index: Index) -> None:
        self._index = index
        # A store's snapshot knows which generation it holds; `generation` itself reads what is on disk now.
        self._generation = getattr(index, "loaded_generation", None) or index.generation
        self._retriever = HybridRetriever(
            index,
            self._embedder,
            retrieve_k=self.settings.retrieve_k,
            rrf_k=self.settings.rrf_k,
            mode=self.retrieval_mode,
            sentences=self.settings.sentence_retrieval,
            adapter=self._adapter,
        )
        self._terms = CorpusTerms.build(index.chunks(), self._tokenize)
        from assistant.composition import ChunkTables  # local, like the composer in `_extractive`

        self._tables = ChunkTables.build(index.chunks())

    def _refresh(self) -> None:
        """Reload when an ingest changed the index since we loaded it (one cheap read per question)."""
        if self._index.generation == self._generation:
            return
        if self._owns_index:
            from ingest.store import ingest_in_progress, open_index

            # While an ingest writes, chromadb may fail to open the collection or see only part of the new
            # vectors. The snapshot we hold stays whole: answer from it, and reload once the ingest is done.
            if ingest_in_progress(self.settings):
                return
            try:
                index = open_index(self.settings)
            except IndexUnavailable:
                if not ingest_in_progress(self.settings):  # an ingest that started just now
                    raise
                return
            self._load(index)
            if ingest_in_progress(self.settings) or index.generation != self._generation:
                # An ingest started while we loaded: what we hold may predate part of it. Keep answering
                # from it, but load again on the next question rather than trusting its generation.
                self._generation = ""
        else:
            self._load(self._index)

    # --- the steps ---------------------------------------------------------------------------------------

    def _prepare(
        self,
        question: str,
        history: Sequence[Mapping[str, str]] | None,
        filters: Mapping[str, Any] | None,
    ) -> _Prepared | Answer:
        checked = check_question(question, self.settings.max_question_chars)
        if checked.reply is not None:
            return Answer(checked.text, checked.reply, True, [], [], notice=checked.notice)
        turns = clean_turns(history)
        understood = self._understand(checked.text, turns)
        analysis, query = understood.analysis, understood.query
        with self._lock:
            self._refresh()
            retrieval = self._retrieve(understood, filters)
            compared = self._compared(understood, filters)
        search_query = query if query != checked.text else None
        if not retrieval.passages:
            return Answer(
                checked.text,
                NO_PASSAGES,
                True,
                [],
                [],
                notice=checked.notice,
                search_query=search_query,
                intent=analysis.intent,
            )
        evidence = decision_evidence(
            analysis, query, retrieval, self._terms, understood.follows_up, understood.said_before
        )
        outcome = self._decision.outcome(
            evidence.features, lacking=bool(unknown_names(asked_names_text(analysis), self._terms))
        )
        if outcome == "none":
            return Answer(
                checked.text,
                REFUSAL,
                True,
                [],
                retrieval.passages,
                notice=checked.notice,
                search_query=search_query,
                outcome="none",
                intent=analysis.intent,
            )
        return _Prepared(
            checked.text,
            turns,
            query,
            retrieval,
            checked.notice,
            analysis,
            outcome,
            evidence.missing,
            compared,
            evidence.value_sentence,
        )

    def _compared(self, understood: _Understood, filters: Mapping[str, Any] | None) -> tuple[Passage, ...]:
        """The best passages of each kind of document a comparison names ("Komen de WINGG-nota en het
        eindrapport tot dezelfde conclusie?"): the fused top 5 often come from one of them only."""
        documents = understood.analysis.documents
        if understood.analysis.intent != "comparison" or len(documents) < 2 or filters:
            return ()
        query = without_document_words(understood.query)  # each document searched for the subject
        found: list[Passage] = []
        for doc_type in documents:
            found += self._retriever.retrieve(query, COMPARED_PER_DOCUMENT, {"doc_type": doc_type}).passages
        return tuple(found)

    def _understand(self, text: str, turns: list[dict[str, str]]) -> _Understood:
        """The question's analysis and search query: resolved against the conversation, rewritten by the
        generative model when one is set, expanded with the documents' words when asked."""
        analysis = analyse(text, turns)
        resolved = resolve_query(analysis.text, turns)
        follows_up = bool(turns) and expand_ordinals(resolved) != analysis.text
        query = resolved
        if self.settings.generative and query != analysis.text:
            query = self._rewrite(analysis.text, turns, fallback=query)
        if self.settings.query_expansion and analysis.corpus_terms:
            query = f"{query} {' '.join(analysis.corpus_terms)}"
        said_before = earlier_situations(turns, self._tokenize) if follows_up else ""
        return _Understood(analysis, expand_ordinals(query), follows_up, said_before)

    def _extractive(self, prepared: _Prepared, notice: str | None = None) -> Answer:
        from assistant import composition  # local: keeps this method's imports with it

        passages = prepared.retrieval.passages
        analysis = prepared.analysis
        intent = analysis.intent
        best_terms = self._terms.of(passages[0]) if passages else set()  # what the best passage holds
        subject = composition.subject_terms(
            without_pointers(analysis.need),
            without_pointers(prepared.query),
            self._tokenize,
            self._terms.weights,
            role_words(analysis.text) + (document_words(analysis.text) if intent == "comparison" else []),
            without_pointers(analysis.context) if refers_to_context(analysis) else "",
            best_terms,
        )
        pointed = [t for name in pointed_names(analysis, self._terms.frames) for t in self._tokenize(name)]
        subject += [t for t in dict.fromkeys(pointed) if t not in subject]
        numbers = ordinal_numbers(analysis.text)
        if numbers:  # "die zevende": the part the documents number so
            sections = [p.section for p in passages]
            # The kind of part may stand in the conversation only ("Welke acht bouwstenen?" then "die
            # zevende"): the resolved query carries it.
            asked = self._tokenize(prepared.query)
            named_part = composition.numbered_heading_terms(sections, numbers, asked, self._tokenize)
            subject += [t for t in named_part if t not in subject]
        # A follow-up that points at one item of a list, in its situation as well as in its question proper
        # ("we willen vooral met die zesde aan de slag. Wat valt daar allemaal onder?"), asks for that item,
        # not the list (fresh53, now natural56). Tuning 3588: 4 answers change, 2 of them from the list of
        # eight bouwstenen to the asked one's text, 2 only in their lead-in; held-out 628: 2, both
        # follow-ups that had the list again (coverage of one 0 -> 0.75).
        one_item = bool(prepared.history) and points_at_item(analysis.text)
        sources, roles = composition.gather_sources(
            intent,
            analysis.need,
            passages,
            subject,
            self._tables,
            self._terms.by_chunk,
            self._terms.weights,
            self._tokenize,
            compared=prepared.compared,
        )
        blocks = composition.compose(
            intent,
            composition.without_story(
                self._tokenize(prepared.query),
                analysis.context,
                analysis.need,
                best_terms,
                self._tokenize,
            ),
            subject,
            sources,
            self._tokenize,
            self._terms.weights,
            expects=analysis.expects,
            asked=analysis.need,
            similarities=composition.sentence_cosines(self._index, prepared.retrieval.query_vector, sources),
            headings=[self._tables.headings.get(p.chunk_id) for p in sources],
            roles=roles,
            compare=analysis.documents,
            value_sentence=prepared.value_sentence,
            named=_named_terms(analysis, subject, self._tokenize),
            one_item=one_item,
        )

        def partial_lead(shown: str) -> str | None:
            if prepared.outcome != "partial":
                return None
            kind = prepared.missing_value
            return partial_lead_in(
                kind,
                missing_words(asked_names_text(analysis), passages, self._terms),
                shown=kind is not None and holds_value(kind, shown, given=analysis.text),
            )

        if blocks:
            shown = " ".join(g.text for block in blocks for g in block.groups)
            lead_in = partial_lead(shown) or composition.lead_in(
                intent, analysis.need, blocks, sources, one_item
            )
            text, citations = composition.render(blocks, sources, lead_in)
        else:
            texts = [p.text for p in passages]
            weights = self._terms.weights
            quotes = fallback_quotes(
                texts,
                relevance=lambda s: weighted_coverage(subject, set(self._tokenize(s)), weights),
                may_open=composition.may_open,
            )
            # A partial answer says so, also where it shows the best passage whole.
            lead_in = partial_lead(" ".join(q.text for q in quotes)) or FALLBACK_LEAD_IN
            text, citations = compose_answer(quotes, passages, lead_in=lead_in, bullets=reads_as_list(quotes))
        return _answered(prepared, text, citations, passages, "extractive", notice)

    def _generative(self, prepared: _Prepared, on_token: Callable[[str], None] | None) -> Answer:
        from assistant import citations as citation_check
        from assistant import generation

        passages = _with_compared(prepared)
        try:
            raw = generation.generate_answer(
                prepared.question, passages, prepared.history, self.settings, on_token=on_token
            )
        except generation.GenerationFailed:
            return self._extractive(prepared, notice=LLM_FAILED)
        checked = citation_check.check_citations(raw, passages)
        if not checked.cited or not checked.text:
            return self._extractive(prepared, notice=LLM_UNCITED)
        text, cited = citation_check.renumber_citations(checked.text, checked.cited, passages)
        dropped = LLM_DROPPED.format(n=len(checked.dropped_sentences)) if checked.dropped_sentences else None
        return _answered(prepared, text, cited, prepared.retrieval.passages, "generative", dropped)

    def _stream_generative(self, prepared: _Prepared) -> Iterator[str | Answer]:
        # The model reports tokens through a callback; a worker thread turns them into this generator.
        pieces: queue.Queue[object] = queue.Queue()
        done = object()
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["answer"] = self._generative(prepared, on_token=pieces.put)
            except BaseException as exc:  # re-raised in the caller's thread below
                outcome["error"] = exc
            finally:
                pieces.put(done)

        worker = threading.Thread(target=work, name="overhoop-generate", daemon=True)
        worker.start()
        streamed = False
        while (piece := pieces.get()) is not done:
            streamed = True
            yield str(piece)
        worker.join()
        if "error" in outcome:
            raise outcome["error"]
        answer: Answer = outcome["answer"]
        if answer.mode == "extractive":
            yield ("\n\n" if streamed else "") + answer.answer
        yield answer

    def _rewrite(self, question: str, history: list[dict[str, str]], fallback: str) -> str:
        """In generative mode the model may rewrite a follow-up; our own resolution when it cannot."""
        from assistant import generation

        rewritten = generation.rewrite_question(question, history, self.settings)
        return rewritten if rewritten and rewritten != question else fallback


def _search_query(prepared: _Prepared) -> str | None:
    return prepared.query if prepared.query != prepared.question else None


def _join(*notices: str | None) -> str | None:
    parts = [n for n in notices if n]
    return " ".join(parts) if parts else None


def _with_compared(prepared: _Prepared) -> list[Passage]:
    """The retrieved passages, then those a comparison searched in each document it names."""
    from assistant.composition import joined

    return joined(prepared.retrieval.passages, prepared.compared)


def _answered(
    prepared: _Prepared,
    text: str,
    citations: list[Citation],
    retrieved: list[Passage],
    mode: AnswerMode,
    notice: str | None,
) -> Answer:
    """The answer to a prepared question (answer or partial), in either mode."""
    return Answer(
        question=prepared.question,
        answer=text,
        refused=False,
        citations=citations,
        retrieved=retrieved,
        mode=mode,
        notice=_join(prepared.notice, notice),
        search_query=_search_query(prepared),
        outcome=prepared.outcome,
        intent=prepared.analysis.intent,
    )


def _named_terms(
    analysis: QuestionAnalysis, subject: Sequence[str], tokenize: Callable[[str], list[str]]
) -> list[str]:
    """The subject's terms that the question itself names, not earlier turns, nor the asker's role or
    workplace ("Als beleidsmedewerker ...", "Ik werk in een wijkgezondheidscentrum")."""
    asker = {t for clause in asker_clauses(analysis.context) for t in tokenize(clause)}
    asker |= role_terms(analysis.text, tokenize)
    return [t for t in tokenize(analysis.text) if t in subject and t not in asker]
