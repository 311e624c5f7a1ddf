/// `openapi.yaml` at the repository root, served at `/api/v1/openapi.yaml`. Kept here as text so a copied
/// binary serves it alone; a test checks that this copy and the file are the same.
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: decreg — a register of joint decisions
  version: 1.0.0
  summary: A register of joint decisions of Swedish public bodies, read by everyone and written by its parties' clerks.
  description: |
    Served by `decreg serve` under `/api/v1/`. Reading is open to everyone: GET (and HEAD, and CORS preflights).
    A clerk's account records what its own parties decided and paid with POST and `Authorization: Bearer TOKEN`
    (`decreg account token NAME` issues one): 201 with the recorded object; 401 without a valid token; 403 outside
    the account's role or parties; 404 for an unknown decision; 409 for a conflict (the same payment recorded
    already: send `"again": true` for a second instalment); 422 with the `field` and the message for input the
    command line would refuse. Another method is a 405. A parameter is given once, with a value: an empty value, a
    text with control characters or a value outside its schema is a 400 with a JSON error naming the parameter.
    Field names follow OParl 1.1 where OParl has the concept (a decision is a `Paper`, a handling step a
    `Consultation`, a party a `Body`, a board or assembly an `Organization`, an attachment a `File`); the rest keep
    decreg's own names. Amounts are exact decimal strings (`"1000000.00"`) with a `currency` beside them.
    Every JSON answer carries an `ETag` naming the register's audit head: send it back in `If-None-Match` to get
    `304 Not Modified` while nothing has changed. `Access-Control-Allow-Origin: *` is sent on every answer.
    `id` and `web` are paths on the serving host.
  license:
    name: Public records (offentlighetsprincipen)
servers:
  - url: /api/v1
