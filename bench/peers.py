#!/usr/bin/env python3
"""Turns a register written by generate.py (decreg's JSON import schema) into the same data for the floor and peers.

usage: peers.py REGISTER.json OUTDIR

Writes into OUTDIR:
  floor.sql          a minimal SQLite schema (the tables decreg keeps, without STRICT, CHECKs, foreign keys, triggers
                     or the audit trail) and every row of the register in ONE transaction as multi-row INSERTs, plus
                     the FTS5 search index: `sqlite3 floor.db < floor.sql` is the floor of `decreg init && import`.
  bench.journal      an hledger journal: each funded year's shares posted to committed:PARTY, each adopting step's
                     amounts to adopted:PARTY, each payment to paid:PARTY, dated in the funded year, so that
                     `hledger bal -Y --depth 2 committed adopted paid` prints decreg's `totals --by party,year`.
  su/TABLE.jsonl     newline-delimited JSON rows for `sqlite-utils insert --nl`: party, body, decision (clauses,
                     parties and signatories as JSON columns, as sqlite-utils users store lists), funding, share,
                     step, payment and attachment (bytes as sqlite-utils' {"$base64": true, "encoded": …}).
  counts.json        how many rows of each kind, for the report.

Amounts are turned into exact öre here, once, as decreg does while importing (shares given as a split become amounts
by the largest remainder, ties to the party listed first); this conversion is not part of any timed operation.
Only what generate.py writes is understood (plain decimal amounts with a currency field, splits as % or a/b); any
other form stops with a message naming the decision.
"""
import base64
import hashlib
import json
import math
import os
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction

SCHEMA = """\
PRAGMA foreign_keys = OFF;
CREATE TABLE party (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE body (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
                   party_id INTEGER NOT NULL);
CREATE TABLE decision (id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE, title TEXT NOT NULL, date TEXT NOT NULL,
                       summary TEXT, status TEXT NOT NULL);
CREATE INDEX decision_newest_first ON decision(date DESC, ref);
CREATE TABLE decision_party (decision_id INTEGER NOT NULL, party_id INTEGER NOT NULL, position INTEGER NOT NULL,
                             PRIMARY KEY (decision_id, party_id)) WITHOUT ROWID;
CREATE TABLE clause (decision_id INTEGER NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL,
                     PRIMARY KEY (decision_id, position)) WITHOUT ROWID;
CREATE TABLE funding (id INTEGER PRIMARY KEY, decision_id INTEGER NOT NULL, year INTEGER NOT NULL,
                      total_minor INTEGER NOT NULL, currency TEXT NOT NULL, UNIQUE (decision_id, year));
CREATE TABLE share (funding_id INTEGER NOT NULL, party_id INTEGER NOT NULL, position INTEGER NOT NULL,
                    amount_minor INTEGER NOT NULL, part TEXT, PRIMARY KEY (funding_id, party_id)) WITHOUT ROWID;
CREATE TABLE step (id INTEGER PRIMARY KEY, decision_id INTEGER NOT NULL, position INTEGER NOT NULL,
                   body_id INTEGER NOT NULL, date TEXT NOT NULL, outcome TEXT NOT NULL, minutes TEXT,
                   UNIQUE (decision_id, position));
CREATE TABLE step_amount (step_id INTEGER NOT NULL, year INTEGER NOT NULL, amount_minor INTEGER NOT NULL,
                          currency TEXT NOT NULL, PRIMARY KEY (step_id, year)) WITHOUT ROWID;
CREATE TABLE payment (id INTEGER PRIMARY KEY, decision_id INTEGER NOT NULL, party_id INTEGER NOT NULL,
                      year INTEGER NOT NULL, date TEXT NOT NULL, amount_minor INTEGER NOT NULL,
                      currency TEXT NOT NULL, reference TEXT);
CREATE INDEX payment_by_decision ON payment(decision_id, party_id, year);
CREATE TABLE signatory (decision_id INTEGER NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL, title TEXT,
                        party_id INTEGER, PRIMARY KEY (decision_id, position)) WITHOUT ROWID;
CREATE TABLE attachment (id INTEGER PRIMARY KEY, decision_id INTEGER NOT NULL, position INTEGER NOT NULL,
                         label TEXT NOT NULL, title TEXT, media_type TEXT NOT NULL, size INTEGER NOT NULL,
                         sha256 TEXT NOT NULL, content BLOB NOT NULL, UNIQUE (decision_id, label));
CREATE VIRTUAL TABLE decision_search USING fts5(title, clauses, summary, tokenize = 'unicode61 remove_diacritics 0');
"""


