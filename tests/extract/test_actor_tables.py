"""Word tables of the open-class actor grammar (extract/actor_tables.py)."""

from __future__ import annotations

from extract.actor_tables import head_word_table, sector_table, suffix_flags


def test_suffix_flags_mark_words_and_their_suffixes() -> None:
    assert suffix_flags({"教育局": 1, "局": 5}) == {"教育局": 1, "育局": 2, "局": 7}


def test_sector_table_takes_sectors_ordinals_bodies_and_places() -> None:
    d = {"sector_words": ["教育"], "level_chars": "市县", "people_modifiers": ["分管"]}
    tags = {"杭州": "ns", "和州": "ns", "学习": "v"}
    base, people = sector_table(
        d,
        {"教育局": ("GovernmentBody", "局"), "干部": ("MemberGroup", "干部")},
        {"处": ("GovernmentBody", "处")},
        tags,
        frozenset({"中层"}),
        frozenset("和"),
    )
    assert base["教育"] == 1 and base["第十"] & 1 and base["市"] & 1 and base["杭州"] == 1
    assert "和州" not in base and "干部" not in base and "学习" not in base and "处" not in base
    assert base["育局"] == 2 and "分管" not in base
    assert people["分管"] & 1 and people["中层"] & 1


def test_head_word_table_flags_words_that_are_no_body() -> None:
    freq = {"干部": 5, "全部": 5, "教育局": 3, "局": 2, "部门": 4, "外部": 0}
    table = head_word_table(
        {"部", "局"}, freq, frozenset(), frozenset({"全部"}), {"干部": "n"}, frozenset({"d"})
    )
    assert table["全部"] == 5 and table["干部"] == 1 and table["教育局"] == 1
    assert table["部"] == 2 and "部门" not in table and "外部" not in table
