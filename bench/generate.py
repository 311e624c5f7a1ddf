#!/usr/bin/env python3
"""Writes a synthetic register as a decreg import file (JSON), deterministic for a given N and seed.

N decisions, each binding 2–6 of 40 municipalities and regions, funded for 1–3 years (shares or a percentage
split), with handling steps (adopted amounts), payments and an attachment of a few KB.

usage: generate.py N OUTPUT.json [--seed S] [--attachment-bytes B]
"""
import argparse
import base64
import json
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--attachment-bytes", type=int, default=2048)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    parties = [{"code": f"P{i:02d}", "name": f"Kommun {i:02d}", "kind": "municipality" if i % 5 else "region"}
               for i in range(40)]
    bodies = []
    for party in parties:
        bodies.append({"code": party["code"] + "-KS", "name": "Kommunstyrelsen " + party["name"], "kind": "board",
                       "parties": [party["code"]]})
        bodies.append({"code": party["code"] + "-KF", "name": "Kommunfullmäktige " + party["name"],
                       "kind": "assembly", "parties": [party["code"]]})
    words = ("utveckling samverkan kollektivtrafik bostäder näringsliv skola vård omsorg klimat infrastruktur "
             "kultur idrott regional kärna stadsutveckling innovation forskning").split()

    with open(args.output, "w", encoding="utf-8") as out:
        out.write('{"parties": ' + json.dumps(parties, ensure_ascii=False))
        out.write(', "bodies": ' + json.dumps(bodies, ensure_ascii=False))
        out.write(', "decisions": [')
        payments = []
        for d in range(args.n):
            ref = f"D-{d:06d}"
            bound = rng.sample(parties, rng.randint(2, 6))
            codes = [p["code"] for p in bound]
            year0 = rng.randint(2005, 2026)
            funding = []
            steps = [{"body": codes[0] + "-KS", "date": f"{year0 - 1}-10-{rng.randint(10, 28)}",
                      "outcome": "proposed"}]
            for y in range(rng.randint(1, 3)):
                year = year0 + y
                total = rng.randint(1, 500) * 10_000 * 100  # öre
                if rng.random() < 0.5:
                    weights = [rng.randint(1, 9) for _ in codes]
                    scale = sum(weights)
                    shares = {c: f"{(total * w // scale) / 100:.2f}" for c, w in zip(codes, weights)}
                    funding.append({"year": year, "currency": "SEK", "total": f"{total / 100:.2f}",
                                    "shares": shares})
                else:
                    base = 100 // len(codes)
                    parts = [base] * len(codes)
                    parts[0] += 100 - sum(parts)
                    funding.append({"year": year, "currency": "SEK", "total": f"{total / 100:.2f}",
                                    "split": {c: f"{p}%" for c, p in zip(codes, parts)}})
            for code in codes:
                if rng.random() < 0.8:
                    steps.append({"body": code + "-KF", "date": f"{year0 - 1}-12-{rng.randint(1, 20):02d}",
                                  "outcome": "adopted", "minutes": f"§ {rng.randint(1, 300)}"})
                    for f in funding[:1]:
                        if "shares" in f:
                            amount = f["shares"][code]
                            steps[-1]["currency"] = "SEK"
                            steps[-1]["amounts"] = {str(f["year"]): amount}
                            if rng.random() < 0.7:
                                payments.append({"decision": ref, "party": code, "year": f["year"],
                                                 "date": f"{f['year']}-03-01", "currency": "SEK", "amount": amount,
                                                 "reference": f"F-{d}-{code}"})
            title = " ".join(rng.choice(words) for _ in range(6)).capitalize()
            decision = {
                "ref": ref, "title": title, "date": f"{year0 - 1}-09-{rng.randint(10, 28)}", "parties": codes,
                "summary": " ".join(rng.choice(words) for _ in range(40)),
                "clauses": ["att " + " ".join(rng.choice(words) for _ in range(8)) for _ in range(rng.randint(1, 4))],
                "funding": funding, "steps": steps,
                "signatories": [{"name": f"Direktör {c}", "title": "Kommundirektör", "party": c} for c in codes[:3]],
                "attachments": [{"label": "Bilaga 1", "title": "Underlag", "media_type": "application/pdf",
                                 "content_base64": base64.b64encode(rng.randbytes(args.attachment_bytes)).decode()}],
            }
            out.write(("," if d else "") + "\n" + json.dumps(decision, ensure_ascii=False))
        out.write('], "payments": ' + json.dumps(payments, ensure_ascii=False) + "}\n")


if __name__ == "__main__":
    main()
