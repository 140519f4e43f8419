"""The helpers behind the fast paths give the same answers as the plain spaCy / re calls they replace."""

from __future__ import annotations

import gc
import re

import pytest
import spacy
from spacy.attrs import SENT_START
from spacy.pipeline import Sentencizer

from paperkg.extractors.abbreviations import _match_letters, _match_letters_by_char
from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.cues import Cue
from paperkg.extractors.definitions import trigger_flag
from paperkg.extractors.mentions import has_tags, sentence_bounds
from paperkg.extractors.pipeline import Extractor, FastSentencizer, collector_skips_existing_objects, load_pipeline
from paperkg.extractors.repositories import _URL, _folded, _url_matches, find_repositories
from paperkg.loaders import read_corpus
from paperkg.records import Paper


@pytest.mark.parametrize(
    "text",
    ["We Outperform GPT-4 by far", "OUR model beats it", "results (Évaluation) than BERT", "no cue here", ""],
)
@pytest.mark.parametrize("pattern", [r"\b(?:we|our)\b", r"\b(?:outperform\w*|beat(?:s|ing)?)\b", r"\bthan\W+\w+$"])
def test_cue_matches_like_ignorecase(pattern: str, text: str) -> None:
    cue = Cue(pattern)
    expected = [m.span() for m in re.finditer(pattern, text, re.I)]
    assert [m.span() for m in cue.finditer(text)] == expected
    assert (cue.search(text) or re.match("", "x")).span() == (re.search(pattern, text, re.I) or re.match("", "x")).span()


@pytest.mark.parametrize("text", ["we\x1cour work", "We\tour", "we\x1four\x1e", "naïve we our"])
@pytest.mark.parametrize("pattern", [r"\bwe\s+our\b", r"we\S+", r"\w+\b"])
def test_cue_on_ascii_separators_matches_like_unicode_ignorecase(pattern: str, text: str) -> None:
    # re.ASCII's \s does not match \x1c-\x1f; Unicode's does: a Cue must still match like IGNORECASE
    expected = [m.span() for m in re.finditer(pattern, text, re.I)]
    assert [m.span() for m in Cue(pattern).finditer(text)] == expected


def test_cue_rejects_upper_case_pattern() -> None:
    with pytest.raises(ValueError):
        Cue(r"\bBERT\b")
    assert Cue(r"\W+\S*").pattern == r"\W+\S*"  # escapes are not letters


class _Upper(BatchPipe):
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, doc):
        self.calls.append(doc.text)
        doc.user_data["seen"] = True
        return doc


def test_batch_pipe_keeps_order_and_docs() -> None:
    nlp = spacy.blank("en")
    docs = [nlp.make_doc(t) for t in ("a", "b", "c", "d", "e")]
    comp = _Upper()
    out = list(comp.pipe(iter(docs), batch_size=2))
    assert out == docs and comp.calls == ["a", "b", "c", "d", "e"]
    assert all(d.user_data["seen"] for d in out)


@pytest.mark.parametrize(
    "text",
    ["", ".", "... hello. world", "a . . ) b", "a? ! b. c! d?", '"Hi." she said. Ok', "One. Two three! (Four.) five"],
)
def test_fast_sentencizer_matches_spacy(text: str) -> None:
    # (one known difference, kept as it was: spaCy also splits after sentence-final marks that open the Doc)
    nlp = spacy.blank("en")
    ours, theirs = FastSentencizer(nlp, "s")(nlp.make_doc(text)), Sentencizer()(nlp.make_doc(text))
    assert ours.to_array(SENT_START).tolist() == theirs.to_array(SENT_START).tolist()
    if len(ours):
        assert sentence_bounds(ours) == [(s.start_char, s.end_char) for s in theirs.sents]


def test_trigger_flag_added_once_per_vocab() -> None:
    nlp = spacy.blank("en")
    flag = trigger_flag(nlp.vocab)
    assert trigger_flag(nlp.vocab) == flag
    doc = nlp("We propose Foo, called Bar, in our work")
    assert [t.text for t in doc if t.check_flag(flag)] == ["propose", "called", "our"]


def test_has_tags_is_kept_per_doc() -> None:
    doc = spacy.blank("en")("no tags here")
    assert has_tags(doc, "TAG") is False and has_tags(doc, "POS") is False