paths:
  /decisions:
    get:
      operationId: listDecisions
      summary: Decisions, newest first, paged and filtered (OParl Paper list).
      parameters:
        - $ref: '#/components/parameters/party'
        - name: year
          in: query
          description: Decisions dated in this year or funding it.
          schema: {type: integer, minimum: 1000, maximum: 9999}
        - $ref: '#/components/parameters/status'
        - name: q
          in: query
          description: Words that must all occur in the title, the clauses or the summary (prefixes match); at least one letter or digit, else a 400.
          schema: {type: string, minLength: 1, maxLength: 200, pattern: '^[^\x00-\x1F\x7F-\x9F]*$'}
        - name: page
          in: query
          schema: {type: integer, minimum: 1, maximum: 1000000, default: 1}
        - name: per_page
          in: query
          schema: {type: integer, minimum: 1, maximum: 500, default: 50}
      responses:
        '200':
          description: One page of decisions.
          headers:
            ETag: {$ref: '#/components/headers/ETag'}
            Access-Control-Allow-Origin: {$ref: '#/components/headers/AccessControlAllowOrigin'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/PaperList'}
        '304': {$ref: '#/components/responses/NotModified'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '414': {$ref: '#/components/responses/URITooLong'}
  /decisions/{ref}:
    get:
      operationId: getDecision
      summary: One decision in full (OParl Paper).
      parameters:
        - name: ref
          in: path
          required: true
          schema: {type: string, minLength: 1, maxLength: 100}
      responses:
        '200':
          description: The decision.
          headers:
            ETag: {$ref: '#/components/headers/ETag'}
            Access-Control-Allow-Origin: {$ref: '#/components/headers/AccessControlAllowOrigin'}
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Paper'}
        '304': {$ref: '#/components/responses/NotModified'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '404': {$ref: '#/components/responses/NotFound'}
        '414': {$ref: '#/components/responses/URITooLong'}
  /parties:
    get:
      operationId: listParties
      summary: The parties (OParl Body).
      responses:
        '200':
          description: Every party.
          headers:
            ETag: {$ref: '#/components/headers/ETag'}
          content:
            application/json:
              schema:
                type: object
                required: [data]
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Party'}}
        '304': {$ref: '#/components/responses/NotModified'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '414': {$ref: '#/components/responses/URITooLong'}
  /bodies:
    get:
      operationId: listBodies
      summary: Boards, assemblies and joint bodies (OParl Organization).
      responses:
        '200':
          description: Every body.
          headers:
            ETag: {$ref: '#/components/headers/ETag'}
          content:
            application/json:
              schema:
                type: object
                required: [data]
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Organization'}}
        '304': {$ref: '#/components/responses/NotModified'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '414': {$ref: '#/components/responses/URITooLong'}
  /totals:
    get:
      operationId: totals
      summary: Committed, adopted and paid, grouped and filtered as `decreg totals`.
      parameters:
        - name: by
          in: query
          description: Distinct dimensions separated by commas (default party,year).
          style: form
          explode: false
          schema:
            type: array
            minItems: 1
            uniqueItems: true
            items: {type: string, enum: [party, year, decision, body, status]}
        - $ref: '#/components/parameters/party'
        - name: year
          in: query
          description: A year (2024) or a range (2024..2026) from its first year to its last, else a 400.
          schema: {type: string, pattern: '^[1-9][0-9]{3}(\.\.[1-9][0-9]{3})?$'}
        - name: decision
          in: query
          description: A decision's ref; an unknown ref is a 400.
          schema: {type: string, minLength: 1, maxLength: 64, pattern: '^[^\x00-\x1F\x7F-\x9F]*$'}
        - $ref: '#/components/parameters/status'
      responses:
        '200':
          description: The figures per group, and the grand totals per currency.
          headers:
            ETag: {$ref: '#/components/headers/ETag'}
          content:
            application/json:
              schema:
                type: object
                required: [by, data, totals]
                properties:
                  by: {type: array, items: {type: string}}
                  data: {type: array, items: {$ref: '#/components/schemas/TotalsRow'}}
                  totals: {type: array, items: {$ref: '#/components/schemas/TotalsRow'}}
        '304': {$ref: '#/components/responses/NotModified'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '414': {$ref: '#/components/responses/URITooLong'}
  /audit:
    get:
      operationId: auditHead
      summary: The audit trail's head, to publish and verify later with `decreg audit verify --head SEQ:HASH`.
      responses:
        '200':
          description: The head, or null for an empty register.
          headers:
            ETag: {$ref: '#/components/headers/ETag'}
          content:
            application/json:
              schema:
                type: object
                required: [head]
                properties:
                  head:
                    oneOf:
                      - type: 'null'
                      - type: object
                        required: [seq, hash]
                        properties:
                          seq: {type: integer, minimum: 1}
                          hash: {type: string, pattern: '^[0-9a-f]{64}$'}
        '304': {$ref: '#/components/responses/NotModified'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '414': {$ref: '#/components/responses/URITooLong'}
  /decisions/{ref}/steps:
    post:
      operationId: recordStep
      summary: Records a handling step of the decision by a body of one of the account's parties (registrar).
      security: [{bearer: []}]
      parameters:
        - $ref: '#/components/parameters/ref'
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/StepInput'}
      responses:
        '201':
          description: The step as recorded, numbered as `decreg step list` numbers it, and the decision's status.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/StepRecorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '403': {$ref: '#/components/responses/Forbidden'}
        '404': {$ref: '#/components/responses/NotFound'}
        '409': {$ref: '#/components/responses/Conflict'}
        '413': {$ref: '#/components/responses/TooLarge'}
        '415': {$ref: '#/components/responses/UnsupportedMediaType'}
        '422': {$ref: '#/components/responses/Unprocessable'}
  /decisions/{ref}/payments:
    post:
      operationId: recordPayment
      summary: Records a payment towards the decision by one of the account's parties (finance).
      security: [{bearer: []}]
      parameters:
        - $ref: '#/components/parameters/ref'
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/PaymentInput'}
      responses:
        '201':
          description: The payment as recorded, with its number.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/PaymentRecorded'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '401': {$ref: '#/components/responses/Unauthorized'}
        '403': {$ref: '#/components/responses/Forbidden'}
        '404': {$ref: '#/components/responses/NotFound'}
        '409': {$ref: '#/components/responses/Conflict'}
        '413': {$ref: '#/components/responses/TooLarge'}
        '415': {$ref: '#/components/responses/UnsupportedMediaType'}
        '422': {$ref: '#/components/responses/Unprocessable'}
  /log/checkpoint:
    get:
      operationId: logCheckpoint
      summary: >-
        The latest published checkpoint of the log (c2sp.org/tlog-checkpoint, a signed note), with every witness's
        cosignature recorded for it; `decreg log cosign --url` and transparency-log tools read it.
      responses:
        '200':
          description: The signed checkpoint.
          headers:
            ETag: {$ref: '#/components/headers/ETag'}
          content:
            text/plain:
              schema: {type: string}
        '304': {$ref: '#/components/responses/NotModified'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '404': {$ref: '#/components/responses/NotFound'}
        '414': {$ref: '#/components/responses/URITooLong'}
  /log/consistency:
    get:
      operationId: logConsistency
      summary: The RFC 6962 consistency proof between two sizes of the log, one base64 SHA-256 hash a line.
      parameters:
        - name: old
          in: query
          required: true
          description: The older tree size.
          schema: {type: integer, minimum: 0}
        - name: new
          in: query
          description: The newer tree size; the log's size today when not given.
          schema: {type: integer, minimum: 0}
      responses:
        '200':
          description: The proof; empty when the sizes are equal or the older is 0.
          headers:
            ETag: {$ref: '#/components/headers/ETag'}
          content:
            text/plain:
              schema: {type: string}
        '304': {$ref: '#/components/responses/NotModified'}
        '400': {$ref: '#/components/responses/BadRequest'}
        '414': {$ref: '#/components/responses/URITooLong'}
  /openapi.yaml:
    get:
      operationId: openapi
      summary: This document.
      responses:
        '200':
          description: The OpenAPI document.
          content:
            application/yaml:
              schema:
                type: object
                description: An OpenAPI 3.1 document.
                required: [openapi, info, paths]
        '400': {$ref: '#/components/responses/BadRequest'}
        '414': {$ref: '#/components/responses/URITooLong'}
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
      description: An account's API token (`decreg account token NAME`); a new one replaces the earlier.
  parameters:
    ref:
      name: ref
      in: path
      required: true
      description: The decision's reference.
      schema: {type: string, minLength: 1, maxLength: 100, pattern: '^[^\x00-\x1F\x7F-\x9F/]*$'}
    party:
      name: party
      in: query
      description: A party's code; an unknown code is a 400.
      schema: {type: string, minLength: 1, maxLength: 64, pattern: '^[^\x00-\x1F\x7F-\x9F]*$'}
    status:
      name: status
      in: query
      schema: {$ref: '#/components/schemas/Status'}
  headers:
    ETag:
      description: The audit head the answer was read at.
      schema: {type: string}
    AccessControlAllowOrigin:
      schema: {type: string, const: '*'}
  responses:
    NotModified:
      description: Nothing has changed since the ETag sent in If-None-Match.
    BadRequest:
      description: A parameter is unknown, repeated or malformed.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    NotFound:
      description: No such decision, or no such path.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    URITooLong:
      description: The query string is longer than 4096 bytes.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    Unauthorized:
      description: No valid API token (none, unknown, replaced, or its account disabled).
      headers:
        WWW-Authenticate: {schema: {type: string}}
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    Forbidden:
      description: The account's role or parties do not reach this change.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    Conflict:
      description: The same payment is recorded already (send "again" true for a second instalment).
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    TooLarge:
      description: The body is larger than 64 KiB.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    UnsupportedMediaType:
      description: The body is not application/json.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
    Unprocessable:
      description: What the command line would refuse, with the field it concerns.
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Error'}
  schemas:
    Status:
      type: string
      enum: [draft, proposed, approved, returned, partly-adopted, adopted, rejected]
    Amount:
      type: string
      description: An exact decimal amount in the currency beside it.
      pattern: '^-?[0-9]+(\.[0-9]+)?$'
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [status, message]
          properties:
            status: {type: integer}
            message: {type: string}
            parameter: {type: string, description: The query parameter at fault.}
            field: {type: string, description: The field of the body the refusal concerns.}
    StepInput:
      type: object
      required: [body, date, outcome]
      properties:
        body: {type: string, description: 'The body''s code, e.g. BOT-KF.'}
        date: {type: string, description: 'YYYY-MM-DD.'}
        outcome: {type: string, description: 'proposed, approved, adopted, rejected, returned or amended (or the Swedish words).'}
        minutes: {type: string, description: 'The minutes paragraph, e.g. "§ 98".'}
        note: {type: string}
        amounts:
          type: object
          description: 'Adopted amounts by year or range of years: {"2027": "1,62 Mkr", "2028..2029": "540 tkr"}.'
          additionalProperties: {type: string}
    PaymentInput:
      type: object
      required: [party, year, date, amount]
      properties:
        party: {type: string, description: 'The paying party''s code.'}
        year: {type: [integer, string], description: The funded year paid towards.}
        date: {type: string, description: 'YYYY-MM-DD.'}
        amount: {type: string, description: 'As people write it: "500 tkr", "1,62 Mkr", "1 000 000 kr".'}
        reference: {type: string}
        again: {type: boolean, description: Records the same payment a second time (an instalment).}
    StepRecorded:
      type: object
      required: [number, body, date, outcome, amounts, status]
      properties:
        number: {type: integer, minimum: 1}
        body: {type: string}
        date: {type: string}
        outcome: {type: string}
        minutes: {type: [string, 'null']}
        note: {type: [string, 'null']}
        amounts:
          type: array
          items:
            type: object
            required: [year, amount, currency]
            properties:
              year: {type: integer}
              amount: {$ref: '#/components/schemas/Amount'}
              currency: {type: string}
        status: {$ref: '#/components/schemas/Status'}
        warnings: {type: array, items: {type: string}}
    PaymentRecorded:
      type: object
      required: [number, decision, party, year, date, amount, currency]
      properties:
        number: {type: integer, minimum: 1}
        decision: {type: string}
        party: {type: string}
        year: {type: integer}
        date: {type: string}
        amount: {$ref: '#/components/schemas/Amount'}
        currency: {type: string}
        reference: {type: [string, 'null']}
        warnings: {type: array, items: {type: string}}
    PaperList:
      type: object
      required: [data, pagination, links]
      properties:
        data: {type: array, items: {$ref: '#/components/schemas/PaperSummary'}}
        pagination:
          type: object
          required: [totalElements, elementsPerPage, currentPage, totalPages]
          properties:
            totalElements: {type: integer}
            elementsPerPage: {type: integer}
            currentPage: {type: integer}
            totalPages: {type: integer}
        links:
          type: object
          required: [first, last]
          properties:
            first: {type: string}
            prev: {type: string}
            next: {type: string}
            last: {type: string}
    PaperSummary:
      type: object
      required: [id, type, reference, name, date, status, parties, withdrawn, web]
      properties:
        id: {type: string}
        type: {type: string, const: 'https://schema.oparl.org/1.1/Paper'}
        reference: {type: string, description: The decision's ref.}
        name: {type: string, description: The title.}
        date: {type: string, format: date}
        status: {$ref: '#/components/schemas/Status'}
        parties: {type: array, items: {type: string}}
        withdrawn: {type: ['string', 'null'], description: Why it was withdrawn, if it was.}
        web: {type: string}
    Paper:
      type: object
      required: [id, type, reference, name, date, status, parties, case_numbers, summary, clauses, funding,
                 consultation, payments, signatories, auxiliaryFile, withdrawn, web]
      properties:
        id: {type: string}
        type: {type: string, const: 'https://schema.oparl.org/1.1/Paper'}
        reference: {type: string}
        name: {type: string}
        date: {type: string, format: date}
        status: {$ref: '#/components/schemas/Status'}
        parties: {type: array, items: {type: string}}
        case_numbers: {type: object, additionalProperties: {type: string}}
        summary: {type: ['string', 'null']}
        clauses: {type: array, items: {type: string}}
        funding: {type: array, items: {$ref: '#/components/schemas/FundingYear'}}
        consultation: {type: array, items: {$ref: '#/components/schemas/Consultation'}}
        payments: {type: array, items: {$ref: '#/components/schemas/Payment'}}
        signatories:
          type: array
          items:
            type: object
            required: [name, title, party]
            properties:
              name: {type: string}
              title: {type: ['string', 'null']}
              party: {type: ['string', 'null']}
              withdrawn: {type: string, description: Why it was withdrawn; present only once it is.}
        auxiliaryFile: {type: array, items: {$ref: '#/components/schemas/File'}}
        withdrawn: {type: ['string', 'null']}
        web: {type: string}
    FundingYear:
      type: object
      required: [year, currency, total, method, shares]
      properties:
        year: {type: integer}
        currency: {type: string}
        total: {$ref: '#/components/schemas/Amount'}
        method: {type: string, enum: [shares, split]}
        shares:
          type: array
          items:
            type: object
            required: [party, amount, currency, part]
            properties:
              party: {type: string}
              amount: {$ref: '#/components/schemas/Amount'}
              currency: {type: string}
              part: {type: ['string', 'null'], description: The part as decided (25%, 1/3), for a split.}
        withdrawn: {type: string, description: Why the year's funding was withdrawn; present only once it is.}
    Consultation:
      type: object
      description: A handling step.
      required: [type, paper, organization, body, date, role, authoritative, minutes, note, amounts]
      properties:
        type: {type: string, const: 'https://schema.oparl.org/1.1/Consultation'}
        paper: {type: string}
        organization: {type: array, items: {type: string}}
        body: {type: string, description: The code of the body that handled the decision.}
        date: {type: string, format: date}
        role: {type: string, enum: [proposed, approved, adopted, rejected, returned, amended]}
        authoritative: {type: boolean, description: True when the step adopted the decision.}
        minutes: {type: ['string', 'null']}
        note: {type: ['string', 'null']}
        amounts:
          type: array
          items:
            type: object
            required: [year, amount, currency]
            properties:
              year: {type: integer}
              amount: {$ref: '#/components/schemas/Amount'}
              currency: {type: string}
        withdrawn: {type: string, description: Why the step was withdrawn; present only once it is. It counts for nothing.}
    Payment:
      type: object
      required: [number, decision, party, year, date, amount, currency, reference]
      properties:
        number: {type: ['integer', 'null']}
        decision: {type: string}
        party: {type: string}
        year: {type: integer}
        date: {type: string, format: date}
        amount: {$ref: '#/components/schemas/Amount'}
        currency: {type: string}
        reference: {type: ['string', 'null']}
        withdrawn: {type: string}
    File:
      type: object
      required: [type, name, fileName, mimeType, size, sha256, accessUrl, downloadUrl]
      properties:
        type: {type: string, const: 'https://schema.oparl.org/1.1/File'}
        name: {type: ['string', 'null'], description: The attachment's title.}
        fileName: {type: string, description: The attachment's label.}
        mimeType: {type: string}
        size: {type: integer}
        sha256: {type: string, pattern: '^[0-9a-f]{64}$'}
        accessUrl: {type: string}
        downloadUrl: {type: string}
        withdrawn: {type: string, description: Why the attachment was withdrawn; present only once it is.}
    Party:
      type: object
      required: [id, type, shortName, name, classification, org_number, web]
      properties:
        id: {type: string}
        type: {type: string, const: 'https://schema.oparl.org/1.1/Body'}
        shortName: {type: string, description: The party's code.}
        name: {type: string}
        classification: {type: string, enum: [region, municipality, company, university, state-agency, other]}
        org_number: {type: ['string', 'null']}
        web: {type: string}
    Organization:
      type: object
      required: [id, type, shortName, name, classification, parties]
      properties:
        id: {type: string}
        type: {type: string, const: 'https://schema.oparl.org/1.1/Organization'}
        shortName: {type: string}
        name: {type: string}
        classification: {type: string, enum: [board, assembly, committee, joint-committee, other]}
        parties: {type: array, items: {type: string}}
    TotalsRow:
      type: object
      description: One group's figures; the grouping dimensions (party, year, decision, body, status) come first.
      required: [currency, committed, adopted, paid]
      properties:
        party: {type: ['string', 'null']}
        year: {type: ['integer', 'null']}
        decision: {type: ['string', 'null']}
        body: {type: ['string', 'null']}
        status: {type: ['string', 'null']}
        currency: {type: string}
        committed: {$ref: '#/components/schemas/Amount'}
        adopted: {$ref: '#/components/schemas/Amount'}
        paid: {$ref: '#/components/schemas/Amount'}

"""#
}
