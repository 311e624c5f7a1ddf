#!/usr/bin/env python3
"""An independent OParl 1.1 conformance crawler (Python 3 standard library only).

usage: oparl-crawl.py SYSTEM_URL [--expect-deleted FILE] [--state FILE]
       oparl-crawl.py --modified-since SYSTEM_URL T --expect-file FILE

Crawl mode starts at the System object with no other knowledge and follows every URL of the same origin it finds in
OParl objects (references, external lists and all their pages, embedded objects, web/website/accessUrl/downloadUrl
links, URLs inside extension members), and checks each answer against SCHEMA below, written from the OParl 1.1
specification's schema/*.json (https://github.com/OParl/spec) and its prose (chapters 2.3-2.9, 3.1):
  - objects: `type` a 1.1 type URL (the one expected where referenced), `id` the URL fetched, required fields,
    JSON types and formats (url absolute http(s), date yyyy-mm-dd, date-time yyyy-mm-ddThh:mm:ss±hh:mm), no null,
    no "" or [] in an optional field, id/type/created/modified on every object (embedded ones too),
    created <= modified, no unprefixed member outside the schema (extensions `decreg:`), a deleted object exactly
    id/type/created/modified/deleted, no deleted object embedded;
  - list pages: data/pagination/links, next on every page but the last (checked against currentPage/totalPages),
    the counts of pagination, filters of the first page kept in every links URL, no object twice, no deleted object
    without modified_since; each list is also walked with limit=1 (same objects, same order), omit_internal=true,
    and with created/modified since/until bounds that take in everything or nothing;
  - each list item and each embedded object equals the object at its id (an embedded Consultation or File may
    add `paper` there, naming its Paper);
  - every URL answers 200; JSON answers carry Access-Control-Allow-Origin: *; accessUrl answers without and
    downloadUrl with Content-Disposition: attachment (spec 2.7);
  - an unknown object URL (…/papers/NO-SUCH-REF, and one beside an object of each type and a list) answers an error
    status with an OParl Error object.
--expect-deleted FILE names URLs (one a line) that must answer as deleted objects. --state FILE keeps each object's
type, created and modified between crawls: type and created must stay, modified must not go back (spec 2.8).

--modified-since mode asks the System's body list and every Body's external lists with modified_since=T (and with
omit_internal=true too), following pages, and compares the ids returned (deleted objects included) with FILE's
(one a line); every object listed must have modified >= T and equal the object at its id.

Every problem is printed as `oparl-crawl: URL: field: problem`; the exit status is 1 when there is any.
"""
import argparse
import datetime
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT = 10
SCHEMA_PREFIX = 'https://schema.oparl.org/1.1/'
ERROR_TYPE = SCHEMA_PREFIX + 'Error'
FILTERS = ('created_since', 'created_until', 'modified_since', 'modified_until', 'omit_internal', 'limit')
MAX_PAGES = 2000

