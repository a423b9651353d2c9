"""Follow-ups: how much the earlier questions count, and the model's rewrite with an LLM."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.auth.rights import Actor
from assistant.chat import Answerer, followup
from assistant.rules import load_rules
from knowledge.models import Hit
from tests.unit.chat_fakes import FakeRetriever, NoSql, hit
from tests.unit.test_chat_llm import BrokenModel, _recording

OPERATOR = Actor.of("ana", ["operator"])
FIRST = "Who handles the calls of key clients?"
ROUTING = hit("If the KAM is absent, transfer the call to another available KAM.", title="Routing")


class ContextRetriever(FakeRetriever):
    """A fake retriever that also takes the follow-up's context."""

    def search(  # type: ignore[override]
        self,
        query: str,
        *,
        k: int = 5,
        kinds: Sequence[str] | None = None,
        client_type: str | None = None,
        context: str = "",
        context_weight: float = 0.0,
    ) -> list[Hit]:
        self.calls.append({"query": query, "context": context, "weight": context_weight})
        return self.hits[:k]


def _answerer(llm: Any, retriever: FakeRetriever) -> Answerer:
    return Answerer(
        retriever=retriever,
        catalog=NoSql(),  # type: ignore[arg-type]
        directory=NoSql(),  # type: ignore[arg-type]
        price_rules=load_rules(None).prices,
        llm=llm,
    )


def test_a_question_that_points_back_leans_on_the_ones_before() -> None:
    assert followup.context_weight("And if that manager is absent?") == followup.LEANING
    assert followup.context_weight("A ako taj KAM nije prisutan?") == followup.LEANING
    assert followup.context_weight("А если он отсутствует?") == followup.LEANING
    assert followup.context_weight("Islands?") == followup.SHORT


def test_a_question_that_stands_alone_does_not() -> None:
    assert followup.context_weight("When are deliveries to the islands by ferry?") == 0.0
    assert followup.context_weight("Koliko je minimalna narudžba za otoke?") == 0.0


def test_only_the_last_few_earlier_questions_count_oldest_first() -> None:
    earlier = ["q1", "q2", "q3", "q4"]
    assert followup.context_text(earlier) == "q2 q3 q4"


def test_without_a_model_the_follow_up_is_searched_with_the_earlier_question_as_context() -> None:
    retriever = ContextRetriever([ROUTING])
    _answerer(None, retriever).answer("And if he is absent?", actor=OPERATOR, after=[FIRST])
    assert retriever.calls == [
        {"query": "And if he is absent?", "context": FIRST, "weight": followup.LEANING}
    ]


def test_with_a_model_the_follow_up_is_rewritten_to_stand_alone_first() -> None:
    model = _recording("Who takes a key client's call when its KAM is absent?", "Another KAM [1].")
    retriever = FakeRetriever([ROUTING])
    answer = _answerer(model, retriever).answer(
        "And if he is absent?", actor=OPERATOR, after=[FIRST]
    )
    assert retriever.calls[0]["query"] == "Who takes a key client's call when its KAM is absent?"
    assert f"<earlier>\n- {FIRST}\n</earlier>" in model.seen[0][1].text
    assert answer.text.startswith("Another KAM [1].")


def test_a_model_that_fails_to_rewrite_leaves_the_earlier_words_to_count() -> None:
    retriever = ContextRetriever([ROUTING])
    _answerer(BrokenModel(responses=[]), retriever).answer(
        "And if he is absent?", actor=OPERATOR, after=[FIRST]
    )
    assert retriever.calls[0]["context"] == FIRST