@pytest.mark.parametrize(
    "text",
    [
        "see https://github.com/a/b and www.github.com/c/d.",
        "HF: hf.co/x/y, huggingface.co/datasets/p/q",
        "none",
        "“Code” — https://GitHub.com/ünï/cödé, then gıthub.com/dotless/i",  # non-ASCII, same length lower-cased
    ],
)
def test_url_matches_like_finditer(text: str) -> None:
    low = _folded(text)
    assert len(low) == len(text)
    assert [m.span() for m in _url_matches(text, low)] == [m.span() for m in _URL.finditer(text)]


def test_text_that_lower_casing_lengthens_is_searched_whole() -> None:
    text = "İstanbul team: github.com/a/b"  # "İ" lower-cases to two characters: offsets would shift
    assert len(_folded(text)) != len(text)
    assert [r.start for r in find_repositories(text)] == [m.start() for m in _URL.finditer(text)] == [15]


@pytest.mark.parametrize("text", [
    "We train Mistral 7B and Llama-3.1 405B, then Qwen2.5-72B-Instruct beats T5-XXL.",
    "No Language Left Behind 54B and Gated Graph Neural Network-v2 are compared.",
    "Foo-13B-chat\nand\tBar 7B  with  ViT-B and GPT-4o.",
    "A plain sentence with no sizes at all.",
    "",
])
def test_name_shapes_in_regions_match_a_whole_text_scan(text: str) -> None:
    from paperkg.extractors.name_shapes import find_shapes, shape_regex

    names = ["Mistral", "Llama", "Qwen2.5", "T5", "No Language Left Behind", "Gated Graph Neural Network", "ViT",
             "GPT-4o"]
    regex = shape_regex(names)
    assert find_shapes(text, regex, words_before=5) == find_shapes(text, regex)


@pytest.mark.parametrize("text", [
    "Llama-3.1 405B, T5-XXL, ViT-B and gpt2_large; 12-3B ４２ ٣ x-L x_L -S -s foo-Base a-Tb _base",
    "Foo-13B-chat\nand\tBar 7B  with  ViT-B and GPT-4o-mini-instruct.",
    "",
])
def test_name_shape_anchor_matches_the_plain_alternation(text: str) -> None:
    from paperkg.extractors.name_shapes import _ANCHOR, _ANCHOR_ASCII, _WORD

    plain = [m.span() for m in re.finditer(rf"\d+|[-_](?i:{_WORD})(?![\w])|-[TSBLHG](?![a-z])", text)]
    assert [m.span() for m in _ANCHOR.finditer(text)] == plain
    ascii_text = text.encode("ascii", "replace").decode()  # the ASCII pattern is only used on ASCII text
    assert [m.span() for m in _ANCHOR_ASCII.finditer(ascii_text)] == [m.span() for m in _ANCHOR.finditer(ascii_text)]


@pytest.mark.parametrize("text", [
    "reaches 86% and 12.5 points, 3.2 BLEU, 7x faster, 45 F1 (v2.10 pp), x1 5%, 2019 and ROUGE-L 41.2 ROUGE-L",
    "a1.5% b 12345% 0.5\\% 3 percent_ 4 pointsx",
    "",
])
def test_result_number_ascii_pattern_matches_the_unicode_one(text: str) -> None:
    from paperkg.extractors.results import _NUMBER, _NUMBER_ASCII

    def found(rx: re.Pattern[str]) -> list[tuple[tuple[int, int], dict[str, str]]]:
        return [(m.span(), m.groupdict()) for m in rx.finditer(text)]

    assert found(_NUMBER_ASCII) == found(_NUMBER)


@pytest.mark.parametrize("rng", [(0, 1), (2, 5), (0, 7), (6, 7)])
def test_char_bounds_match_the_span(rng: tuple[int, int]) -> None:
    from paperkg.extractors.mentions import char_bounds

    doc = spacy.blank("en")("We train GPT-4  on\nSQuAD.")
    span = doc[rng[0] : rng[1]]
    assert char_bounds(doc, *rng) == (span.start_char, span.end_char)


