#!/usr/bin/env python3
"""Measure newspack's article extraction against a Readability test corpus.

Usage: tools/eval_extract.py NEWSPACK CORPUS_DIR [--min-f1 F] [--min-title T]

CORPUS_DIR holds one directory per page with source.html, expected.html
(the article as Mozilla's Readability extracts it) and
expected-metadata.json.  Each page is packed on its own through the real
`newspack build` and read back with `newspack cat`, so the whole path a
user's page takes is measured.  Prints per-page token F1 (bag of words,
case-folded, any script) and whether the title agrees, then the mean F1 and
the share of agreeing titles.  With --min-f1/--min-title it exits 1 when a
target is missed.
"""
import collections
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


class TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(path):
    p = TextOf()
    with open(path, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    return "".join(p.parts)


def tokens(text):
    return collections.Counter(w.casefold() for w in WORD.findall(text))


def f1(got, want):
    if not got and not want:
        return 1.0
    common = sum((got & want).values())
    if common == 0:
        return 0.0
    p = common / sum(got.values())
    r = common / sum(want.values())
    return 2 * p * r / (p + r)


def norm_title(t):
    t = unicodedata.normalize("NFKC", t or "")
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2013", "-"), ("\u2014", "-"), ("\u2026", "..."), ("\u00a0", " ")):
        t = t.replace(a, b)
    return " ".join(t.split()).casefold()


FIELD = re.compile(r"^(Date|Author|Source|URL|Language): ")


def extracted(newspack, page, tmp):
    out = os.path.join(tmp, "page.nwsb")
    r = subprocess.run([newspack, "build", "-q", "--level", "9", "--no-smart", "-o", out,
                        os.path.join(page, "source.html")], capture_output=True, text=True)
    if r.returncode != 0:
        return None, ""
    cat = subprocess.run([newspack, "cat", out, "1"], capture_output=True, text=True).stdout
    lines = cat.split("\n")
    title = lines[0] if lines else ""
    i = 1
    while i < len(lines) and (lines[i] == "" or FIELD.match(lines[i])):
        i += 1
    return title, "\n".join(lines[i:])


def main():
    args = sys.argv[1:]
    min_f1 = min_title = None
    if "--min-f1" in args:
        k = args.index("--min-f1")
        min_f1 = float(args[k + 1])
        del args[k:k + 2]
    if "--min-title" in args:
        k = args.index("--min-title")
        min_title = float(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    newspack, corpus = args
    pages = sorted(d for d in os.listdir(corpus)
                   if os.path.isfile(os.path.join(corpus, d, "source.html")))
    if not pages:
        print(f"eval-extract: {corpus}: no pages", file=sys.stderr)
        return 1
    total_f1 = 0.0
    titles = 0
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'page':44} {'F1':>6} {'P':>6} {'R':>6}  title")
        for d in pages:
            page = os.path.join(corpus, d)
            want = tokens(html_text(os.path.join(page, "expected.html")))
            with open(os.path.join(page, "expected-metadata.json"), encoding="utf-8") as f:
                meta = json.load(f)
            title, text = extracted(newspack, page, tmp)
            got = tokens(text)
            score = f1(got, want)
            common = sum((got & want).values())
            prec = common / sum(got.values()) if got else 0.0
            rec = common / sum(want.values()) if want else 0.0
            same = title is not None and norm_title(title) == norm_title(meta.get("title"))
            titles += same
            total_f1 += score
            mark = "ok" if same else f"MISMATCH got {title!r} want {meta.get('title')!r}"
            print(f"{d[:44]:44} {score:6.3f} {prec:6.3f} {rec:6.3f}  {mark}")
    mean = total_f1 / len(pages)
    share = titles / len(pages)
    print(f"mean F1 {mean:.4f} over {len(pages)} pages; titles agree {titles}/{len(pages)}"
          f" ({100 * share:.1f}%)")
    if (min_f1 is not None and mean < min_f1) or (min_title is not None and share < min_title):
        print(f"eval-extract: below target (F1 >= {min_f1}, titles >= {min_title})",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
