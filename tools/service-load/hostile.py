#!/usr/bin/env python3
"""Writes the hostile inputs of the service load runs into a folder: long, repetitive or degenerate texts that stress
the tokenizer, the recognizer and the linker (written here, never taken from articles). Usage: hostile.py FOLDER"""
import pathlib
import sys

folder = pathlib.Path(sys.argv[1])
folder.mkdir(parents=True, exist_ok=True)
inputs = {
    # 1.3 MB of one meeting sentence: thousands of mentions of the same people to link, and meetings to merge.
    "repeated-meeting.txt": "Le président Poutine a reçu le président al-Chaar au Kremlin, " * 20_000,
    # A single 1 MB token.
    "one-token.txt": "a" * 1_000_000,
    # 600 KB of elisions with nothing to elide.
    "elisions.txt": "l'" * 300_000,
    # 1.1 MB of a compound name: one long run of capitalized tokens.
    "names.txt": "Jean-Yves Le Drian " * 60_000,
    # Deep brackets around names.
    "brackets.txt": ("(" * 1000 + "Macron" + ")" * 1000 + " ") * 300,
    # 200,000 abbreviations, one per line.
    "abbreviations.txt": "\n".join(["M."] * 200_000),
}
for name, text in inputs.items():
    (folder / name).write_text(text, encoding="utf-8")
print(" ".join(str(folder / name) for name in inputs))
