"""Interests as people type them: synonyms, Vietnamese with or without diacritics, close matches."""

from __future__ import annotations

import json

import pytest
from cli_run import run

from geodata import schema
from geodata.crafts import CRAFT_SYNONYMS, craft_words, resolve_craft
from geodata.errors import CraftRouteError


@pytest.mark.parametrize(
    ("word", "craft"),
    [
        ("pottery", "ceramics"), ("porcelain", "ceramics"), ("gốm", "ceramics"), ("gom", "ceramics"),
        ("GỐM SỨ", "ceramics"), ("lụa", "silk"), ("lua", "silk"), ("silk weaving", "silk"),
        ("nón lá", "conical_hats"), ("non la", "conical_hats"), ("conical-hats", "conical_hats"),
        ("Conical hats", "conical_hats"), ("sơn mài", "lacquer"), ("son mai", "lacquer"),
        ("khảm trai", "mother_of_pearl"), ("mother of pearl", "mother_of_pearl"),
        ("mây tre đan", "bamboo_rattan"), ("tò he", "to_he"), ("múa rối nước", "water_puppetry"),
        ("Mother-of-pearl inlay", "mother_of_pearl"),  # the label itself
    ],
)
def test_synonyms_map_to_the_craft_vocabulary(word: str, craft: str) -> None:
    assert resolve_craft(word) == craft


def test_every_craft_and_synonym_is_known_and_unambiguous() -> None:
    assert set(CRAFT_SYNONYMS) <= set(schema.CRAFTS)
    words = craft_words()  # raises if a folded word meant two crafts
    assert all(resolve_craft(craft) == craft for craft in schema.CRAFTS)
    assert len(words) > 3 * len(schema.CRAFTS)


@pytest.mark.parametrize(("word", "suggestion"), [("poterry", "pottery"), ("lacquerr", "lacquer"), ("sikl", "silk")])
def test_unknown_words_name_close_matches(word: str, suggestion: str) -> None:
    with pytest.raises(CraftRouteError, match=f"unknown interest '{word}'; did you mean .*'{suggestion}'") as caught:
        resolve_craft(word)
    assert caught.value.field == "interests"


def test_a_word_far_from_every_craft_gets_no_suggestion() -> None:
    with pytest.raises(CraftRouteError, match="craftroute crafts") as caught:
        resolve_craft("quantum physics")
    assert "did you mean" not in caught.value.message


def test_crafts_command_lists_every_craft_with_its_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "crafts", "--format", "json")
    listed = {entry["craft"]: entry for entry in json.loads(out)}
    assert code == 0 and list(listed) == list(schema.CRAFTS)
    assert "nón lá" in listed["conical_hats"]["synonyms"] and listed["silk"]["label"] == "Silk weaving"
    code, out, _ = run(capsys, "crafts")
    assert code == 0 and out.splitlines()[-1] == f"{len(schema.CRAFTS)} crafts"
    assert any(line.startswith("ceramics") and "pottery" in line and "gốm" in line for line in out.splitlines())