@pytest.mark.parametrize("text", [
    "We introduceLOFT asMobileLLM, atX and viaGPT-4V; seehttps://github.com/a/b or foo(Bar) x(y) 1(a) (A)b.",
    "RS-GPT4V. Llama-2-7B. 3a. A1b.c GPT4o.\nnamelyFoo namedX dubbedBar-2 presentsQwen2.5-72B.",
    "",
])
def test_glued_split_patterns_tokenize_like_the_plain_ones(text: str) -> None:
    from spacy.util import compile_infix_regex, compile_suffix_regex

    from paperkg.extractors.pipeline import GLUE_WORDS, _split_glued

    ours = spacy.blank("en")
    _split_glued(ours)
    plain = spacy.blank("en")  # the same rules, each written starting with its lookbehind
    long_words = "|".join(rf"(?<=\b{w})" for w in GLUE_WORDS if len(w) > 3)
    short_words = "|".join(rf"(?<=\b{w})" for w in GLUE_WORDS if len(w) <= 3)
    plain.tokenizer.infix_finditer = compile_infix_regex(list(plain.Defaults.infixes) + [
        rf"(?<=[a-z])(?=[A-Z])(?:{long_words}|(?:{short_words})(?=[A-Z][A-Za-z]*[A-Z0-9]))",
        r"(?<=[a-z])(?=https?://)",
        r"(?<=[A-Za-z0-9])[()](?=[A-Za-z])",
    ]).finditer
    plain.tokenizer.suffix_search = compile_suffix_regex(
        list(plain.Defaults.suffixes) + [r"(?<=[0-9][A-Za-z])\."]).search
    assert [(t.text, t.whitespace_) for t in ours(text)] == [(t.text, t.whitespace_) for t in plain(text)]


_AFFIX_TEXTS = [
    "U.S. 3+4 5°C. 10km 7€ A.B. e.g. x,y a-b a–b a/b x:y 3-4 2^3 ÉTÉ. Ünï. ’s 'S (x) [y] GPT4V. a.B…c",
    "state-of-the-art, 12.5%, 3x faster; Llama-2-7B. foo(Bar) ＡＢ. ｂ．©2024 a®b ☺x 😀. x😀y ¦",
]


@pytest.mark.parametrize("kind", ["infixes", "suffixes", "prefixes"])
def test_fail_fast_matches_like_the_pattern(kind: str) -> None:
    from paperkg.extractors.affixes import fail_fast

    patterns = list(getattr(spacy.blank("en").Defaults, kind)) + [
        r"(?<=[A-Za-z0-9])[()](?=[A-Za-z])", r"(?<=[0-9][A-Za-z])\.", r"(?<=[a-z])(?=https?://)"]
    for pattern in patterns:
        fast = re.compile(fail_fast(pattern))
        plain = re.compile(pattern)
        for text in _AFFIX_TEXTS:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], pattern


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?<=[0-9])\+", r"\+(?<=[0-9]\+)"),
    (r"(?<=°[FfCcKk])\.", r"\.(?<=°[FfCcKk]\.)"),
    (r"(?<=[a-z)(])[x)]y", r"[x)](?<=[a-z)(][x)])y"),
    (r"(?<=[0-9])(?:km|m)", r"(?<=[0-9])(?:km|m)"),  # a group first
    (r"(?<=[0-9])a+", r"(?<=[0-9])a+"),  # a quantified character
    (r"(?<=[0-9])\d", r"(?<=[0-9])\d"),  # an escape class
    (r"\.\.+", r"\.\.+"),  # no lookbehind
])
def test_lookbehind_last_rewrites_only_one_character_patterns(pattern: str, expected: str) -> None:
    from paperkg.extractors.affixes import lookbehind_last

    assert lookbehind_last(pattern) == expected


@pytest.mark.parametrize(("pattern", "expected"), [
    ("[©®]", r"(?=[^\x00-\x7f])[©®]"),
    ("[©a]", "[©a]"),  # an ASCII member
    ("[^©]", "[^©]"),  # negated
    ("[©]x", "[©]x"),  # more than the class
])
def test_non_ascii_first_guards_only_classes_without_ascii(pattern: str, expected: str) -> None:
    from paperkg.extractors.affixes import non_ascii_first

    assert non_ascii_first(pattern) == expected


def test_url_match_dot_first_matches_like_spacy() -> None:
    from spacy.lang.tokenizer_exceptions import URL_PATTERN

    from paperkg.extractors.affixes import url_match_dot_first

    plain = re.compile("(?u)" + URL_PATTERN)
    fast = re.compile(url_match_dot_first(plain.pattern))
    assert fast.pattern != plain.pattern
    words = ["https://github.com/a/b", "www.x.org", "x.y", "192.168.0.1", "8.8.8.8:53/x", "a@b.co", "user:pw@h.io",
             "http://localhost", "localhost", "models", "GPT-4", "e.g.", "foo..bar", "ex.com.", "hf.co/x", "3.5", ""]
    for word in words:
        a, b = plain.match(word), fast.match(word)
        assert (a and a.span()) == (b and b.span()), word
    assert url_match_dot_first(r"(?u)^\S+$") == r"(?u)^\S+$"  # not spaCy's pattern: unchanged


