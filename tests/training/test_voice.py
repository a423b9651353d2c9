"""The client may say its lines in other words (with an LLM), never with other facts."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.simulator.voice import facts_of, keeps_facts, rephrase

LINE = "Tomorrow between 08-12, Ana Kovač receives 40 packs of TJ-0001."


@dataclass
class Reply:
    content: str


class FakeLLM:
    def __init__(self, answer: str | Exception) -> None:
        self.answer = answer
        self.prompts: list[str] = []

    def invoke(self, prompt: str) -> Reply:
        self.prompts.append(prompt)
        if isinstance(self.answer, Exception):
            raise self.answer
        return Reply(self.answer)


def test_the_facts_of_a_line_are_its_numbers_and_names() -> None:
    assert {"08-12", "40", "TJ-0001", "Ana", "Kovač"} <= facts_of(LINE)


def test_a_rephrasing_that_keeps_the_facts_is_said() -> None:
    said = "Ana Kovač takes the 40 packs of TJ-0001 tomorrow, 08-12."
    llm = FakeLLM(said)
    assert rephrase(LINE, llm=llm, language="en") == said
    assert LINE in llm.prompts[0]


def test_a_rephrasing_that_changes_a_fact_is_thrown_away() -> None:
    assert not keeps_facts(LINE, "Ana Kovač takes 30 packs of TJ-0001 tomorrow, 08-12.")
    llm = FakeLLM("Ana Kovač takes 30 packs of TJ-0001 tomorrow, 08-12.")
    assert rephrase(LINE, llm=llm, language="en") == LINE


def test_an_llm_failure_keeps_the_scenario_words() -> None:
    assert rephrase(LINE, llm=FakeLLM(TimeoutError("slow")), language="hr") == LINE
