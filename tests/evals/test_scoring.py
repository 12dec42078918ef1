"""Per-item scores on hand-checkable cases, and their aggregation."""

from __future__ import annotations

import pytest

from assistant.answer import Passage
from evals.baselines import SystemReply
from evals.schema import EvalItem
from evals.scoring import by_document, by_slice, intent_confusion, score_item, summarize, summarize_by
from ingest.documents import Chunk, chunk_id_for

GOLD_A = "Bespreek je zorgen met een collega of met de vertrouwensarts voor je verdere stappen zet."
GOLD_B = "In de derde fase werkten zestig eerstelijnszones aan trajecten rond ontwikkelingstrauma."


def passage(doc_id: str, text: str) -> Passage:
    chunk = Chunk(chunk_id_for(doc_id, text), doc_id, doc_id.title(), "nota", "Sectie", text, 0)
    return Passage(chunk, 1.0)


def item(**fields) -> EvalItem:
    base = {
        "id": "t-1",
        "question": "wat doe ik met een niet-pluis-gevoel?",
        "type": "practical",
        "persona": "professional",
        "evidence": [{"doc_id": "signalen", "quote": GOLD_A}, {"doc_id": "onderzoek", "quote": GOLD_B}],
        "answer_points": ["zorgen bespreken met een collega", "zestig eerstelijnszones"],
        "difficulty": "easy",
    }
    base.update(fields)
    return EvalItem.model_validate(base)


def reply(
    ranked: list[Passage], answer: str = "", sources: dict[int, str] | None = None, **kw
) -> SystemReply:
    return SystemReply(
        answer=answer,
        refused=kw.get("refused", False),
        sources=sources or {},
        ranked=ranked,
        seconds=kw.get("seconds", 0.1),
        mode=kw.get("mode", "extractive"),
        context=[p.text for p in ranked[:5]],
    )


def test_retrieval_metrics_on_a_hand_checked_ranking():
    ranked = [
        passage("signalen", "Iets anders over kinderen en ouders."),
        # The right sentence but in the wrong document: does not count.
        passage("andere-nota", "Tekst. " + GOLD_A),
        passage("signalen", "Noteer wat je ziet. " + GOLD_A),
        passage("onderzoek", "Zorgraden. " + GOLD_B),
    ]
    score = score_item(item(), "x", reply(ranked))
    metrics = score.retrieval
    assert metrics is not None
    assert (metrics["hit@1"], metrics["hit@3"], metrics["hit@5"]) == (0.0, 1.0, 1.0)
    assert (metrics["recall@1"], metrics["recall@3"], metrics["recall@5"]) == (0.0, 0.5, 1.0)
    assert metrics["mrr"] == pytest.approx(1 / 3)
    # nDCG: gains at ranks 3 and 4, ideal at ranks 1 and 2.
    ideal = 1 + 1 / 1.584962500721156
    assert metrics["ndcg@10"] == pytest.approx((1 / 2 + 1 / 2.321928094887362) / ideal)
    assert score.found[:4] == [[], [], [0], [1]]


def test_citation_validity_requires_the_cited_passage_to_contain_the_sentence():
    ranked = [passage("signalen", GOLD_A), passage("onderzoek", GOLD_B)]
    answer = f"Dit zeggen de documenten:\n\n{GOLD_A} [1] {GOLD_B} [1] {GOLD_B} [3]"
    score = score_item(item(), "x", reply(ranked, answer, {1: GOLD_A, 2: GOLD_B}))
    assert score.citations == (1, 3)  # [1] holds A, not B; [3] was never shown


def test_generative_answers_are_checked_by_support_not_containment():
    ranked = [passage("signalen", GOLD_A)]
    paraphrase = "Bespreek je zorgen eerst met een collega of de vertrouwensarts. [1]"
    inverted = "Bespreek je zorgen nooit met een collega of de vertrouwensarts. [1]"
    good = score_item(item(), "x", reply(ranked, paraphrase, {1: GOLD_A}, mode="generative"))
    bad = score_item(item(), "x", reply(ranked, inverted, {1: GOLD_A}, mode="generative"))
    assert good.citations == (1, 1)
    assert bad.citations == (0, 1)


