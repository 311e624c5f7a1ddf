#!/usr/bin/env python3
"""decreg's calendar file (`decreg deadlines --format ics`) read by an independent parser, PyPI icalendar 7.3.2.

usage: ics-check.py FILE.ics

Prints one line per event, `START END UID SUMMARY` (START and END as ISO dates), after checking that the parser found
no errors in any component, that the calendar has VERSION 2.0 and a PRODID, and that every event is all-day (DTSTART
and DTEND dates, not times) and carries a DTSTAMP. Exit 1 on a problem, 2 when icalendar is missing.
"""
import datetime
import sys

try:
    import icalendar
except ImportError:
    print("ics-check.py: the PyPI package icalendar is missing (pip install icalendar==7.3.2)", file=sys.stderr)
    sys.exit(2)

with open(sys.argv[1], "rb") as file:
    calendar = icalendar.Calendar.from_ical(file.read())
problems = []
for component in calendar.walk():
    for error in getattr(component, "errors", []):
        problems.append(f"{component.name}: {error}")
if str(calendar.get("VERSION")) != "2.0" or not calendar.get("PRODID"):
    problems.append("VCALENDAR: VERSION 2.0 and a PRODID are required (RFC 5545, 3.6)")
for event in calendar.walk("VEVENT"):
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    if isinstance(start, datetime.datetime) or isinstance(end, datetime.datetime):
        problems.append(f"{event.get('UID')}: not an all-day event")
    if "DTSTAMP" not in event:
        problems.append(f"{event.get('UID')}: no DTSTAMP")
    print(f"{start.isoformat()} {end.isoformat()} {event['UID']} {event['SUMMARY']}")
for problem in problems:
    print(f"ics-check.py: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
