#!/usr/bin/env python3
"""Run the feedparser conformance cases against newspack's feed parser.

Usage: conformance.py FEEDDUMP CORPUS_DIR [--min RATE] [-v]

Each case is an XML file whose leading comment has an `Expect:` line, a
Python expression over `feed`, `entries` and `bozo` as Python feedparser
returns them.  FEEDDUMP (tests/tools/feeddump.c) prints our parse in that
shape; this script only supplies feedparser's key aliases (description is
summary or subtitle, guid is id, ...) and turns our normalised dates into
the time tuples the cases compare with.

Counted: cases that check a feed's or entry's title, link, id, author,
description/summary/content or dates -- what a packer keeps.  Every other
case is listed as skipped with the reason.  Every case, counted or not, is
parsed, so a crash anywhere fails the run.  Prints the pass rate; with
--min, exits 1 below it.
"""
import datetime
import json
import os
import re
import subprocess
import sys

IN_SCOPE = {
    "title", "title_detail", "value", "type", "language", "link", "links", "rel", "href",
    "id", "guid", "guidislink", "author", "author_detail", "authors", "name", "email", "url",
    "description", "description_detail", "summary", "summary_detail", "subtitle",
    "subtitle_detail", "tagline", "tagline_detail", "content", "published",
    "published_parsed", "updated", "updated_parsed", "created", "created_parsed", "date",
    "date_parsed", "issued", "issued_parsed", "modified", "modified_parsed",
}
ALIASES = {
    "channel": ["feed"], "items": ["entries"], "guid": ["id"], "date": ["updated"],
    "date_parsed": ["updated_parsed"], "description": ["summary", "subtitle"],
    "description_detail": ["summary_detail", "subtitle_detail"], "url": ["href"],
    "modified": ["updated"], "modified_parsed": ["updated_parsed"], "issued": ["published"],
    "issued_parsed": ["published_parsed"], "tagline": ["subtitle"],
    "tagline_detail": ["subtitle_detail"], "copyright": ["rights"],
    "copyright_detail": ["rights_detail"],
}


def time_tuple(iso):
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?(Z|[+-]\d\d:\d\d)?)?$", iso)
    if not m:
        return None
    y, mo, d, h, mi, s, z = m.groups()
    t = datetime.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    if z and z != "Z":
        sign = 1 if z[0] == "+" else -1
        t -= sign * datetime.timedelta(hours=int(z[1:3]), minutes=int(z[4:6]))
    return tuple(t.timetuple()[:8]) + (0,)


class FPDict(dict):
    """A dict answering feedparser's alias keys and *_parsed dates."""

    def __getitem__(self, key):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        if key.endswith("_parsed"):
            base = key[: -len("_parsed")]
            for k in [base] + ALIASES.get(base, []):
                if dict.__contains__(self, k + "_iso"):
                    return time_tuple(dict.__getitem__(self, k + "_iso"))
        if key == "category" and dict.__contains__(self, "tags"):
            return dict.__getitem__(self, "tags")[0]["term"]
        for k in ALIASES.get(key, []):
            if dict.__contains__(self, k):
                return dict.__getitem__(self, k)
        raise KeyError(key)

    def __contains__(self, key):
        try:
            self[key]
            return True
        except KeyError:
            return False

    def has_key(self, key):
        return key in self

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)


def wrap(v):
    if isinstance(v, dict):
        return FPDict({k: wrap(x) for k, x in v.items()})
    if isinstance(v, list):
        return [wrap(x) for x in v]
    return v


HEADER = re.compile(r"<!--(.*?)-->", re.S)


def case_info(path):
    with open(path, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    m = HEADER.search(head)
    info = {}
    if m:
        for line in m.group(1).splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                info[k.strip()] = v.strip()
    return info


def scope(expect):
    keys = set(re.findall(r"\[\s*'([A-Za-z_]+)'\s*\]", expect))
    keys |= set(re.findall(r"(?:has_key|get)\(\s*'([A-Za-z_]+)'", expect))
    bare = re.sub(r"'[^']*'", "''", expect)  # names outside string literals
    names = set(re.findall(r"\b(feed|entries|encoding|version|headers|status|href)\b", bare))
    if not keys:
        return "checks only well-formedness (no field)"
    if names & {"encoding", "headers", "status", "href"}:
        return "checks HTTP or encoding detection, not a parsed field"
    if "source" in keys:
        return "checks an entry's source-feed metadata, which a packer does not keep"
    extra = sorted(keys - IN_SCOPE)
    if extra:
        return "checks " + ", ".join(extra) + ", which a packer does not keep"
    return None


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    if verbose:
        args.remove("-v")
    minimum = None
    if "--min" in args:
        k = args.index("--min")
        minimum = float(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        print("usage: conformance.py FEEDDUMP CORPUS_DIR [--min RATE] [-v]", file=sys.stderr)
        return 2
    dump, corpus = args
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs
                   if f.endswith(".xml"))
    passed = failed = crashed = 0
    skipped = []
    for path in files:
        rel = os.path.relpath(path, corpus)
        info = case_info(path)
        expect = info.get("Expect", "")
        r = subprocess.run([dump, path], capture_output=True, text=True)
        if r.returncode != 0 or not r.stdout.strip():
            crashed += 1
            print(f"CRASH {rel}: exit {r.returncode} {r.stderr.strip()[:200]}")
            continue
        reason = scope(expect) if expect else "no Expect line"
        if reason:
            skipped.append((rel, reason))
            continue
        data = json.loads(r.stdout)
        env = {"feed": wrap(data["feed"]), "entries": wrap(data["entries"]),
               "bozo": 1 if data["bozo"] else 0}
        env["channel"] = env["feed"]
        env["items"] = env["entries"]
        try:
            ok = bool(eval(expect, {"__builtins__": {"len": len}}, env))
            err = ""
        except Exception as e:  # a missing key is a failed case
            ok = False
            err = f" ({type(e).__name__}: {e})"
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {rel}: {expect}{err}")
            if verbose:
                print("     got", json.dumps(data)[:600])
    if verbose:
        for rel, reason in skipped:
            print(f"skip {rel}: {reason}")
    reasons = {}
    for _, reason in skipped:
        reasons[reason] = reasons.get(reason, 0) + 1
    print(f"skipped {len(skipped)} cases:")
    for reason, n in sorted(reasons.items(), key=lambda x: -x[1])[:12]:
        print(f"  {n:4d}  {reason}")
    if len(reasons) > 12:
        print(f"  ....  and {len(reasons) - 12} other reasons (-v lists every case)")
    total = passed + failed
    rate = passed / total if total else 0.0
    print(f"feed conformance: {passed}/{total} counted cases pass ({100 * rate:.1f}%), "
          f"{len(skipped)} skipped, {crashed} crashed, {len(files)} files parsed")
    if crashed or (minimum is not None and rate < minimum):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