def test_coverage_and_refusal_scoring():
    answerable = item()
    answered = score_item(answerable, "x", reply([], "Bespreek je zorgen met een collega. [1]", {1: GOLD_A}))
    assert answered.coverage == 0.5 and answered.refusal_correct
    refused = score_item(answerable, "x", reply([], "Dat staat er niet in.", refused=True))
    assert refused.coverage == 0.0 and not refused.refusal_correct and refused.citations is None
    unanswerable = item(id="t-2", type="unanswerable", evidence=[], answer_points=[])
    assert score_item(unanswerable, "x", reply([], "nee", refused=True)).refusal_correct
    assert score_item(unanswerable, "x", reply([], "ja")).retrieval is None


def test_stuffed_answers_have_no_citation_score():
    ranked = [passage("signalen", GOLD_A)]
    score = score_item(item(), "naive", reply(ranked, GOLD_A + " [1]", {1: GOLD_A}, mode="stuffed"))
    assert score.citations is None


def test_summaries_average_over_the_right_items():
    hit = [passage("signalen", GOLD_A), passage("onderzoek", GOLD_B)]
    miss = [passage("signalen", "niets")]
    scores = [
        score_item(item(id="a"), "x", reply(hit, seconds=0.1)),
        score_item(item(id="b"), "x", reply(miss, seconds=0.3)),
        score_item(
            item(id="c", type="unanswerable", evidence=[], answer_points=[]), "x", reply([], seconds=0.2)
        ),
    ]
    summary = summarize(scores)
    assert summary["n_answerable"] == 2 and summary["n_unanswerable"] == 1
    assert summary["hit@1"] == 0.5
    assert summary["refusal_acc_answerable"] == 1.0
    assert summary["refusal_acc_unanswerable"] == 0.0
    assert summary["latency_p50_ms"] == pytest.approx(200.0)
    per_doc = summarize_by(scores, by_document)
    assert set(per_doc) == {"signalen", "onderzoek"}
    assert per_doc["onderzoek"]["n"] == 2


def decided(
    outcome: str | None, refused: bool = False, intent: str | None = None, answer: str = ""
) -> SystemReply:
    sources = {1: "Noteer wat je ziet. " + GOLD_A, 2: "Het ontmoetingshuis is open op dinsdag voor ouders."}
    return SystemReply(
        answer=answer,
        refused=refused,
        sources=sources,
        ranked=[],
        seconds=0.1,
        mode="extractive",
        outcome=outcome,  # type: ignore[arg-type]
        intent=intent,  # type: ignore[arg-type]
    )


UNANSWERABLE = {"type": "unanswerable", "evidence": [], "answer_points": []}


def test_answer_decision_shares_count_a_partial_as_no_answer():
    scores = [
        score_item(item(id="a1"), "x", decided("answer")),
        score_item(item(id="a2"), "x", decided("partial")),
        score_item(item(id="a3"), "x", decided("none", refused=True)),
        score_item(item(id="a4"), "x", decided("answer")),
        score_item(item(id="u1", **UNANSWERABLE), "x", decided("partial")),
        score_item(item(id="u2", **UNANSWERABLE), "x", decided("none", refused=True)),
        score_item(item(id="u3", **UNANSWERABLE), "x", decided("answer")),
    ]
    summary = summarize(scores)
    assert summary["answered_answerable"] == 0.5  # a1, a4; the partial a2 does not count
    assert summary["partial_answerable"] == 0.25
    assert summary["declined_unanswerable"] == pytest.approx(2 / 3)  # u1 (labelled partial) and u2
    # The refusal metrics stay as they were: a partial is not a refusal.
    assert summary["refusal_acc_answerable"] == 0.75
    assert summary["refusal_acc_unanswerable"] == pytest.approx(1 / 3)