# The OParl 1.1 schema (spec repository, schema/*.json), one entry per object type: `required` as the schema's
# `required`, and for every property of `properties` its kind:
#   'id' / 'type'          the object's own URL / its type URL (pattern ^https://schema.oparl.org/1.1/NAME$)
#   'oparlVersion'         string, pattern ^https://schema.oparl.org/1.(0|1)/$
#   'string', 'integer', 'boolean', 'object' (JSON object, e.g. geojson), 'strings' (array of string)
#   'date'                 string, format date (yyyy-mm-dd, spec 2.4)
#   'date-time'            string, format date-time (yyyy-mm-ddThh:mm:ss±hh:mm, spec 2.4)
#   'link'                 string, format url, not an OParl object (web, website, accessUrl, downloadUrl, ...)
#   'links'                array of such URLs (Body.equivalent)
#   ('ref', T)             string, format url, `references` T (an OParl object of type T)
#   ('refs', T)            array of string, format url, `references` T
#   ('list', T)            string, format url, `references` "externalList" with items.schema T.json
#   ('embed', T)           object with `schema` T.json (embedded)
#   ('embeds', T)          array of objects with items.schema T.json (embedded)
# `license` is format url in System and Body only; elsewhere a plain string, as the schema says.
SCHEMA = {
    'System': {
        'required': ['id', 'type', 'oparlVersion', 'body'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'oparlVersion': 'oparlVersion',
            'otherOparlVersions': ('refs', 'System'),
            'license': 'link',
            'body': ('list', 'Body'),
            'name': 'string',
            'contactEmail': 'string',
            'contactName': 'string',
            'website': 'link',
            'vendor': 'link',
            'product': 'link',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'Body': {
        'required': ['id', 'type', 'name', 'organization', 'person', 'meeting', 'paper', 'legislativeTerm'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'system': ('ref', 'System'),
            'shortName': 'string',
            'name': 'string',
            'website': 'link',
            'license': 'link',
            'licenseValidSince': 'date-time',
            'oparlSince': 'date-time',
            'ags': 'string',
            'rgs': 'string',
            'equivalent': 'links',
            'contactEmail': 'string',
            'contactName': 'string',
            'organization': ('list', 'Organization'),
            'person': ('list', 'Person'),
            'meeting': ('list', 'Meeting'),
            'paper': ('list', 'Paper'),
            'legislativeTerm': ('embeds', 'LegislativeTerm'),
            'agendaItem': ('list', 'AgendaItem'),
            'consultation': ('list', 'Consultation'),
            'file': ('list', 'File'),
            'locationList': ('list', 'Location'),
            'legislativeTermList': ('list', 'LegislativeTerm'),
            'membership': ('list', 'Membership'),
            'classification': 'string',
            'location': ('embed', 'Location'),
            'mainOrganization': ('ref', 'Organization'),
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'Organization': {
        'required': ['id', 'type'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'body': ('ref', 'Body'),
            'name': 'string',
            'membership': ('refs', 'Membership'),
            'meeting': ('list', 'Meeting'),
            'consultation': ('list', 'Consultation'),
            'shortName': 'string',
            'post': 'strings',
            'subOrganizationOf': ('ref', 'Organization'),
            'organizationType': 'string',
            'classification': 'string',
            'startDate': 'date',
            'endDate': 'date',
            'website': 'link',
            'location': ('embed', 'Location'),
            'externalBody': ('ref', 'Body'),
            'memberCount': 'integer',
            'votingMemberCount': 'integer',
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'Person': {
        'required': ['id', 'type'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'body': ('ref', 'Body'),
            'name': 'string',
            'familyName': 'string',
            'givenName': 'string',
            'formOfAddress': 'string',
            'affix': 'string',
            'title': 'strings',
            'gender': 'string',
            'phone': 'strings',
            'email': 'strings',
            'location': ('ref', 'Location'),
            'locationObject': ('embed', 'Location'),
            'status': 'strings',
            'membership': ('embeds', 'Membership'),
            'image': ('embed', 'File'),
            'life': 'string',
            'lifeSource': 'string',
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'Meeting': {
        'required': ['id', 'type'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'name': 'string',
            'meetingState': 'string',
            'cancelled': 'boolean',
            'start': 'date-time',
            'end': 'date-time',
            'location': ('embed', 'Location'),
            'organization': ('refs', 'Organization'),
            'participant': ('refs', 'Person'),
            'invitation': ('embed', 'File'),
            'resultsProtocol': ('embed', 'File'),
            'verbatimProtocol': ('embed', 'File'),
            'auxiliaryFile': ('embeds', 'File'),
            'agendaItem': ('embeds', 'AgendaItem'),
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'AgendaItem': {
        'required': ['id', 'type', 'order'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'meeting': ('ref', 'Meeting'),
            'number': 'string',
            'order': 'integer',
            'name': 'string',
            'public': 'boolean',
            'consultation': ('ref', 'Consultation'),
            'result': 'string',
            'resolutionText': 'string',
            'resolutionFile': ('embed', 'File'),
            'auxiliaryFile': ('embeds', 'File'),
            'start': 'date-time',
            'end': 'date-time',
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'Paper': {
        'required': ['id', 'type'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'body': ('ref', 'Body'),
            'name': 'string',
            'reference': 'string',
            'date': 'date',
            'paperType': 'string',
            'relatedPaper': ('refs', 'Paper'),
            'superordinatedPaper': ('refs', 'Paper'),
            'subordinatedPaper': ('refs', 'Paper'),
            'mainFile': ('embed', 'File'),
            'auxiliaryFile': ('embeds', 'File'),
            'location': ('embeds', 'Location'),
            'originatorPerson': ('refs', 'Person'),
            'underDirectionOf': ('refs', 'Organization'),
            'originatorOrganization': ('refs', 'Organization'),
            'consultation': ('embeds', 'Consultation'),
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'Consultation': {
        'required': ['id', 'type'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'paper': ('ref', 'Paper'),
            'agendaItem': ('ref', 'AgendaItem'),
            'meeting': ('ref', 'Meeting'),
            'organization': ('refs', 'Organization'),
            'authoritative': 'boolean',
            'role': 'string',
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'File': {
        'required': ['id', 'type', 'accessUrl'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'name': 'string',
            'fileName': 'string',
            'mimeType': 'string',
            'date': 'date',
            'size': 'integer',
            'sha1Checksum': 'string',
            'sha512Checksum': 'string',
            'text': 'string',
            'accessUrl': 'link',
            'downloadUrl': 'link',
            'externalServiceUrl': 'link',
            'masterFile': ('ref', 'File'),
            'derivativeFile': ('refs', 'File'),
            'fileLicense': 'link',
            'meeting': ('refs', 'Meeting'),
            'agendaItem': ('refs', 'AgendaItem'),
            'person': ('ref', 'Person'),
            'paper': ('refs', 'Paper'),
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'Location': {
        'required': ['id', 'type'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'description': 'string',
            'geojson': 'object',
            'streetAddress': 'string',
            'room': 'string',
            'postalCode': 'string',
            'subLocality': 'string',
            'locality': 'string',
            'bodies': ('refs', 'Body'),
            'organizations': ('refs', 'Organization'),
            'persons': ('refs', 'Person'),
            'meetings': ('refs', 'Meeting'),
            'papers': ('refs', 'Paper'),
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'LegislativeTerm': {
        'required': ['id', 'type'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'body': ('ref', 'Body'),
            'name': 'string',
            'startDate': 'date',
            'endDate': 'date',
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
    'Membership': {
        'required': ['id', 'type'],
        'fields': {
            'id': 'id',
            'type': 'type',
            'person': ('ref', 'Person'),
            'organization': ('ref', 'Organization'),
            'role': 'string',
            'votingRight': 'boolean',
            'startDate': 'date',
            'endDate': 'date',
            'onBehalfOf': ('ref', 'Organization'),
            'license': 'string',
            'keyword': 'strings',
            'created': 'date-time',
            'modified': 'date-time',
            'web': 'link',
            'deleted': 'boolean',
        },
    },
}

# Spec 3.1: `created` and `modified` must be given in every object type, embedded ones included (new in 1.1).
ALWAYS = ('id', 'type', 'created', 'modified')
# Spec 2.8: what a deleted object keeps (the brief: exactly these).
TOMBSTONE = {'id', 'type', 'created', 'modified', 'deleted'}
# An object embedded in another and fetched at its id may add the back-reference to its container.
BACKREF = {'Consultation': 'paper', 'File': 'paper'}

DATE_RE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
DATETIME_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$')
EXTENSION_RE = re.compile(r'^[A-Za-z][A-Za-z0-9._-]*:[A-Za-z0-9._-]+$')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def origin(url):
    parts = urllib.parse.urlsplit(url)
    return (parts.scheme.lower(), parts.netloc.lower())


def is_url(value):
    if not isinstance(value, str) or not value.isascii() or any(c.isspace() for c in value):
        return False
    parts = urllib.parse.urlsplit(value)
    return parts.scheme in ('http', 'https') and bool(parts.netloc)


def parse_datetime(value):
    if not isinstance(value, str) or not DATETIME_RE.match(value):
        return None
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        return None


def valid_date(value):
    if not isinstance(value, str) or not DATE_RE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def same(a, b):
    """Deep JSON equality that does not take 1 for 1.0 or true."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def first_difference(a, b, path=''):
    if type(a) is not type(b):
        return f'{path or "(object)"}: {json.dumps(a)[:80]} vs {json.dumps(b)[:80]}'
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                return f'{path}{k}: only at the id'
            if k not in b:
                return f'{path}{k}: missing at the id'
            d = first_difference(a[k], b[k], f'{path}{k}.')
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f'{path.rstrip(".")}: {len(a)} items vs {len(b)} at the id'
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f'{path}{i}.')
            if d:
                return d
        return None
    return None if a == b else f'{path.rstrip(".")}: {json.dumps(a)[:80]} vs {json.dumps(b)[:80]} at the id'


def with_params(url, params):
    query = '&'.join(k + '=' + urllib.parse.quote(v, safe='') for k, v in params)
    return url + ('&' if urllib.parse.urlsplit(url).query else '?') + query


def type_name(value):
    if isinstance(value, str) and value.startswith(SCHEMA_PREFIX):
        return value[len(SCHEMA_PREFIX):]
    return None


class Crawler:
    def __init__(self, system_url):
        self.system_url = system_url
        self.origin = origin(system_url)
        self.problems = []
        self.cache = {}
        self.requested = set()
        self.objects = {}           # id -> the object fetched at its id
        self.expected = {}          # url -> set of type names it is referenced as
        self.list_items = []        # (list url, item) to compare with the object at the item's id
        self.embedded = []          # (container id, field, item type, item)
        self.embedded_count = {}
        self.list_pages = 0
        self.links_checked = 0
        self.external_skipped = set()
        self.queue = []
        self.queued = set()
        self.lists_seen = {}        # list url -> type expected

    # -- reporting and fetching

    def problem(self, url, field, message):
        line = f'oparl-crawl: {url}: {field}: {message}'
        if line not in self.problems:
            self.problems.append(line)

    def same_origin(self, url):
        return origin(url) == self.origin

    def get(self, url):
        """(status, headers, body bytes, error) for a GET, cached; redirects are not followed."""
        if url in self.cache:
            return self.cache[url]
        self.requested.add(url)
        req = urllib.request.Request(url, headers={'Accept': 'application/json'})
        try:
            with OPENER.open(req, timeout=TIMEOUT) as resp:
                answer = (resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read(), None)
        except urllib.error.HTTPError as e:
            try:
                body = e.read()
            except Exception:  # noqa: BLE001 - the body of an error answer is best effort
                body = b''
            answer = (e.code, {k.lower(): v for k, v in (e.headers or {}).items()}, body, None)
        except Exception as e:  # noqa: BLE001 - timeouts, refused connections, bad URLs: all a problem
            answer = (None, {}, b'', f'{type(e).__name__}: {e}')
        self.cache[url] = answer
        return answer

    def decode(self, url, headers, body, field='(answer)'):
        """The JSON of an answer, checking spec 2.4 (UTF-8 without BOM) and 2.6 (CORS header)."""
        if headers.get('access-control-allow-origin') != '*':
            self.problem(url, 'Access-Control-Allow-Origin',
                         f'is {headers.get("access-control-allow-origin")!r}, not "*" (spec 2.6)')
        methods = headers.get('access-control-allow-methods')
        if methods is not None and 'GET' not in [m.strip().upper() for m in methods.split(',')]:
            self.problem(url, 'Access-Control-Allow-Methods', f'{methods!r} does not include GET (spec 2.6)')
        if body.startswith(b'\xef\xbb\xbf'):
            self.problem(url, field, 'JSON starts with a byte order mark (spec 2.4)')
        try:
            return json.loads(body.decode('utf-8'))
        except (UnicodeDecodeError, ValueError) as e:
            self.problem(url, field, f'not UTF-8 JSON: {e}')
            return None

    def get_json(self, url, field='(answer)'):
        status, headers, body, error = self.get(url)
        if error:
            self.problem(url, field, f'no answer: {error}')
            return None
        if status != 200:
            self.problem(url, field, f'answers HTTP {status}, not 200')
            return None
        return self.decode(url, headers, body, field)

    def enqueue(self, kind, url, expected=None, source=None):
        if not self.same_origin(url):
            self.external_skipped.add(url)
            return
        if expected:
            self.expected.setdefault(url, set()).add(expected)
        key = (kind, url)
        if key not in self.queued:
            self.queued.add(key)
            self.queue.append((kind, url, expected, source))

    # -- objects

    def check_value(self, where, field, kind, value, required, owner_type):
        """Check one member against its SCHEMA kind, queueing the URLs it names."""
        if value is None:
            self.problem(where, field, 'is null (spec 2.4)')
            return
        if value == '' and not required:
            self.problem(where, field, 'is "" (spec 2.4: leave the property out)')
            return
        if value == [] and not required:
            self.problem(where, field, 'is [] (spec 2.4: leave the property out)')
            return
        if kind == 'id':
            if not is_url(value):
                self.problem(where, field, f'{value!r} is not an absolute http(s) URL')
        elif kind == 'type':
            if value != SCHEMA_PREFIX + owner_type:
                self.problem(where, field, f'{value!r} is not {SCHEMA_PREFIX + owner_type}')
        elif kind == 'oparlVersion':
            if not isinstance(value, str) or not re.match(r'^https://schema\.oparl\.org/1\.(0|1)/$', value):
                self.problem(where, field, f'{value!r} is not https://schema.oparl.org/1.1/ (or 1.0/)')
        elif kind == 'string':
            if not isinstance(value, str):
                self.problem(where, field, f'is {type(value).__name__}, not a string')
        elif kind == 'integer':
            if not isinstance(value, int) or isinstance(value, bool):
                self.problem(where, field, f'{value!r} is not an integer')
        elif kind == 'boolean':
            if not isinstance(value, bool):
                self.problem(where, field, f'{value!r} is not a boolean')
        elif kind == 'object':
            if not isinstance(value, dict):
                self.problem(where, field, 'is not an object')
        elif kind == 'strings':
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.problem(where, field, 'is not an array of strings')
        elif kind == 'date':
            if not valid_date(value):
                self.problem(where, field, f'{value!r} is not a date yyyy-mm-dd (spec 2.4)')
        elif kind == 'date-time':
            if parse_datetime(value) is None:
                self.problem(where, field, f'{value!r} is not a date-time yyyy-mm-ddThh:mm:ss±hh:mm (spec 2.4)')
        elif kind in ('link', 'links'):
            values = value if kind == 'links' else [value]
            if kind == 'links' and not isinstance(value, list):
                self.problem(where, field, 'is not an array of URLs')
                return
            for v in values:
                if not is_url(v):
                    self.problem(where, field, f'{v!r} is not an absolute http(s) URL')
                else:
                    # spec 2.7: accessUrl without, downloadUrl with Content-Disposition: attachment
                    kind_of = {'accessUrl': 'access', 'downloadUrl': 'download'}.get(field, 'link')
                    self.enqueue(kind_of, v, source=f'{where} {field}')
        else:
            what, target = kind
            if what in ('ref', 'list'):
                if not is_url(value):
                    self.problem(where, field, f'{value!r} is not an absolute http(s) URL')
                elif what == 'ref':
                    self.enqueue('object', value, target, f'{where} {field}')
                else:
                    self.enqueue('list', value, target, f'{where} {field}')
            elif what == 'refs':
                if not isinstance(value, list):
                    self.problem(where, field, 'is not an array of URLs')
                    return
                for v in value:
                    if not is_url(v):
                        self.problem(where, field, f'{v!r} is not an absolute http(s) URL')
                    else:
                        self.enqueue('object', v, target, f'{where} {field}')
                if len(set(value)) != len(value):
                    self.problem(where, field, 'names a URL twice')
            elif what == 'embed':
                self.check_embedded(where, field, target, value)
            elif what == 'embeds':
                if not isinstance(value, list):
                    self.problem(where, field, 'is not an array of objects')
                    return
                ids = []
                for i, item in enumerate(value):
                    self.check_embedded(where, f'{field}[{i}]', target, item)
                    if isinstance(item, dict):
                        ids.append(item.get('id'))
                if len(set(map(str, ids))) != len(ids):
                    self.problem(where, field, 'embeds an object twice')

    def check_embedded(self, where, field, target, item):
        if not isinstance(item, dict):
            self.problem(where, field, f'is not an object ({target})')
            return
        self.embedded_count[target] = self.embedded_count.get(target, 0) + 1
        if item.get('deleted') is True:
            self.problem(where, field, 'embeds a deleted object (spec 2.5: a server must not output deleted '
                                       'objects internally)')
        self.check_object(f'{where} {field}', item, target)
        if is_url(item.get('id')):
            self.embedded.append((where, field, target, item))
            self.enqueue('object', item['id'], target, f'{where} {field}')

    def check_object(self, where, obj, expected=None, fetched_at=None):
        """Check an OParl object (standalone, list item or embedded). Returns its type name or None."""
        if not isinstance(obj, dict):
            self.problem(where, '(object)', 'is not a JSON object')
            return None
        name = type_name(obj.get('type'))
        if 'type' not in obj:
            self.problem(where, 'type', 'missing (spec 3.1: every object has a type)')
            name = expected
        elif name not in SCHEMA:
            self.problem(where, 'type', f'{obj.get("type")!r} is not an OParl 1.1 type URL')
            return None
        if expected and name != expected:
            self.problem(where, 'type', f'is {name}, expected {expected}')
        if fetched_at is not None and obj.get('id') != fetched_at:
            self.problem(where, 'id', f'{obj.get("id")!r} is not the URL it was fetched at')
        schema = SCHEMA[name]
        for field in ALWAYS:
            if field not in obj:
                self.problem(where, field, f'missing (every {name} must have it, spec 3.1)')
        deleted = obj.get('deleted') is True
        if deleted:
            extra = set(obj) - TOMBSTONE
            if extra:
                self.problem(where, '(deleted object)', f'has more than id, type, created, modified, deleted: '
                                                        f'{", ".join(sorted(extra))}')
        else:
            for field in schema['required']:
                if field not in obj:
                    self.problem(where, field, f'missing (required in {name})')
        for field, value in obj.items():
            if field in schema['fields']:
                self.check_value(where, field, schema['fields'][field], value, field in schema['required'], name)
            elif ':' in field:
                if not EXTENSION_RE.match(field):
                    self.problem(where, field, 'is not a well-formed prefixed extension member')
                elif not field.startswith('decreg:'):
                    self.problem(where, field, 'extension member not prefixed decreg:')
                self.scan_extension(where, field, value)
            else:
                self.problem(where, field, f'is not a property of {name} in OParl 1.1 (an extension must be '
                                           f'prefixed, spec 3: Herstellerspezifische Erweiterungen)')
        created, modified = parse_datetime(obj.get('created')), parse_datetime(obj.get('modified'))
        if created and modified and created > modified:
            self.problem(where, 'created', f'{obj["created"]} is after modified {obj["modified"]}')
        return name

    def scan_extension(self, where, field, value):
        """Same-origin URLs inside an extension member must answer 200 too."""
        if isinstance(value, dict):
            for v in value.values():
                self.scan_extension(where, field, v)
        elif isinstance(value, list):
            for v in value:
                self.scan_extension(where, field, v)
        elif is_url(value) and self.same_origin(value):
            self.enqueue('link', value, source=f'{where} {field}')

    # -- lists

    def walk_list(self, url, expected, field='(list)', check_items=True):
        """Follow a list's pages from url; check each page; return its items (None if the first page failed)."""
        first_query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query, keep_blank_values=True)
        kept = {k: v for k, v in first_query.items() if k in FILTERS}
        filtered = 'modified_since' in first_query
        items, ids, seen_pages = [], set(), set()
        page_url, number, per_page_values = url, 1, []
        pages = []
        while page_url:
            if page_url in seen_pages:
                self.problem(url, 'links.next', f'loops back to {page_url}')
                break
            seen_pages.add(page_url)
            if len(seen_pages) > MAX_PAGES:
                self.problem(url, 'links.next', f'more than {MAX_PAGES} pages')
                break
            page = self.get_json(page_url, field if number == 1 else 'links.next')
            self.list_pages += 1
            if page is None:
                return None if number == 1 else items
            if not isinstance(page, dict):
                self.problem(page_url, '(list page)', 'is not a JSON object')
                return None if number == 1 else items
            if 'type' in page and 'data' not in page:
                self.problem(page_url, '(list page)', f'is an object of type {page.get("type")}, not a list')
                return None if number == 1 else items
            data, pagination, links = page.get('data'), page.get('pagination'), page.get('links')
            for key, value, kind in (('data', data, list), ('pagination', pagination, dict), ('links', links, dict)):
                if not isinstance(value, kind):
                    self.problem(page_url, key, 'missing' if value is None else f'is not an {kind.__name__}'
                                 + ' (spec 2.5: every list page has data, pagination and links)')
            data = data if isinstance(data, list) else []
            pagination = pagination if isinstance(pagination, dict) else {}
            links = links if isinstance(links, dict) else {}
            for key, value in pagination.items():
                if key in ('totalElements', 'elementsPerPage', 'currentPage', 'totalPages'):
                    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                        self.problem(page_url, f'pagination.{key}', f'{value!r} is not a count')
                else:
                    self.problem(page_url, f'pagination.{key}', 'is not a pagination attribute of spec 2.5')
            for key, value in links.items():
                if key not in ('first', 'prev', 'self', 'next', 'last', 'web'):
                    self.problem(page_url, f'links.{key}', 'is not a links attribute of spec 2.5')
                if value is None:
                    self.problem(page_url, f'links.{key}', 'is null')
                    continue
                if not is_url(value):
                    self.problem(page_url, f'links.{key}', f'{value!r} is not an absolute http(s) URL')
                    continue
                if key == 'web':
                    self.enqueue('link', value, source=f'{page_url} links.web')
                    continue
                q = urllib.parse.parse_qs(urllib.parse.urlsplit(value).query, keep_blank_values=True)
                for k, v in kept.items():
                    # A date-time filter is kept when it names the same instant: a server may write it in its one
                    # canonical spelling (spec 2.3), say in UTC.
                    same = q.get(k) == v or (
                        k.endswith(('_since', '_until')) and len(q.get(k, [])) == 1 and len(v) == 1
                        and parse_datetime(q[k][0]) is not None and parse_datetime(q[k][0]) == parse_datetime(v[0]))
                    if not same:
                        self.problem(page_url, f'links.{key}', f'drops or changes the filter {k}={v[0]} '
                                                              f'of the first page (spec 2.5: filters are kept)')
                if key in ('first', 'last', 'prev', 'self') and value not in seen_pages:
                    self.enqueue('listpage', value, source=f'{page_url} links.{key}')
            current, total_pages = pagination.get('currentPage'), pagination.get('totalPages')
            if isinstance(current, int) and current != number:
                self.problem(page_url, 'pagination.currentPage', f'is {current} on page {number} of the walk')
            nxt = links.get('next')
            if isinstance(current, int) and isinstance(total_pages, int):
                if current < total_pages and not nxt:
                    self.problem(page_url, 'links.next', f'missing on page {current} of {total_pages} (spec 2.5)')
                if current >= max(total_pages, 1) and nxt:
                    self.problem(page_url, 'links.next', f'given on the last page ({current} of {total_pages})')
            per_page = pagination.get('elementsPerPage')
            if isinstance(per_page, int) and len(data) > per_page:
                self.problem(page_url, 'data', f'{len(data)} objects on a page of elementsPerPage {per_page}')
            pages.append((page_url, len(data), per_page, pagination))
            for i, item in enumerate(data):
                where = f'{page_url} data[{i}]'
                if not isinstance(item, dict):
                    self.problem(page_url, f'data[{i}]', 'is not an object')
                    continue
                oid = item.get('id')
                if oid in ids:
                    self.problem(url, 'data', f'{oid} appears twice in the list')
                ids.add(oid)
                if item.get('deleted') is True and not filtered:
                    self.problem(page_url, f'data[{i}]', f'{oid} is deleted, in a list without modified_since '
                                                         f'(spec 2.5: deleted objects must not be output)')
                if check_items:
                    self.check_object(where, item, expected)
                    if is_url(oid):
                        self.list_items.append((url, item))
                        self.enqueue('object', oid, expected, where)
                items.append(item)
            page_url = nxt if isinstance(nxt, str) and is_url(nxt) else None
            number += 1
        # elementsPerPage equal on all pages but the last, and that many objects on them; the totals right.
        for page_url, count, per_page, _ in pages[:-1]:
            if isinstance(per_page, int) and count != per_page:
                self.problem(page_url, 'pagination.elementsPerPage', f'{per_page}, but {count} objects on a page '
                                                                     f'that is not the last')
        values = {p[2] for p in pages[:-1] if isinstance(p[2], int)}
        if len(values) > 1:
            self.problem(url, 'pagination.elementsPerPage', f'differs between pages: {sorted(values)}')
        for page_url, _, _, pagination in pages:
            te, tp = pagination.get('totalElements'), pagination.get('totalPages')
            if isinstance(te, int) and te != len(items):
                self.problem(page_url, 'pagination.totalElements', f'is {te}, the pages hold {len(items)}')
            if isinstance(tp, int) and tp != len(pages) and not (tp == 0 and not items):
                self.problem(page_url, 'pagination.totalPages', f'is {tp}, {len(pages)} pages were walked')
        return items

    def check_list(self, url, expected, source):
        self.lists_seen[url] = expected
        items = self.walk_list(url, expected)
        if items is None:
            return
        ids = [i.get('id') for i in items if isinstance(i, dict)]
        # The same list one object a page: the same objects in the same (stable, spec 2.5) order.
        paged = self.walk_list(with_params(url, [('limit', '1')]), expected, 'limit=1', check_items=False)
        if paged is not None:
            got = [i.get('id') for i in paged if isinstance(i, dict)]
            if got != ids:
                self.problem(url, 'limit=1', f'pages through {len(got)} objects, not the {len(ids)} of the list '
                                             f'in the same order')
        omitted = self.walk_list(with_params(url, [('omit_internal', 'true')]), expected, 'omit_internal=true',
                                 check_items=False)
        if omitted is not None:
            got = [i.get('id') for i in omitted if isinstance(i, dict)]
            if got != ids:
                self.problem(url, 'omit_internal=true', f'lists {len(got)} objects, not the {len(ids)} of the list')
        # The four filters (spec 2.5), each bounding everything in or out; none of them shows deleted objects.
        for param, value, everything in (('created_since', '1970-01-01T00:00:00+00:00', True),
                                         ('modified_until', '2999-01-01T00:00:00+00:00', True),
                                         ('created_until', '2999-01-01T00:00:00+01:00', True),
                                         ('modified_until', '1970-01-01T00:00:00+00:00', False),
                                         ('created_since', '2999-01-01T00:00:00+00:00', False)):
            got = self.walk_list(with_params(url, [(param, value)]), expected, f'{param}={value}', check_items=False)
            if got is None:
                continue
            got = [i.get('id') for i in got if isinstance(i, dict)]
            if everything and got != ids:
                self.problem(url, f'{param}={value}', f'lists {len(got)} objects, not the {len(ids)} of the list')
            if not everything and got:
                self.problem(url, f'{param}={value}', f'lists {len(got)} objects, expected none')

    # -- the crawl

    def crawl(self, expect_deleted=()):
        system = self.get_json(self.system_url, '(System)')
        if system is None:
            return
        self.expected[self.system_url] = {'System'}
        self.objects[self.system_url] = system
        self.check_object(self.system_url, system, 'System', fetched_at=self.system_url)
        while self.queue:
            kind, url, expected, source = self.queue.pop(0)
            if kind == 'object':
                if url in self.objects:
                    continue
                obj = self.get_json(url, f'(object, from {source})')
                if obj is None:
                    continue
                self.objects[url] = obj
                self.check_object(url, obj, expected, fetched_at=url)
            elif kind == 'list':
                self.check_list(url, expected, source)
            elif kind == 'listpage':
                page = self.get_json(url, f'(list page, from {source})')
                self.list_pages += 1
                if page is not None and not (isinstance(page, dict) and isinstance(page.get('data'), list)):
                    self.problem(url, '(list page)', 'is not a list page')
            elif kind in ('link', 'access', 'download'):
                self.links_checked += 1
                status, headers, _, error = self.get(url)
                if error or status != 200:
                    self.problem(url, f'({kind} link, from {source})',
                                 f'answers {error or "HTTP " + str(status)}, not 200')
                    continue
                disposition = headers.get('content-disposition', '')
                attachment = disposition.split(';')[0].strip().lower() == 'attachment'
                if kind == 'access' and attachment:
                    self.problem(url, 'Content-Disposition', f'accessUrl answers {disposition!r} (spec 2.7: must not '
                                                             f'send Content-Disposition with attachment)')
                if kind == 'download' and not (attachment and 'filename' in disposition.lower()):
                    self.problem(url, 'Content-Disposition', f'downloadUrl answers {disposition!r} (spec 2.7: must '
                                                             f'send attachment with the filename)')
        for url, types in self.expected.items():
            obj = self.objects.get(url)
            if obj is not None and len(types) > 1:
                self.problem(url, 'type', f'referenced as {", ".join(sorted(types))}')
        for list_url, item in self.list_items:
            standalone = self.objects.get(item['id'])
            if standalone is not None and not same(item, standalone):
                self.problem(list_url, item['id'], f'the list item differs from the object at its id: '
                                                   f'{first_difference(item, standalone)}')
        for container, field, target, item in self.embedded:
            standalone = self.objects.get(item['id'])
            if standalone is None:
                continue
            back = BACKREF.get(target)
            trimmed = dict(standalone)
            if back and back in trimmed and back not in item:
                ref = trimmed.pop(back)
                container_id = container.split(' ')[0]
                container_obj = self.objects.get(container_id)
                parent = container_obj.get('id') if isinstance(container_obj, dict) else None
                if parent and ref != parent and not (isinstance(ref, list) and parent in ref):
                    self.problem(item['id'], back, f'{ref!r} does not name the {container_id} it is embedded in')
            if not same(item, trimmed):
                self.problem(container, field, f'differs from the object at {item["id"]}: '
                                               f'{first_difference(item, trimmed)}')
        for url in expect_deleted:
            obj = self.get_json(url, '(expected deleted object)')
            if obj is None:
                continue
            self.check_object(url, obj, None, fetched_at=url)
            self.objects.setdefault(url, obj)
            if obj.get('deleted') is not True:
                self.problem(url, 'deleted', 'the object should be deleted (withdrawn) but is not')
        self.check_error()

    def check_error(self):
        base = self.system_url.rstrip('/').rsplit('/', 1)[0]
        probes = [base + '/papers/NO-SUCH-REF']
        # And, knowing no URL layout: one URL of each type found with a last segment no object has, and a list's.
        by_type = {}
        for oid, obj in self.objects.items():
            if isinstance(obj, dict) and oid != self.system_url:
                by_type.setdefault(type_name(obj.get('type')), oid)
        probes += [oid.split('?')[0] + 'x-no-such'
                   for _, oid in sorted(by_type.items(), key=lambda kv: str(kv[0]))]
        probes += [url.split('?')[0] + '/x-no-such' for url in sorted(self.lists_seen)[:1]]
        for url in probes:
            self.check_error_at(url)

    def check_error_at(self, url):
        status, headers, body, error = self.get(url)
        if error:
            self.problem(url, '(unknown object)', f'no answer: {error}')
            return
        if status == 200:
            self.problem(url, '(unknown object)', 'answers 200 (spec 2.9: an error status)')
            return
        obj = self.decode(url, headers, body, '(error object)')
        if not isinstance(obj, dict):
            self.problem(url, '(error object)', 'is not a JSON object (spec 2.9)')
            return
        if obj.get('type') != ERROR_TYPE:
            self.problem(url, 'type', f'{obj.get("type")!r} is not {ERROR_TYPE} (spec 2.9)')
        if not isinstance(obj.get('message'), str) or not obj.get('message'):
            self.problem(url, 'message', 'missing or not a non-empty string (spec 2.9)')
        if 'debug' in obj and not isinstance(obj['debug'], str):
            self.problem(url, 'debug', 'is not a string')
        for key in obj:
            if key not in ('type', 'message', 'debug') and ':' not in key:
                self.problem(url, key, 'is not an attribute of the Error object (spec 2.9)')

    def modified_since(self, t, expected_ids):
        since = parse_datetime(t)
        if since is None:
            self.problem(self.system_url, 'T', f'{t!r} is not a date-time yyyy-mm-ddThh:mm:ss±hh:mm')
            return
        system = self.get_json(self.system_url, '(System)')
        if not isinstance(system, dict) or not is_url(system.get('body')):
            self.problem(self.system_url, 'body', 'no body list to ask')
            return
        bodies = self.walk_list(system['body'], 'Body', check_items=False) or []
        lists = [(system['body'], 'Body')]
        for body in bodies:
            if not isinstance(body, dict) or body.get('deleted') is True:
                continue
            for field, kind in SCHEMA['Body']['fields'].items():
                if isinstance(kind, tuple) and kind[0] == 'list' and is_url(body.get(field)):
                    lists.append((body[field], kind[1]))
        returned = {}
        for url, expected in lists:
            self.lists_seen[url] = expected
            filtered = with_params(url, [('modified_since', t)])
            items = self.walk_list(filtered, expected, 'modified_since', check_items=False) or []
            # As a client keeping a copy asks (spec 2.5, Aktualisierungsmechanismus): the same objects.
            lean = self.walk_list(with_params(url, [('modified_since', t), ('omit_internal', 'true')]), expected,
                                  'modified_since&omit_internal', check_items=False)
            if lean is not None and [i.get('id') for i in lean if isinstance(i, dict)] != \
                    [i.get('id') for i in items if isinstance(i, dict)]:
                self.problem(filtered, 'omit_internal=true', f'lists {len(lean)} objects, not the {len(items)} '
                                                             f'without it')
            for i, item in enumerate(items):
                where = f'{filtered} data[{i}]'
                self.check_object(where, item, expected)
                modified = parse_datetime(item.get('modified'))
                if modified and modified < since:
                    self.problem(where, 'modified', f'{item["modified"]} is before modified_since {t}')
                if is_url(item.get('id')):
                    returned.setdefault(item['id'], (filtered, item))
        self.queue.clear()  # only what the filtered lists return is asked for here
        for oid, (filtered, item) in returned.items():
            standalone = self.get_json(oid, f'(object, from {filtered})')
            if standalone is not None and not same(item, standalone):
                self.problem(filtered, oid, f'the list item differs from the object at its id: '
                                            f'{first_difference(item, standalone)}')
            self.objects[oid] = standalone
        for oid in sorted(set(expected_ids) - set(returned)):
            self.problem(self.system_url, f'modified_since={t}', f'{oid} changed but is not listed')
        for oid in sorted(set(returned) - set(expected_ids)):
            deleted = ' (deleted)' if returned[oid][1].get('deleted') is True else ''
            self.problem(returned[oid][0], f'modified_since={t}', f'{oid}{deleted} is listed but did not change')
        self.returned = returned

    def compare_state(self, path):
        try:
            with open(path, encoding='utf-8') as f:
                before = json.load(f)
        except FileNotFoundError:
            before = {}
        now = {}
        for oid, obj in self.objects.items():
            if isinstance(obj, dict):
                now[oid] = {k: obj.get(k) for k in ('type', 'created', 'modified')}
        for oid, old in sorted(before.items()):
            new = now.get(oid)
            if new is None:
                status, _, _, error = self.get(oid)
                if status != 200:
                    self.problem(oid, '(object)', f'answered before, now {error or "HTTP " + str(status)} '
                                                  f'(spec 2.8: objects are not simply deleted)')
                continue
            for key in ('type', 'created'):
                if new[key] != old[key]:
                    self.problem(oid, key, f'was {old[key]}, now {new[key]} (spec 2.8: kept)')
            was, is_ = parse_datetime(old['modified']), parse_datetime(new['modified'])
            if was and is_ and is_ < was:
                self.problem(oid, 'modified', f'went back from {old["modified"]} to {new["modified"]}')
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(dict(before, **now), f, indent=1, sort_keys=True)

    def summary(self, out):
        counts = {}
        for obj in self.objects.values():
            if isinstance(obj, dict):
                name = type_name(obj.get('type')) or '?'
                if obj.get('deleted') is True:
                    name += ' (deleted)'
                counts[name] = counts.get(name, 0) + 1
        print('oparl-crawl: objects fetched at their id: ' +
              (', '.join(f'{n} {counts[n]}' for n in sorted(counts)) or 'none'), file=out)
        if self.embedded_count:
            print('oparl-crawl: embedded objects checked: ' +
                  ', '.join(f'{n} {self.embedded_count[n]}' for n in sorted(self.embedded_count)), file=out)
        print(f'oparl-crawl: lists {len(self.lists_seen)}, list pages fetched {self.list_pages}, '
              f'links checked {self.links_checked}, URLs requested {len(self.requested)}, '
              f'external URLs not followed {len(self.external_skipped)}', file=out)


def read_lines(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip()]


def main():
    parser = argparse.ArgumentParser(description='OParl 1.1 conformance crawler')
    parser.add_argument('--modified-since', nargs=2, metavar=('SYSTEM_URL', 'T'))
    parser.add_argument('--expect-file', help='with --modified-since: the ids expected, one a line')
    parser.add_argument('--expect-deleted', help='URLs (one a line) that must answer as deleted objects')
    parser.add_argument('--state', help='a JSON file of each object\'s type, created and modified: compared with '
                                        'when it exists (spec 2.8: id, type and created are kept; modified never '
                                        'goes back), then written')
    parser.add_argument('system_url', nargs='?')
    args = parser.parse_args()
    if args.modified_since:
        if args.system_url or not args.expect_file:
            parser.error('--modified-since SYSTEM_URL T needs --expect-file FILE and no other URL')
        crawler = Crawler(args.modified_since[0])
        expected = read_lines(args.expect_file)
        crawler.modified_since(args.modified_since[1], expected)
        crawler.summary(sys.stdout)
        print(f'oparl-crawl: modified_since={args.modified_since[1]}: {len(getattr(crawler, "returned", {}))} '
              f'objects listed, {len(set(expected))} expected', file=sys.stdout)
    else:
        if not args.system_url:
            parser.error('give the System URL')
        crawler = Crawler(args.system_url)
        crawler.crawl(read_lines(args.expect_deleted) if args.expect_deleted else ())
        if args.state:
            crawler.compare_state(args.state)
        crawler.summary(sys.stdout)
    for line in crawler.problems:
        print(line)
    print(f'oparl-crawl: {len(crawler.problems)} problem(s)')
    return 1 if crawler.problems else 0


if __name__ == '__main__':
    sys.exit(main())
