"""Highlighted excerpts: matching ignores case and spacing, marking never lets text become markup,
and the page links of the list of texts."""

from __future__ import annotations

from involve.services.theming_coding import excerpt_in_text, mark_excerpts
from involve.services.theming_coding_list import page_numbers


def test_an_excerpt_matches_whatever_its_case_and_spacing():
    text = "The bus is\nalways   LATE."
    assert excerpt_in_text("bus is always late", text)
    assert excerpt_in_text("  THE bus ", text)
    assert not excerpt_in_text("bus is never late", text)
    assert not excerpt_in_text("   ", text)


def test_marks_wrap_every_occurrence_and_overlaps_become_one_mark():
    marked = mark_excerpts("late, late and later", ["late", "and lat"])
    assert str(marked) == "<mark>late</mark>, <mark>late</mark> <mark>and late</mark>r"


def test_marking_escapes_the_text_and_the_excerpts():
    marked = mark_excerpts('<script>alert("x")</script> & bus', ["<script>", "& bus"])
    assert str(marked) == (
        "<mark>&lt;script&gt;</mark>alert(&#34;x&#34;)&lt;/script&gt; <mark>&amp; bus</mark>"
    )


def test_excerpts_with_regular_expression_characters_are_taken_literally():
    assert str(mark_excerpts("costs (a lot) .*", ["(a lot) .*"])) == "costs <mark>(a lot) .*</mark>"
    assert str(mark_excerpts("no match here", ["[", "a+"])) == "no match here"


def test_page_numbers_show_the_ends_and_the_neighbours_of_the_current_page():
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 5) == [1, 2, 3, 4, 5]
    assert page_numbers(10, 40) == [1, None, 8, 9, 10, 11, 12, None, 40]
    assert page_numbers(40, 40) == [1, None, 38, 39, 40]
    assert page_numbers(4, 8) == [1, 2, 3, 4, 5, 6, 7, 8]
