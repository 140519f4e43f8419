"""Code links: GitHub, GitLab and Hugging Face URLs become Repository entities.

Finds URLs anywhere in the text, even glued to the word before (``athttps://github.com/x/y``) and
with trailing punctuation or a glued next sentence (``.../MoRA.We``), which are cleaned off.
Sets ``doc._.paperkg_repos``: a list of :class:`Repo`.

>>> [r.id for r in find_repositories("Code athttps://github.com/kongds/MoRA. Thanks")]
['repo:github.com/kongds/mora']
>>> find_repositories("see huggingface.co/datasets/foo/bar-baz).")[0].url
'https://huggingface.co/datasets/foo/bar-baz'
>>> find_repositories("no links here")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.mentions import doc_text, ensure_extensions, set_list

__all__ = ["Repo", "find_repositories", "RepositoryFinder"]

_URL = re.compile(
    r"(?:https?://)?(?:www\.)?(?P<host>github\.com|gitlab\.com|huggingface\.co|hf\.co)/"
    r"(?P<path>(?:(?:datasets|spaces|models)/)?[A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-]+)?)",
    re.IGNORECASE,
)
_GLUED_SENTENCE = re.compile(r"\.(?:[A-Z][a-z]+)$")
_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "hf.co")
#: the most a match of _URL can start before its host name ("https://www.")
_BEFORE_HOST = len("https://www.")


def _url_matches(text: str, low: str) -> Iterator[re.Match[str]]:
    """``_URL.finditer(text)``, but each search starts just before the next host name in ``low`` (the
    lower-cased text, see :func:`_folded`) instead of trying the pattern at every character; every match
    holds a host name. Only where ``low`` has the same offsets as ``text`` (the same length).
    """
    pos = 0
    while pos <= len(text):
        found = [i for i in (low.find(h, pos) for h in _HOSTS) if i != -1]
        if not found:
            return
        m = _URL.search(text, max(pos, min(found) - _BEFORE_HOST))
        if m is None:
            return
        yield m
        pos = m.end()


@dataclass(frozen=True)
class Repo:
    """A code/weights repository link: id ``repo:<host>/<owner>/<name>``, clean url, offsets."""

    id: str
    url: str
    host: str
    name: str
    start: int
    end: int


def _folded(text: str) -> str:
    """``text`` lower-cased as IGNORECASE matches the host names: dotless "ı" is an "i" there too (the one
    letter that matches an ASCII letter of theirs and that ``lower()`` keeps)."""
    low = text.lower()
    return low if text.isascii() else low.replace("ı", "i")


def find_repositories(text: str) -> list[Repo]:
    """Every GitHub/GitLab/Hugging Face repository URL in ``text``, cleaned."""
    out: list[Repo] = []
    low = _folded(text)
    if "github" not in low and "gitlab" not in low and "huggingface" not in low and "hf.co" not in low:
        return out
    # lower() makes no character shorter: the same length means the same offsets ("İ" becomes two)
    for m in _url_matches(text, low) if len(low) == len(text) else _URL.finditer(text):
        host = m.group("host").lower()
        host = "huggingface.co" if host == "hf.co" else host
        path = m.group("path")
        path = _GLUED_SENTENCE.sub("", path)
        path = re.sub(r"\.git$", "", path.rstrip("._-"))
        if "/" not in path.strip("/") and host != "huggingface.co":
            continue
        start = m.start()
        http = text.rfind("http", max(0, start - 8), start + 8)
        if http != -1 and http <= start + 8 and text[http : m.start("host")].startswith(("http://", "https://")):
            start = http
        end = m.start("path") + len(path)
        url = f"https://{host}/{path}"
        out.append(Repo(f"repo:{host}/{path.lower()}", url, host, path, start, end))
    return out


class RepositoryFinder(BatchPipe):
    """Finds code links; sets ``doc._.paperkg_repos``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        set_list(doc, "paperkg_repos", find_repositories(doc_text(doc)))
        return doc


@Language.factory("paperkg_repositories", default_config={})
def make_repository_finder(nlp: Language, name: str) -> RepositoryFinder:
    return RepositoryFinder(nlp, name)
