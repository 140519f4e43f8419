"""paperkg's stand-ins for spaCy's lexical attribute functions give spaCy's answer for every word."""

from __future__ import annotations

import string
from functools import partial

import pytest
import spacy

from paperkg.evaluation.datasets import eval_data_dir, read_gsap
from paperkg.extractors import load_pipeline
from paperkg.extractors.lexeme_attrs import faster_attributes, faster_partial, use_faster_lexeme_attributes
from paperkg.extractors.pipeline import Extractor
from paperkg.loaders import read_corpus

#: words that take each stand-in off its fast path or onto an edge of spaCy's rules
TRICKY = [
    "", " ", "\n\n", "\t", "a", "A", "x", "xxxxx", "XxXxX", "aaaaaaaa", "AAAAAAbbbbbb", "1234567", "ab12345678cd",
    "-----", "....", ".....", "!!!!!!", "$", "$$", "$5", "€", "£5", "«", "»", "‘", "''", "``", "(", ")", "[", "]",
    "<", ">", "{", "}", "\"", "'", "`", "„", "❮", "http://x", "https://arxiv.org/abs/1", "http", "https:x",
    "www.", "www.a", "a.b.com", "example.com", "foo.bar", "github.com/", "a.io:8080", ".com", "com.", "x@y.z",
    "user@mail.example.org", "@handle", "a@b", "first", "First", "THIRD", "seven", "Seven", "hundredth", "1st",
    "22nd", "3rd", "4th", "th", "+3", "-3", "±3", "~5", "1,000", "3.14", "1/2", "1/2/3", "½", "²", "٣",
    "Ⅻ", "éclair", "naïve", "ÉCOLE", "İstanbul", "ǅemal", "Σίσυφος", "中文", "e.g.", "i.e.", "U.S.", "GPT-4o",
    "Llama-3.1", "Qwen2.5-72B-Instruct", "T5-XXL", "n't", "'s", "—", "–", "…", "x" * 99, "x" * 100, "X1" * 60,
] + list(string.printable)


@pytest.fixture(scope="module")
def corpus_words(seed_dir) -> list[str]:
    """Every distinct token of the seed corpus and of the public evaluation abstracts."""
    blank = spacy.blank("en")
    texts = [Extractor.paper_text(p) for p in read_corpus([seed_dir]).papers]
    gsap = eval_data_dir() / "gsap-ner" / "jsonl" / "abstracts.jsonl"
    if gsap.is_file():
        texts += [doc.text for doc in read_gsap(gsap)]
    return sorted({t.text for text in texts for t in blank.make_doc(text)} | set(TRICKY))


def test_every_stand_in_answers_like_spacy(corpus_words: list[str]) -> None:
    assert len(corpus_words) > 5000
    faster = faster_attributes()
    assert len(faster) >= 18  # every spaCy function paperkg knows has its stand-in
    for original, stand_in in faster.items():
        for word in corpus_words:
            try:
                expected = original(word)
            except IndexError:  # spaCy's prefix() and like_url() of "" fail; so must the stand-in
                with pytest.raises(IndexError):
                    stand_in(word)
                continue
            assert stand_in(word) == expected, (original.__name__, word)


def test_partial_getters_of_a_vocabulary_answer_like_spacy(corpus_words: list[str]) -> None:
    faster = faster_attributes()
    originals = spacy.blank("en").vocab.lex_attr_getters
    for attr in (spacy.attrs.LANG, spacy.attrs.NORM, spacy.attrs.IS_STOP):
        stand_in = faster_partial(originals[attr], faster)
        assert stand_in is not None, attr
        for word in corpus_words:
            assert stand_in(word) == originals[attr](word), (attr, word)
    fast = load_pipeline(fast=True).vocab
    assert fast["’s"].norm_ == "'s" and fast["The"].is_stop and fast["GPT"].lang_ == "en"
    assert faster_partial(partial(str.split, sep="-"), faster) is None  # not one of spaCy's: left alone


def test_shape_of_a_repeated_pattern_is_computed_once_and_stays_right() -> None:
    shape = faster_attributes()[spacy.lang.lex_attrs.word_shape]
    assert shape("learning") == shape("transfer") == "xxxx"
    assert shape("Llama-3") == "Xxxxx-d"
    assert shape("BERTology") == "XXXXxxxx"


def test_pipelines_get_the_stand_ins_and_blank_spacy_keeps_its_own() -> None:
    fast = load_pipeline(fast=True)
    getters = fast.vocab.lex_attr_getters
    assert getters[spacy.attrs.IS_ASCII] is str.isascii
    plain = spacy.blank("en").vocab.lex_attr_getters
    assert plain[spacy.attrs.IS_ASCII] is spacy.lang.lex_attrs.is_ascii
    assert fast("Mistral 7B beats GPT-4o.")[0].shape_ == "Xxxxx"  # words still get every attribute


def test_own_attribute_functions_are_left_alone() -> None:
    vocab = spacy.blank("en").vocab

    def own_shape(text: str) -> str:
        return text.upper()

    vocab.lex_attr_getters[spacy.attrs.SHAPE] = own_shape
    use_faster_lexeme_attributes(vocab)
    assert vocab.lex_attr_getters[spacy.attrs.SHAPE] is own_shape
    assert vocab["abc"].shape_ == "ABC"