BATCH = 500


class Refused(Exception):
    pass


def q(text):
    """An SQL string literal, or NULL."""
    if text is None:
        return "NULL"
    return "'" + str(text).replace("'", "''") + "'"


def minor(amount, where):
    """Öre from a plain decimal amount as generate.py writes it ("1234.50")."""
    try:
        value = Decimal(str(amount)) * 100
    except InvalidOperation:
        raise Refused(f"{where}: amount {amount!r} is not a plain decimal (only generate.py's output is understood)")
    if value != value.to_integral_value():
        raise Refused(f"{where}: amount {amount!r} has more than two decimals")
    return int(value)


def part(text, where):
    """A split part as an exact fraction (numerator, denominator) of integers."""
    text = str(text).strip()
    try:
        if text.endswith("%"):
            value = Fraction(text[:-1].strip()) / 100
        elif "/" in text:
            numerator, denominator = text.split("/")
            value = Fraction(int(numerator), int(denominator))
        else:
            value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise Refused(f"{where}: split part {text!r} is neither N% nor a/b")
    return value.numerator, value.denominator


def allocate(total, parts, where):
    """decreg's split: each party's exact part of the total floored to the öre, the leftover öre to the largest
    remainders, ties to the party listed first. Integer arithmetic over a common denominator."""
    common = math.lcm(*(d for _, d in parts))
    numerators = [n * (common // d) for n, d in parts]
    if sum(numerators) != common:
        raise Refused(f"{where}: split parts sum to {sum(numerators)}/{common}, not 1")
    amounts, remainders = [], []
    for n in numerators:
        amount, remainder = divmod(total * n, common)
        amounts.append(amount)
        remainders.append(remainder)
    left = total - sum(amounts)
    for i in sorted(range(len(parts)), key=lambda i: (-remainders[i], i))[:left]:
        amounts[i] += 1
    return amounts


def status_of(codes, steps, body_party):
    """The decision's status as decreg derives it, for the steps generate.py writes (each body owned by one party)."""
    if not steps:
        return "draft"
    latest = {}
    for position, step in sorted(enumerate(steps), key=lambda item: (item[1]["date"], item[0])):
        latest[body_party[step["body"]]] = step["outcome"]
    words = [latest.get(code) for code in codes]
    if "rejected" in words:
        return "rejected"
    adopted = sum(1 for word in words if word == "adopted")
    if adopted == len(codes):
        return "adopted"
    if adopted:
        return "partly-adopted"
    last = max(enumerate(steps), key=lambda item: (item[1]["date"], item[0]))[1]["outcome"]
    return last if last in ("approved", "returned") else "proposed"


def money(minor_units, currency):
    sign = "-" if minor_units < 0 else ""
    minor_units = abs(minor_units)
    return f"{sign}{minor_units // 100}.{minor_units % 100:02d} {currency}"


def convert(register, out):
    os.makedirs(os.path.join(out, "su"), exist_ok=True)
    counts = dict.fromkeys(("parties", "bodies", "decisions", "decision_parties", "clauses", "fundings", "shares",
                            "steps", "step_amounts", "payments", "signatories", "attachments", "journal_transactions",
                            "journal_postings"), 0)
    party_id, body_id, body_party = {}, {}, {}
    decision_id = {}
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    su_files = {name: open(os.path.join(out, "su", name + ".jsonl"), "w", encoding="utf-8")
                for name in ("party", "body", "decision", "funding", "share", "step", "payment", "attachment")}

    def su(table, row):
        su_files[table].write(encode(row) + "\n")

    with open(os.path.join(out, "floor.sql"), "w", encoding="utf-8") as sql, \
            open(os.path.join(out, "bench.journal"), "w", encoding="utf-8") as journal:
        sql.write(SCHEMA)
        sql.write("BEGIN;\n")
        pending = {}

        def row(table, values):
            """Rows go out as multi-row INSERTs of BATCH rows: the shell then spends its time storing rows rather
            than preparing one statement per row (about twice as fast as one INSERT a row)."""
            rows = pending.setdefault(table, [])
            rows.append(values)
            if len(rows) >= BATCH:
                flush(table)

        def flush(table):
            rows = pending.pop(table, None)
            if rows:
                sql.write(f"INSERT INTO {table} VALUES\n" + ",\n".join(rows) + ";\n")
        journal.write("; generated by bench/peers.py from the same register decreg imports\n\n")

        def transaction(date, description, postings, balance):
            journal.write(f"{date} {description}\n")
            for account, amount in postings:
                journal.write(f"    {account}  {amount}\n")
            journal.write(f"    {balance}\n\n")
            counts["journal_transactions"] += 1
            counts["journal_postings"] += len(postings) + 1

        for p in register.get("parties", []):
            party_id[p["code"]] = len(party_id) + 1
            row("party", f"({party_id[p['code']]}, {q(p['code'])}, {q(p['name'])}, "
                f"{q(p.get('kind', 'other'))})")
            su("party", {"code": p["code"], "name": p["name"], "kind": p.get("kind", "other")})
            counts["parties"] += 1
        for b in register.get("bodies", []):
            owners = b.get("parties", [])
            if len(owners) != 1:
                raise Refused(f"body {b['code']}: joint bodies are not handled by the floor schema")
            body_id[b["code"]] = len(body_id) + 1
            body_party[b["code"]] = owners[0]
            row("body", f"({body_id[b['code']]}, {q(b['code'])}, {q(b['name'])}, "
                f"{q(b.get('kind', 'other'))}, {party_id[owners[0]]})")
            su("body", {"code": b["code"], "name": b["name"], "kind": b.get("kind", "other"), "party": owners[0]})
            counts["bodies"] += 1

        funding_seq = step_seq = attachment_seq = 0
        for d in register.get("decisions", []):
            ref = d["ref"]
            did = decision_id[ref] = len(decision_id) + 1
            codes = d["parties"]
            steps = d.get("steps", [])
            status = status_of(codes, steps, body_party)
            row("decision", f"({did}, {q(ref)}, {q(d['title'])}, {q(d['date'])}, "
                f"{q(d.get('summary'))}, {q(status)})")
            for position, code in enumerate(codes):
                row("decision_party", f"({did}, {party_id[code]}, {position})")
            clauses = d.get("clauses", [])
            for position, text in enumerate(clauses):
                row("clause", f"({did}, {position}, {q(text)})")
            row("decision_search (rowid, title, clauses, summary)", f"({did}, {q(d['title'])}, "
                f"{q(' '.join(clauses))}, {q(d.get('summary'))})")
            counts["decisions"] += 1
            counts["decision_parties"] += len(codes)
            counts["clauses"] += len(clauses)

            decision_currency = d.get("currency", "SEK")
            for f in d.get("funding", []):
                where = f"{ref} funding {f['year']}"
                funding_seq += 1
                currency = f.get("currency", decision_currency)
                total = minor(f["total"], where)
                if "shares" in f:
                    shares = [(code, minor(amount, where), None) for code, amount in f["shares"].items()]
                else:
                    split = list(f["split"].items())
                    amounts = allocate(total, [part(p, where) for _, p in split], where)
                    shares = [(code, amount, str(p)) for (code, p), amount in zip(split, amounts)]
                row("funding", f"({funding_seq}, {did}, {int(f['year'])}, {total}, {q(currency)})")
                su("funding", {"decision": ref, "year": int(f["year"]), "total_minor": total, "currency": currency})
                counts["fundings"] += 1
                for position, (code, amount, given) in enumerate(shares):
                    row("share", f"({funding_seq}, {party_id[code]}, {position}, {amount}, {q(given)})")
                    su("share", {"decision": ref, "year": int(f["year"]), "party": code, "position": position,
                                 "amount_minor": amount, "currency": currency, "part": given})
                    counts["shares"] += 1
                transaction(f"{int(f['year'])}-01-01", f"{ref} funding {f['year']}",
                            [(f"committed:{code}", money(amount, currency)) for code, amount, _ in shares], "funding")

            for position, s in enumerate(steps):
                step_seq += 1
                row("step", f"({step_seq}, {did}, {position}, {body_id[s['body']]}, {q(s['date'])}, "
                    f"{q(s['outcome'])}, {q(s.get('minutes'))})")
                amounts = dict(s.get("amounts", {}))
                if "amount" in s:
                    years = [f["year"] for f in d.get("funding", [])]
                    if len(years) != 1:
                        raise Refused(f"{ref} step {position}: 'amount' needs exactly one funded year")
                    amounts[str(years[0])] = s["amount"]
                currency = s.get("currency", decision_currency)
                exact = {int(year): minor(amount, f"{ref} step {position}") for year, amount in amounts.items()}
                for year, amount in exact.items():
                    row("step_amount", f"({step_seq}, {year}, {amount}, {q(currency)})")
                    counts["step_amounts"] += 1
                su("step", {"decision": ref, "position": position, "body": s["body"], "date": s["date"],
                            "outcome": s["outcome"], "minutes": s.get("minutes"),
                            "amounts": {str(y): a for y, a in exact.items()}, "currency": currency})
                counts["steps"] += 1
                # hledger: an adopting step of a party's own body records what that party adopted for each year.
                # generate.py writes at most one adopting step per party, so summing equals decreg's "latest word".
                if s["outcome"] == "adopted" and exact:
                    party = body_party[s["body"]]
                    for year, amount in exact.items():
                        transaction(f"{year}-01-01", f"{ref} adopted by {s['body']}",
                                    [(f"adopted:{party}", money(amount, currency))], "decided")

            for position, s in enumerate(d.get("signatories", [])):
                party = party_id.get(s.get("party")) if s.get("party") else None
                row("signatory", f"({did}, {position}, {q(s['name'])}, {q(s.get('title'))}, "
                    f"{'NULL' if party is None else party})")
                counts["signatories"] += 1
            su("decision", {"ref": ref, "title": d["title"], "date": d["date"], "summary": d.get("summary"),
                            "status": status, "parties": codes, "clauses": clauses,
                            "signatories": d.get("signatories", [])})

            for position, a in enumerate(d.get("attachments", [])):
                if "content_base64" not in a:
                    raise Refused(f"{ref} attachment {a.get('label')}: only content_base64 attachments are understood")
                content = base64.b64decode(a["content_base64"])
                attachment_seq += 1
                digest = hashlib.sha256(content).hexdigest()
                media = a.get("media_type", "application/octet-stream")
                row("attachment", f"({attachment_seq}, {did}, {position}, {q(a['label'])}, "
                    f"{q(a.get('title'))}, {q(media)}, {len(content)}, {q(digest)}, X'{content.hex()}')")
                su("attachment", {"decision": ref, "position": position, "label": a["label"], "title": a.get("title"),
                                  "media_type": media, "size": len(content), "sha256": digest,
                                  "content": {"$base64": True, "encoded": a["content_base64"]}})
                counts["attachments"] += 1

        for number, p in enumerate(register.get("payments", []), start=1):
            where = f"payment {number} ({p['decision']})"
            currency = p.get("currency", "SEK")
            amount = minor(p["amount"], where)
            year = int(p["year"])
            row("payment", f"({number}, {decision_id[p['decision']]}, {party_id[p['party']]}, "
                f"{year}, {q(p['date'])}, {amount}, {q(currency)}, {q(p.get('reference'))})")
            su("payment", {"decision": p["decision"], "party": p["party"], "year": year, "date": p["date"],
                           "amount_minor": amount, "currency": currency, "reference": p.get("reference")})
            counts["payments"] += 1
            # decreg sums payments by the year they pay for; hledger by date: date it inside that year.
            date = p["date"] if p["date"].startswith(f"{year}-") else f"{year}-12-31"
            transaction(date, f"{p['decision']} payment {p.get('reference') or number}",
                        [(f"paid:{p['party']}", money(amount, currency))], "bank")

        for table in list(pending):
            flush(table)
        sql.write("COMMIT;\n")
    for handle in su_files.values():
        handle.close()
    with open(os.path.join(out, "counts.json"), "w") as handle:
        json.dump(counts, handle, indent=1)
    return counts


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    register_path, out = sys.argv[1], sys.argv[2]
    try:
        with open(register_path, encoding="utf-8") as handle:
            register = json.load(handle)
        counts = convert(register, out)
    except (OSError, ValueError, KeyError, Refused) as error:
        sys.exit(f"peers.py: {register_path}: {type(error).__name__ if isinstance(error, KeyError) else ''}{error}")
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
