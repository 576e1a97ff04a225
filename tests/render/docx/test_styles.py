"""styles: each role's style found in a document or copied in, and Word list numbering."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from drafter.infra.ooxml import (
    W_ABSTRACT_NUM_ID,
    W_NAME,
    W_NS,
    W_NUM,
    W_NUM_ID,
    W_STYLE,
    W_STYLE_ID,
    W_TYPE,
    W_VAL,
    W,
    val,
)
from drafter.render.docx import styles as st


def reference_styles() -> etree._Element:
    return copy.deepcopy(st.reference_parts()[0])


def style(root: etree._Element, style_id: str) -> etree._Element:
    return next(s for s in root.iter(W_STYLE) if s.get(W_STYLE_ID) == style_id)


def numbering(xml: str = "") -> etree._Element:
    return etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{xml}</w:numbering>')


def test_the_reference_document_has_every_style_under_its_own_id() -> None:
    resolved = st.resolve(reference_styles(), copy_missing=False)
    assert resolved.ids == {role: spec.style_id for role, spec in st.STYLES.items()}
    assert resolved.copied == frozenset()
    assert resolved["body"] == "BodyText"


def test_a_style_is_found_by_name_when_its_id_differs() -> None:
    root = reference_styles()
    style(root, "BodyText").set(W_STYLE_ID, "Brdtekst")  # Word in another language
    heading = style(root, "Heading1")
    heading.set(W_STYLE_ID, "Overskrift1")
    name = heading.find(W_NAME)
    assert name is not None
    name.set(W_VAL, "heading 1")  # Word stores built-in names in lower case
    resolved = st.resolve(root, copy_missing=False)
    assert (resolved["body"], resolved["h1"]) == ("Brdtekst", "Overskrift1")
    assert resolved.copied == frozenset()


def test_a_style_of_another_kind_with_our_id_is_not_used() -> None:
    root = reference_styles()
    style(root, "Strong").set(W_TYPE, "paragraph")  # their "Strong" is a paragraph style
    resolved = st.resolve(root, copy_missing=True)
    assert resolved["strong"] == "StrongDrafter"
    assert style(root, "StrongDrafter").get(W_TYPE) == "character"
    assert resolved.copied == {"StrongDrafter"}


def test_missing_styles_are_copied_in_with_what_they_are_based_on() -> None:
    root = reference_styles()
    for style_id in ("NoticeTitle", "RequestQuote", "BodyText", "Normal"):
        root.remove(style(root, style_id))
    etree.SubElement(root, W_STYLE, {W_TYPE: "paragraph", f"{W}default": "1",
                                     W_STYLE_ID: "TheirNormal"})
    resolved = st.resolve(root, copy_missing=True)
    assert {"NoticeTitle", "RequestQuote", "BodyText"} <= resolved.copied
    for role in ("title", "quote", "body"):
        copied = style(root, resolved[role])
        based = val(copied, f"{W}basedOn")
        # Based on our styles in turn copied in, or on the letterhead's own default style.
        assert based in resolved.copied or based == "TheirNormal", role
        assert copied.get(f"{W}default") is None


def test_without_copying_a_missing_style_is_an_error() -> None:
    root = reference_styles()
    root.remove(style(root, "RequestQuote"))
    with pytest.raises(KeyError, match="Request Quote"):
        st.resolve(root, copy_missing=False)


def test_bullets_share_the_list_style_numbering_and_each_numbered_list_restarts() -> None:
    styles_root, ref_numbering = st.reference_parts()
    resolved = st.resolve(copy.deepcopy(styles_root), copy_missing=False)
    root = copy.deepcopy(ref_numbering)
    lists = st.Lists(resolved, lambda: root, lambda mutable: styles_root)
    bullet_num = val(style(styles_root, "ListBullet").find(f"{W}pPr/{W}numPr"), W_NUM_ID)
    assert lists.bullet() == lists.bullet() == bullet_num
    first, second = lists.new_numbered(), lists.new_numbered()
    assert first != second
    nums = {n.get(W_NUM_ID): n for n in root.iter(W_NUM)}
    number_num = val(style(styles_root, "ListNumber").find(f"{W}pPr/{W}numPr"), W_NUM_ID)
    for num_id in (first, second):
        num = nums[num_id]
        assert val(num, W_ABSTRACT_NUM_ID) == val(nums[number_num], W_ABSTRACT_NUM_ID)
        assert val(num.find(f"{W}lvlOverride"), f"{W}startOverride") == "1"


def test_lists_copy_the_numbering_into_a_document_without_any() -> None:
    styles_root = reference_styles()
    resolved = st.resolve(styles_root, copy_missing=False)
    root = numbering()
    lists = st.Lists(resolved, lambda: root, lambda mutable: styles_root)
    bullet, number = lists.bullet(), lists.new_numbered()
    abstracts = root.findall(f"{W}abstractNum")
    assert len(abstracts) == 2  # the reference's bullet and number definitions
    assert [val(a.find(f"{W}lvl"), f"{W}numFmt") for a in abstracts] == ["bullet", "decimal"]
    assert bullet != number
    # Schema order: every abstractNum before the first num.
    tags = [etree.QName(el).localname for el in root]
    assert tags == sorted(tags)  # "abstractNum" < "num"
