#!/usr/bin/env python3
"""Writes the hostile-input corpus: files `decreg import` must refuse with exit 2, one clear line, and nothing
written. Each NAME.(yaml|json|bin) has its expected message in NAME.expected, where FILE stands for the path.
Re-run after changing a case; review every .expected by eye: it is the message a registrar will read."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
HEAD = """parties:
  - {code: HUDDINGE, name: Huddinge kommun, kind: municipality, org_number: 212000-0142}
  - {code: BOTKYRKA, name: Botkyrka kommun, kind: municipality, org_number: 212000-2882}
bodies:
  - {code: HUD-KF, name: Kommunfullmäktige i Huddinge, kind: assembly, parties: [HUDDINGE]}
"""

def decision(**fields):
    base = {"ref": "BAD-1", "title": "Ett beslut", "date": "2024-01-15", "parties": "[HUDDINGE, BOTKYRKA]"}
    base.update(fields)
    lines = ["decisions:", "  - ref: " + base.pop("ref")]
    for key, value in base.items():
        if value is None:
            continue
        if isinstance(value, str) and value.startswith("\n"):
            lines.append(f"    {key}:{value}")
        else:
            lines.append(f"    {key}: {value}")
    return "\n".join(lines) + "\n"

FUND = "\n      - year: 2025\n        total: {total}\n        shares: {{HUDDINGE: {a}, BOTKYRKA: {b}}}"

def fund(total="1 MKr", a="500 tkr", b="500 tkr"):
    return FUND.format(total=total, a=a, b=b)

cases = {}
def case(name, content, ext="yaml"):
    cases[f"{name}.{ext}"] = content

# Bytes that are not text
case("01-binary-garbage", bytes(range(256)) * 4, "bin")
case("02-invalid-utf8", (HEAD + decision(title="Ett \xff beslut")).encode("latin-1", "replace").replace(b"?", b"\xff"))
case("03-nul-bytes", HEAD.encode() + b"decisions:\n  - ref: A\x00B\n")
case("04-empty-json", b"", "json")
case("05-utf16", (HEAD).encode("utf-16"))
# Structure
case("06-deep-flow-nesting", "decisions: " + "[" * 100000 + "]" * 100000 + "\n")
case("07-deep-json-nesting", '{"decisions": ' + "[" * 100000 + "]" * 100000 + "}", "json")
case("08-deep-block-nesting", "decisions:\n" + "- " * 100000 + "x\n")
case("09-alias-bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(9)) + "decisions: *j\n")
case("10-duplicate-keys-yaml", HEAD + decision(title="Ett", date="2024-01-15\n    title: Två"))
case("11-duplicate-keys-json", '{"parties": [{"code": "A", "name": "Alfa", "name": "Beta"}]}', "json")
case("12-top-level-list", "- ref: X\n")
case("13-unknown-top-level", "decisons: []\n")
case("14-unknown-field", HEAD + decision(budget="5 MKr"))
case("15-wrong-type-list", HEAD + "decisions: {ref: X}\n")
case("16-wrong-type-mapping", HEAD + decision(funding="2025"))
case("17-missing-title", HEAD + decision(title=None))
case("18-yaml-syntax", HEAD + "decisions:\n  - ref: X\n    title: [unclosed\n")
case("19-json-syntax", '{"parties": [{"code": "A", "name": "Alfa"},]}', "json")
case("20-json-trailing", '{"parties": []} {"parties": []}', "json")
# Values
case("21-amount-hundreds-of-digits", HEAD + decision(funding=fund(total="9" * 300 + " kr")))
case("22-amount-overflow", HEAD + decision(funding=fund(total="99999999999999999999 MKr")))
case("23-negative-amount", HEAD + decision(funding=fund(a="-500 tkr")))
case("24-unknown-unit", HEAD + decision(funding=fund(total="1 Mkrr")))
case("25-ambiguous-amount", HEAD + decision(funding=fund(total="1.000 kr")))
case("26-sub-ore", HEAD + decision(funding=fund(total="0,001 kr")))
case("27-decimal-comma-in-braces", HEAD + "decisions:\n  - {ref: X, title: T, date: 2024-01-01, parties: [HUDDINGE],"
     " funding: [{year: 2025, total: 2,5 MKr, shares: {HUDDINGE: 1 kr}}]}\n")
case("28-impossible-date", HEAD + decision(date="2023-02-29"))
case("29-malformed-date", HEAD + decision(date="15/01/2024"))
case("30-bad-org-number", "parties:\n  - {code: NACKA, name: Nacka kommun, org_number: 212000-0168}\n")
case("31-split-not-whole", HEAD + decision(funding="\n      - {year: 2025, total: 1 MKr, split: {HUDDINGE: 60 %, BOTKYRKA: 30 %}}"))
case("32-split-too-fine", HEAD + decision(funding="\n      - {year: 2025, total: 1 kr, split: {HUDDINGE: 1/6000000000001, BOTKYRKA: 1/6000000000007}}"))
case("33-bad-year", HEAD + decision(funding=fund().replace("2025", "twenty")))
case("34-unknown-kind", "parties:\n  - {code: NACKA, name: Nacka kommun, kind: city}\n")
case("35-unknown-outcome", HEAD + decision(steps="\n      - {body: HUD-KF, date: 2024-02-01, outcome: passed}"))
# Keys, names and references
case("36-sql-in-code", "parties:\n  - {code: \"X'); DROP TABLE party;--\", name: Elak}\n")
case("37-path-in-attachment", HEAD + decision(attachments="\n      - {label: Bilaga 1, file: ../../../../etc/shadow-does-not-exist}"))
case("38-enormous-title", HEAD + decision(title="x" * 200_000))
case("39-enormous-code", "parties:\n  - {code: " + "A" * 100 + ", name: Långt}\n")
case("40-unknown-party", HEAD + decision(parties="[HUDDINGE, NACKA]"))
case("41-unknown-body", HEAD + decision(steps="\n      - {body: NACKA-KF, date: 2024-02-01, outcome: adopted}"))
case("42-duplicate-ref-in-file", HEAD + decision() + decision().replace("decisions:\n", ""))
case("43-conflicting-party", "parties:\n  - {code: HUDDINGE, name: Huddinge, kind: municipality}\n")
case("44-payment-to-nothing", "payments:\n  - {decision: NOPE, party: HUDDINGE, year: 2025, date: 2025-03-01, amount: 1 kr}\n")
case("45-bad-base64", HEAD + decision(attachments="\n      - {label: Bilaga 1, content_base64: '!!not base64!!'}"))
case("46-case-number-unbound", HEAD + decision(case_numbers="{NACKA: KS-1}"))
# Texts that would steer a terminal, forge a row or reorder what a reader sees; keys that look like others
case("47-terminal-escape-in-title", HEAD + decision(title='"Allt stämmer\\e[2J\\e[HFAKE: all reconciled"'))
case("48-line-break-in-clause", HEAD + decision(clauses='["att godkänna\\r\\nFAKE-1  2024-01-01  adopted"]'))
case("49-bidi-override-in-name", "parties:\n  - {code: NACKA, name: \"Nacka \\u202Enummok\"}\n")
case("50-look-alike-code", "parties:\n  - {code: \"HUDDING\\u0415\", name: Huddinge kommun}\n")

for name, content in cases.items():
    with open(os.path.join(HERE, name), "wb") as out:
        out.write(content.encode() if isinstance(content, str) else content)
print(f"wrote {len(cases)} cases")