def test_fast_mode_marks_docs_untagged_and_the_default_pipeline_does_not(nlp) -> None:
    paper = Paper("A title", "We train a model.")
    fast_doc = Extractor(load_pipeline(fast=True)).make_doc(paper)
    assert fast_doc.user_data["paperkg_has_TAG"] is False and fast_doc.user_data["paperkg_has_POS"] is False
    tagged = Extractor(nlp)
    assert not tagged.untagged and "paperkg_has_TAG" not in tagged.make_doc(paper).user_data
    assert has_tags(tagged.nlp(tagged.make_doc(paper)), "TAG")


def test_collector_skips_existing_objects_only_inside_the_block() -> None:
    assert gc.get_freeze_count() == 0
    with collector_skips_existing_objects():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_collector_leaves_a_callers_own_freeze_alone() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_skips_existing_objects():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_extraction_hands_objects_back_to_the_collector_when_done_or_abandoned() -> None:
    extractor = Extractor(load_pipeline(fast=True))
    papers = [Paper("LoRA: low-rank adaptation", "We propose LoRA. It beats BERT."), Paper(None, "We use GPT-2.")]
    stream = extractor.extract(papers)
    next(stream)
    assert gc.get_freeze_count() > 0  # while papers are being extracted
    stream.close()  # abandoned part way
    assert gc.get_freeze_count() == 0
    assert len(list(extractor.extract(papers))) == 2 and gc.get_freeze_count() == 0


@pytest.mark.parametrize(
    ("letters", "text"),
    [
        ("lora", "the Low Rank Adaptation"),
        ("bert", "Bidirectional Encoder Representations from Transformers"),
        ("ssss", "a structured state space sequence"),
        ("xyz", "no such letters here"),
        ("mt", "multi-task"),
        ("ab", "xa ab"),
        ("g", "big Graph"),
    ],
)
def test_backward_letter_walk_by_rfind_matches_the_walk_by_character(letters: str, text: str) -> None:
    assert _match_letters(list(letters), text) == _match_letters_by_char(list(letters), text)


_ENDINGS = ["", ".", "..", "...", "....", "'s", "’S", "km", "5km", "5.", "°C.", "€", "5€", "US$", "!)", "…", "—", ")",
            "\n", ".\n", "..\n", "x.\n", "😀", "a.", "A.", "Ё.", "ab.c", "%", "+", "5+", "°F.", "s", "ms", "5ms", "5 ms",
            "'5s", "Ös", "g", "5g", "5mg", "5%"]


def test_suffix_search_from_the_end_finds_what_a_whole_word_search_finds(seed_dir) -> None:
    from paperkg.extractors.affixes import SuffixSearch

    regex = load_pipeline(fast=True).tokenizer.suffix_search.__self__.regex
    suffix = SuffixSearch(regex)
    assert suffix.by_last["e"] is None and suffix.by_last["g"] is not None  # no suffix ends in "e"; "5kg" does
    # an ASCII word ending in "s" needs a digit ("5ms") or an apostrophe ("GPT's") for a suffix: "models" has none
    assert suffix.search("models") is None and suffix.by_last["s"][2].search("models") is None
    words = {w for p in read_corpus([seed_dir]).papers for w in Extractor.paper_text(p).split()}
    words |= {stem + end for stem in ("", "x", "GPT-4", "state-of-the-art", "e.g", "3.5", "..", "a" * 30)
              for end in _ENDINGS}
    for word in sorted(words):
        expected = regex.search(word)
        found = suffix.search(word)
        assert (found and found.span()) == (expected and expected.span()), word