def test_a_system_without_an_outcome_is_read_from_its_refusal():
    assert score_item(item(), "x", decided(None, refused=True)).outcome == "none"
    assert score_item(item(), "x", decided(None)).outcome == "answer"


def test_intent_accuracy_and_confusion_count_items_with_a_gold_intent():
    scores = [
        score_item(item(id="a", intent="practical"), "x", decided("answer", intent="practical")),
        score_item(item(id="b", intent="practical"), "x", decided("answer", intent="fact")),
        score_item(item(id="c", intent="list"), "x", decided("answer", intent="list")),
        score_item(item(id="d"), "x", decided("answer", intent="fact")),  # no gold intent
        score_item(item(id="e", intent="fact"), "naive", decided(None)),  # reads no intent
    ]
    summary = summarize(scores)
    assert summary["intent_accuracy"] == pytest.approx(2 / 3) and summary["intents_checked"] == 3
    assert intent_confusion(scores) == {"list": {"list": 1}, "practical": {"fact": 1, "practical": 1}}
    assert summarize(scores[3:])["intent_accuracy"] is None


def test_off_topic_sentences_and_their_shares():
    question = "Ik werk in een kinderdagverblijf. Wat doe ik met een niet-pluis-gevoel?"
    situated = item(question=question, situation="Ik werk in een kinderdagverblijf.")
    on_topic = "Een niet-pluis-gevoel vraagt om overleg. [1]"
    from_gold = "Noteer wat je ziet. [1]"  # shares no stem, but source 1 holds gold quote A
    # Shares only "kinderdagverblijf", which is the situation, not the need; source 2 holds no gold.
    off = "Het ontmoetingshuis is open op dinsdag voor ouders uit het kinderdagverblijf. [2]"
    clean = score_item(situated, "x", decided("answer", answer=f"{on_topic} {from_gold}"))
    mixed = score_item(situated, "x", decided("partial", answer=f"Wel dit:\n\n{on_topic} {off}"))
    refused = score_item(situated, "x", decided("none", refused=True, answer=off))
    assert clean.off_topic == [] and clean.quoted == 2
    assert mixed.off_topic == [off.removesuffix(" [2]")] and mixed.quoted == 2
    assert refused.off_topic is None  # only answered answerable items are judged
    summary = summarize([clean, mixed, refused])
    assert summary["offtopic_answers"] == 0.5
    assert summary["offtopic_sentences"] == 0.25 and summary["quoted_sentences"] == 4


def test_a_follow_up_is_on_topic_with_the_turns_it_refers_to():
    history = [
        {"role": "user", "content": "Welke ouderactiviteiten zijn er?"},
        {"role": "assistant", "content": "Er is een ontmoetingshuis voor ouders."},
    ]
    followup = item(type="followup", question="en wanneer is dat open?", history=history)
    answer = "Het ontmoetingshuis is op dinsdag. [2]"
    assert score_item(followup, "x", decided("answer", answer=answer)).off_topic == []
    assert score_item(item(question="en wanneer?"), "x", decided("answer", answer=answer)).off_topic == [
        answer.removesuffix(" [2]")
    ]


def test_coverage_of_answered_items_leaves_refusals_out():
    answer = "Bespreek je zorgen met een collega. [1]"
    scores = [
        score_item(item(id="a"), "x", decided("answer", answer=answer)),
        score_item(item(id="b"), "x", decided("none", refused=True)),
    ]
    summary = summarize(scores)
    assert summary["coverage"] == 0.25 and summary["coverage_answered"] == 0.5
    assert summary["n_answered_answerable"] == 1


def test_a_slice_is_the_file_an_item_was_written_in():
    ranked = [passage("signalen", GOLD_A)]
    scores = [
        score_item(item(id=question_id), "x", reply(ranked))
        for question_id in ("ho-kp-001", "ho-kp-012", "nat8-c-004")
    ]
    slices = summarize_by(scores, by_slice)
    assert {name: numbers["n"] for name, numbers in slices.items()} == {"ho-kp": 2, "nat8-c": 1}
