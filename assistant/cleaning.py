"""Pure functions that undo the damage of PDF text extraction.

The founding document shows every artifact handled here: tab-and-space runs
between words, `-‐` doubled hyphens, words split at line ends, non-breaking
spaces, and layout lines. They are fixed before chunking so that citations quote
readable French and BM25 sees whole words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# A hyphen the PDF kept on purpose (compound word): `co-‐décisionnaire`.
_REAL_HYPHEN = "\u2010"
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007]+")
_BULLET = re.compile(r"^(?:[•▪●◦■□➢➤►\-–*]|o(?=\s))\s*")
_SENTENCE_END = re.compile(r"[.!?…»:;)\]]$")
# The end of a line the layout pushed past a blank line: « …jusqu'au 15 janvier » / « 2016. ».
_LINE_REMNANT = re.compile(r"^\d[\d\s,.%€]{0,12}[.;)]?$")


def normalize_unicode(text: str) -> str:
    """NFKC folds ligatures (ﬁ → fi) and non-breaking spaces; invisible marks go."""
    text = text.replace("-" + _REAL_HYPHEN, _REAL_HYPHEN).replace(_REAL_HYPHEN + "-", _REAL_HYPHEN)
    text = text.translate(_INVISIBLE)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2011", _REAL_HYPHEN)
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def join_hyphenated_lines(text: str) -> str:
    """`dévelop-\\npement` → `développement`, but `peut‐\\nêtre` keeps its real hyphen."""
    text = re.sub(r"(\w)-[ \t\u00a0]*\n[ \t\u00a0]*(?=[a-zà-ÿ])", r"\1", text)
    text = re.sub(r"(\w)" + _REAL_HYPHEN + r"[ \t\u00a0]*\n[ \t\u00a0]*(?=\w)", r"\1-", text)
    return text.replace(_REAL_HYPHEN, "-")


_FOOTNOTE_MARK = re.compile(r"\b([A-Z]{2,}[a-z]?)(\d{1,2})(?=[a-zà-ÿ])")


def collapse_spaces(line: str) -> str:
    line = _SPACES.sub(" ", line).strip()
    # A footnote call glued to the next word: `l’AFCCRE1ont` → `l’AFCCRE ont`.
    line = _FOOTNOTE_MARK.sub(r"\1 ", line)
    # PDF extraction leaves spaces before closing punctuation and after opening ones.
    line = re.sub(r"\s+([,.])(?=\s|$)", r"\1", line)
    line = re.sub(r"\(\s+", "(", line)
    line = re.sub(r"\s+\)", ")", line)
    line = re.sub(r"([«])\s*", "« ", line)
    line = re.sub(r"\s*([»])", " »", line)
    # and no space after a closing mark or a comma before a word: « conjoints »entre, « ,ne serait-ce ».
    line = re.sub(r"»(?=[A-Za-zÀ-ÿ])", "» ", line)
    line = re.sub(r"(?<=[A-Za-zÀ-ÿ»]),(?=[A-Za-zÀ-ÿ])", ", ", line)
    return line


def _is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line)) and len(line) > 2


def paragraphs(text: str) -> list[str]:
    """Unwrap layout lines into paragraphs; bullets stay separate items.

    A blank line inside a sentence (a page or column break) does not end the
    paragraph when the next line starts in lower case.
    """
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = collapse_spaces(raw)
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        after_url = bool(blocks[-1]) and bool(re.search(r"(?:https?://|www\.)\S+$", blocks[-1][-1]))
        if (_is_bullet(line) or line.startswith("#") or after_url) and blocks[-1]:
            blocks.append([])
        blocks[-1].append(line)
        if line.startswith("#"):
            blocks.append([])
    merged: list[str] = []
    for block in blocks:
        if not block:
            continue
        para = " ".join(block)
        if (
            merged
            and not _SENTENCE_END.search(merged[-1])
            and (para[:1].islower() or _LINE_REMNANT.match(para))
            and not _is_bullet(para)
            and not merged[-1].startswith("#")
        ):
            merged[-1] = f"{merged[-1]} {para}"
        else:
            merged.append(para)
    return [re.sub(r"\s{2,}", " ", p).strip() for p in merged if p.strip()]


def _line_signature(line: str) -> str:
    """Page numbers differ from page to page: digits are folded, but only in short lines ("Page 3 / 12")."""
    line = collapse_spaces(line).lower()
    return re.sub(r"\d+", "#", line) if len(line.split()) <= 6 else line


def strip_repeated_lines(pages: list[str], edge: int = 2) -> list[str]:
    """Remove running headers and footers: lines at a page's top or bottom that recur on most pages.

    """
    if len(pages) < 2:
        return pages
    edges: list[set[str]] = []
    for page in pages:
        lines = [l for l in page.split("\n") if l.strip()]
        edges.append({_line_signature(l) for l in lines[:edge] + lines[-edge:]})
    counts = Counter(sig for sigs in edges for sig in sigs)
    threshold = max(2, int(0.6 * len(pages) + 0.5))
    repeated = {sig for sig, n in counts.items() if n >= threshold and sig}
    if not repeated:
        return pages
    cleaned = []
    for page in pages:
        lines = page.split("\n")
        non_empty = [i for i, l in enumerate(lines) if l.strip()]
        ends = set(non_empty[:edge] + non_empty[-edge:])
        cleaned.append(
            "\n".join(l for i, l in enumerate(lines) if not (i in ends and _line_signature(l) in repeated))
        )
    return cleaned


# A footnote call on an acronym (`l’AFCCRE1ont`) and its body at the foot of the page (`1 Association Française…`
# or `2ARRICOD : Association des…`).
_ACRONYM_CALL = re.compile(r"\b([A-Z]{3,})(\d)(?=[\s,.;:a-zà-ÿ»])")


def label_footnotes(text: str) -> str:
    """A footnote that spells out an acronym becomes a sentence that says so (« AFCCRE : Association Française du
    Conseil des Communes et Régions d’Europe. »): it is the only place the documents define the acronym, and a bare
    « 1 Association… » can be neither quoted nor found by the acronym. It stays where the layout printed it, so that
    passages keep their bounds; one printed inside a sentence the page cut (« …s’appuyer sur » / footnote / « un
    réseau… ») is left as it is, since the sentences around it are not quoted anyway."""
    for number, acronym in {m.group(2): m.group(1) for m in _ACRONYM_CALL.finditer(text)}.items():
        body = re.compile(rf"^([ \t\u00a0]*){number}[ \t\u00a0]*(?:{acronym}[ \t\u00a0]*:[ \t\u00a0]*)?(?=[A-ZÉ][a-zé])"
                          rf"([^\n]*(?:\n(?![ \t\u00a0]*\n)[^\n]*)*)", re.M)
        match = body.search(text)
        if not match or not _SENTENCE_END.search(text[: match.start()].rstrip(" \t\u00a0\n")):
            continue
        spelled = re.sub(r"\s*(?:https?://|www\.)\S*", "", match.group(2))
        spelled = re.sub(r"[\s\-\u2010\u2011\u2012\u2013]+$", "", spelled).rstrip(" .")
        text = text[: match.start()] + f"{match.group(1)}{acronym} : {spelled}." + text[match.end():]
        text = re.sub(rf"\b{acronym}{number}(?=[\s,.;:»])", acronym, text)
    return text


def clean_text(text: str) -> str:
    """Full pipeline for one page or one text file: the result is paragraphs separated by blank lines."""
    text = label_footnotes(join_hyphenated_lines(normalize_unicode(text)))
    return "\n\n".join(paragraphs(text))


def clean_pages(pages: list[str]) -> list[str]:
    return [clean_text(p) for p in strip_repeated_lines([normalize_unicode(p) for p in pages])]


_ABBREVIATIONS = ("M", "Mme", "Mmes", "MM", "Dr", "p", "pp", "art", "n°", "cf", "etc", "av", "J.-C", "St", "Ste", "vol", "éd")
_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?\s*[A-ZÀ-ÖØ-Ý0-9])")


def sentences(paragraph: str) -> list[str]:
    """Split French prose into sentences, keeping common abbreviations whole."""
    parts = _SENT_SPLIT.split(paragraph.strip())
    out: list[str] = []
    for part in parts:
        if out:
            last_word = out[-1].rsplit(" ", 1)[-1].rstrip(".")
            if last_word in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", last_word):
                out[-1] = f"{out[-1]} {part}"
                continue
        out.append(part)
    return [s.strip() for s in out if s.strip()]


# A sentence that opens like this needs the one before it to make sense (« Il s'agit… », « En l'occurrence… »,
# a pronoun): chunks keep it with that sentence, and quotes carry both.
LEANS = re.compile(
    r"^(?:Il s[’']agit|En l[’']occurrence|Et d[’']ajouter|Et de (?:conclure|préciser|rappeler|poursuivre)|"
    r"Et (?:c[’']est|ce|cette|cela|il|elle)|Pour cela|De ce fait|C[’']est pourquoi|Dans ce cadre|À ce titre|Pour (?:lui|elle|eux)|Selon (?:lui|elle|eux)|Elle|Elles|Ils|Celle-ci|Celui-ci|Ceux-ci|Celles-ci|Cela|Ça|"
    r"Ce|Cet|Cette|Ces|Lui|Leur|"
    r"(?:En (?:premier|second|dernier) lieu|Ensuite|Puis|Enfin|D['’]abord|Premièrement|Deuxièmement),\s*(?:celui|celle|ceux|celles)|"
    # « Il faut donc à la moindre occasion, la sensibiliser… »: a consequence of the sentence before, and its object.
    r"Il (?:faut|convient) donc|"
    r"Il(?! (?:faut|existe|y a|est (?:possible|important|nécessaire|essentiel|utile|temps|vrai)|convient|reste|semble)))\b"
)


# « A ce jour, onze régions bénéficient de cette représentation. »: a short sentence whose complement points back
# says nothing alone.
_POINTS_BACK = re.compile(r"\b(?:de|à|par|pour|dans|sur|avec|grâce à) (?:cette|ces|cet) \w+", re.I)
SHORT_POINTING_WORDS = 12


def leans_on_previous(sentence: str) -> bool:
    """Also inside a quotation: « « Ces villes ne sont proches… » » leans on the sentence naming the towns."""
    text = sentence.strip().lstrip("«\"“ \u00a0")
    return bool(LEANS.match(text)) or (len(text.split()) <= SHORT_POINTING_WORDS and bool(_POINTS_BACK.search(text)))


def is_heading(paragraph: str) -> bool:
    """A short single-line block that does not end like a sentence: a section title."""
    if paragraph.startswith("#"):
        return True
    words = paragraph.split()
    if not (1 <= len(words) <= 14) or _is_bullet(paragraph):
        return False
    if paragraph.endswith((".", ":", ",", ";")) or "http" in paragraph or "www." in paragraph:
        return False
    return paragraph[:1].isupper() or paragraph[:1].isdigit()


def heading_text(paragraph: str) -> str:
    return paragraph.lstrip("#").strip()