def test_prefix_and_infix_shortcuts_find_what_the_whole_patterns_find(seed_dir) -> None:
    from paperkg.extractors.affixes import InfixFinditer, PrefixMatch

    tokenizer = load_pipeline(fast=True).tokenizer
    prefixes, infixes = tokenizer.prefix_search.__self__.regex, tokenizer.infix_finditer.__self__.regex
    prefix, infix = PrefixMatch(prefixes), InfixFinditer(infixes)
    assert prefix.by_first is not None and prefix.by_first["a"] is None  # no prefix starts with a letter
    assert infix.trigger is not None and not infix.trigger.search("learning")
    # a capital only counts after a lower-case letter (glued "introduceLOFT"), not at the start of a word
    assert not infix.trigger.search("Transformer") and infix.trigger.search("introduceLOFT")
    words = {w for p in read_corpus([seed_dir]).papers for w in Extractor.paper_text(p).split()}
    words |= {start + "x" + end for start in ("", "(", "\"", "$", "US$", "...", "§", "“", "#", "¿", "\n")
              for end in _ENDINGS}
    words |= {"a,b", "3-4", "x--y", "a/b", "introduceLOFT", "seehttps://x.io", "f(x)", "a.B", "naïve-x", "x😀y",
              "asMobileLLM", "asMobile", "calledX", "GPTs", "viaGPT4", "ChatGPT", "Ünïcode-x", "aHTTP://x.io"}
    for word in sorted(words):
        expected, found = prefixes.search(word), prefix.search(word)
        assert (found and found.span()) == (expected and expected.span()), word
        assert [m.span() for m in infix.finditer(word)] == [m.span() for m in infixes.finditer(word)], word


def test_affix_shortcuts_keep_whole_patterns_they_cannot_reason_about() -> None:
    from paperkg.extractors.affixes import InfixFinditer, PrefixMatch, SuffixSearch

    assert PrefixMatch(re.compile(r"^a|b")).by_first is None  # not every alternative anchored
    assert SuffixSearch(re.compile(r"a$", re.IGNORECASE)).by_last == {}
    assert list(InfixFinditer(re.compile(r"\w-|x")).finditer("ab")) == []  # needs "-" or "x"
    assert [m.span() for m in InfixFinditer(re.compile(r"\w-|x")).finditer("ab-")] == [(1, 3)]
    assert InfixFinditer(re.compile(r"(?<=\w)(?=\w)")).trigger is None  # may match between any two letters
    between = InfixFinditer(re.compile(r"(?=[A-Z])(?<=[a-z])|(?=https?://)(?<=[a-z])"))
    assert between.trigger.pattern.startswith("[:]|")  # the ":" of "://" is rarer than an "h" after a letter
    assert [m.span() for m in between.finditer("seeGPT")] == [(3, 3)] and list(between.finditer("See")) == []


def test_fast_tokenizer_with_its_affix_searches_splits_like_the_plain_searches(seed_dir) -> None:
    ours = load_pipeline(fast=True)
    plain = load_pipeline(fast=True)
    plain.tokenizer.suffix_search = plain.tokenizer.suffix_search.__self__.regex.search
    plain.tokenizer.prefix_search = plain.tokenizer.prefix_search.__self__.regex.search
    plain.tokenizer.infix_finditer = plain.tokenizer.infix_finditer.__self__.regex.finditer
    texts = [Extractor.paper_text(p) for p in read_corpus([seed_dir]).papers]
    texts += [" ".join(stem + end for end in _ENDINGS) for stem in ("x", "GPT-4", "3.5", "(a")]
    for text in texts:
        assert [t.text for t in ours.make_doc(text)] == [t.text for t in plain.make_doc(text)]
    assert ours.tokenizer.to_bytes()  # spaCy can still serialize the tokenizer (it reads .__self__.pattern)


def test_collapse_spaces_matches_the_regex_for_every_whitespace_character() -> None:
    import sys

    from paperkg.extractors.normalize import collapse_spaces

    spaces = [chr(i) for i in range(sys.maxunicode + 1) if re.match(r"\s", chr(i))]
    assert " " in spaces and "\u00a0" in spaces and "\u2009" in spaces
    for sep in spaces:
        for text in (f"GPT{sep}4", f"a{sep}{sep}b", f"{sep}x", "a  b", "plain name"):
            assert collapse_spaces(text) == re.sub(r"\s+", " ", text), repr(text)


def test_sentence_starts_kept_by_the_fast_sentencizer_are_the_docs_own(seed_dir) -> None:
    from paperkg.extractors.mentions import SENT_STARTS_KEY

    extractor = Extractor(load_pipeline(fast=True))
    nlp = extractor.nlp
    for paper in list(read_corpus([seed_dir]).papers)[:80]:
        doc = extractor.make_doc(paper)
        for name, proc in nlp.pipeline:  # the sentencizer, then mark_sections (the title's own sentence)
            doc = proc(doc)
            if name == "paperkg_sections":
                break
        kept = sentence_bounds(doc)
        assert doc.user_data[SENT_STARTS_KEY] == [t.i for t in doc if t.is_sent_start]
        del doc.user_data["paperkg_sent_bounds"], doc.user_data[SENT_STARTS_KEY]
        assert sentence_bounds(doc) == kept  # read back from the Doc: the same sentences
