#!/usr/bin/env python3
"""Builds NewsNer's language identification model, src/NewsNer/Resources/lang/trigrams.tsv.gz (see its README.md).

Training text: the manual pages of Debian's manpages-l10n translations and of the English manpages (sections 1, 5, 7
and 8), installed by tools/build-language-model.sh. Feature: character trigrams of words padded with one space
(" le", "le "), words being runs of letters (and combining marks) of one script, lower-cased; everything else separates
words. The model keeps, per language, the TOP most frequent trigrams with their log-probability; the runtime
(src/NewsNer/Language/LanguageIdentifier.cs) reads words the same way.

A tenth of the pages (by a hash of their name) is held out: --heldout DIR writes them as LANG.txt, one paragraph per
line, for `newsner eval-language --heldout DIR`.

    python3 tools/build-language-model.py [--man /usr/share/man] [--out src/NewsNer/Resources/lang/trigrams.tsv.gz]
                                          [--heldout DIR] [--top 4000] [--max-chars 4000000]
"""
import argparse, collections, gzip, hashlib, math, os, re, sys, unicodedata

# Language code -> the man folder holding its pages (relative to --man) and the script its words are written in.
LANGUAGES = {
    "fr": ("fr", "latin"), "en": ("", "latin"), "de": ("de", "latin"), "es": ("es", "latin"), "it": ("it", "latin"),
    "pt": ("pt_BR", "latin"), "nl": ("nl", "latin"), "pl": ("pl", "latin"), "ro": ("ro", "latin"), "sv": ("sv", "latin"),
    "da": ("da", "latin"), "cs": ("cs", "latin"), "ru": ("ru", "cyrillic"), "uk": ("uk", "cyrillic"),
}
SECTIONS = ("man1", "man5", "man7", "man8")

# Translated pages keep some paragraphs in English: a paragraph of another language is dropped when more than 6 % of its
# words are these (none of them is a common word of the other languages).
ENGLISH_MARKERS = set("the and for this with are that which from when will can should be it if you not by".split())

ROFF_ESCAPE = re.compile(r"\\(?:f(?:\[[^\]]*\]|\(..|.)|\(..|\*(?:\(..|\[[^\]]*\]|.)|\[[^\]]*\]|s[+-]?\d+|[-e&c|^~0 %:/,]|n(?:\(..|.)|.)")


def script_of(c):
    o = ord(c)
    if c.isascii():
        return "latin"
    if 0x00C0 <= o <= 0x024F or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x0400 <= o <= 0x052F:
        return "cyrillic"
    return "other"


def words(text, script):
    """Lower-cased words of one script: runs of letters and combining marks; anything else ends a word."""
    word = []
    for c in text:
        cat = unicodedata.category(c)
        if cat.startswith("L") or cat == "Mn":
            if cat == "Mn" or script_of(c) == script:
                word.append(c)
                continue
        if word:
            yield "".join(word).lower()
            word = []
    if word:
        yield "".join(word).lower()


def trigrams(word):
    padded = " " + word + " "
    for i in range(len(padded) - 2):
        yield padded[i:i + 3]


def roff_paragraphs(raw):
    """Paragraphs of a man page's roff source: macro lines and blank lines end a paragraph; escapes are dropped."""
    paragraph = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith((".", "'")):
            if paragraph:
                yield " ".join(paragraph)
                paragraph = []
            continue
        paragraph.append(ROFF_ESCAPE.sub("", line))
    if paragraph:
        yield " ".join(paragraph)


def pages(man_root, folder):
    for section in SECTIONS:
        path = os.path.join(man_root, folder, section)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            full = os.path.join(path, name)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            try:
                data = gzip.open(full).read() if name.endswith(".gz") else open(full, "rb").read()
            except OSError:
                continue
            yield name, data.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--man", default="/usr/share/man")
    parser.add_argument("--out", default="src/NewsNer/Resources/lang/trigrams.tsv.gz")
    parser.add_argument("--heldout")
    parser.add_argument("--top", type=int, default=4000)
    parser.add_argument("--max-chars", type=int, default=4_000_000)
    args = parser.parse_args()

    counts, totals, report = {}, {}, []
    if args.heldout:
        os.makedirs(args.heldout, exist_ok=True)
    for code, (folder, script) in LANGUAGES.items():
        grams, chars, kept, dropped = collections.Counter(), 0, 0, 0
        heldout = open(os.path.join(args.heldout, code + ".txt"), "w", encoding="utf-8") if args.heldout else None
        for name, raw in pages(args.man, folder):
            test = int(hashlib.md5(name.encode()).hexdigest(), 16) % 10 == 0
            for paragraph in roff_paragraphs(raw):
                tokens = list(words(paragraph, script))
                if len(tokens) < 4:
                    continue
                if code != "en" and sum(t in ENGLISH_MARKERS for t in tokens) > 0.06 * len(tokens):
                    dropped += 1
                    continue
                if test:
                    if heldout:
                        heldout.write(" ".join(paragraph.split()) + "\n")
                    continue
                if chars >= args.max_chars:
                    continue
                kept += 1
                chars += sum(len(t) + 1 for t in tokens)
                for token in tokens:
                    grams.update(trigrams(token))
        if heldout:
            heldout.close()
        if not grams:
            sys.exit(f"no text for '{code}' under {args.man}/{folder}: install its manpages package (tools/build-language-model.sh)")
        counts[code], totals[code] = grams, sum(grams.values())
        report.append(f"{code}: {kept} paragraphs, {chars} letters, {len(grams)} trigram types, {dropped} English paragraphs dropped")

    # Per language: the top trigrams with log-probabilities (x100, rounded, as positive integers); an unseen trigram
    # scores the language's floor: half the probability of its rarest kept trigram.
    top = {code: dict(c.most_common(args.top)) for code, c in counts.items()}
    codes = list(LANGUAGES)
    floors = {code: round(-100 * math.log(0.5 * min(top[code].values()) / totals[code])) for code in codes}
    rows = sorted(set().union(*top.values()))
    with gzip.GzipFile(args.out, "wb", mtime=0) as out:
        def line(s):
            out.write((s + "\n").encode("utf-8"))
        line("# NewsNer language model: character trigrams of words (see README.md beside this file). Generated by")
        line("# tools/build-language-model.py; do not edit. Scores are -100 * ln P(trigram | language); '.' = not kept (floor).")
        line("languages\t" + "\t".join(codes))
        line("scripts\t" + "\t".join(LANGUAGES[c][1] for c in codes))
        line("floors\t" + "\t".join(str(floors[c]) for c in codes))
        for gram in rows:
            scores = [str(round(-100 * math.log(top[c][gram] / totals[c]))) if gram in top[c] else "." for c in codes]
            line(gram + "\t" + "\t".join(scores))
    print("\n".join(report))
    print(f"{len(rows)} trigrams written to {args.out} ({os.path.getsize(args.out)} bytes)")


if __name__ == "__main__":
    main()
