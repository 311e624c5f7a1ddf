#!/usr/bin/env python3
"""Prints Sweden's public holidays and the eves on which a time limit cannot end, 2000-2100, from the PyPI package
`holidays` (country SE): one `YYYY-MM-DD KIND` a line, KIND `public` or `eve`. The test suite compares decreg's own
calendar with it; nothing of it is copied into decreg.

usage: swedish-holidays.py [FIRST_YEAR LAST_YEAR]
"""
import sys

try:
    import holidays
except ImportError:
    print("swedish-holidays.py: the PyPI package holidays is missing (pip install holidays==0.109)", file=sys.stderr)
    sys.exit(2)

first, last = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) == 3 else (2000, 2100)
years = range(first, last + 1)
public = holidays.country_holidays("SE", years=years, categories=("public",), language="sv")
# Of the de facto holidays, the three eves lag (1930:173) names; the half days before other holidays are not.
eves = holidays.country_holidays("SE", years=years, categories=("de_facto",), language="sv")
for day, name in sorted(public.items()):
    if name.lower() != "söndag":
        print(f"{day.isoformat()} public")
for day, name in sorted(eves.items()):
    if name.lower() in ("midsommarafton", "julafton", "nyårsafton"):
        print(f"{day.isoformat()} eve")
