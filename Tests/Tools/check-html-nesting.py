#!/usr/bin/env python3
"""Checks that every element of an HTML file is closed, in order (void elements aside).

Usage: check-html-nesting.py FILE      exit 0 when well nested; else 1, printing up to 20 problems.
The tests run it on Palisade's hand-written HTML reports.
"""
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "input", "link", "img", "hr", "wbr", "source"}


class Nesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.errors = [], []

    def handle_starttag(self, tag, attributes):
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.errors.append("line %d: </%s> while %s is open" % (self.getpos()[0], tag, self.open[-3:]))


parser = Nesting()
with open(sys.argv[1], encoding="utf-8") as handle:
    parser.feed(handle.read())
parser.close()
if parser.open:
    parser.errors.append("never closed: %s" % parser.open)
print("\n".join(parser.errors[:20]))
sys.exit(1 if parser.errors else 0)
