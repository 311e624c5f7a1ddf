import DecregDomain
import Foundation
import GRDB
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#endif

/// Why the register refused a change or could not answer. `field` says where the offending value stands in the
/// input: an import file path (`decisions[2].funding[0].shares.SLL`) or a command-line option (`--party`).
public enum RegisterError: Error, Equatable, CustomStringConvertible, SpokenError {
    /// There is no register at the path.
    case noRegister(path: String)
    /// `init` on a path that already holds a file.
    case alreadyExists(path: String)
    /// `init` or `copy` into a PostgreSQL database that already holds tables.
    case notEmpty(path: String, tables: Int)
    /// The register was made by a newer decreg.
    case newerSchema(path: String, migration: String)
    /// The file is not a decreg register: `reason` says what it is (`0 bytes`, `not an SQLite database`).
    case notARegister(path: String, reason: Phrase)
    /// The register's schema is older than this decreg's: `decreg upgrade` brings it up to date.
    case needsUpgrade(path: String, schema: Int, current: Int)
    /// The file could not be opened, read or written, for `problem`.
    case file(path: String, problem: FileProblem)
    /// `init` could not create the file, for `cause`.
    case cannotCreate(path: String, cause: Phrase)
    /// A key that names nothing in the register: an unknown party, body or decision, with the known keys nearest
    /// it, best first (`NearestKeys`).
    case unknown(kind: String, key: String, field: String?, suggestions: [String] = [])
    /// A key that exists already, or is given twice.
    case duplicate(kind: String, key: String, field: String?)
    /// A party or body declared again, differently.
    case conflicting(kind: String, key: String, difference: Phrase, field: String?)
    /// Any other refusal, with its reason.
    case invalid(Phrase, field: String?)
    /// A change the signed-in account may not make (its role or its parties do not reach it).
    case notPermitted(Phrase)

    /// The register's word for a refusal of the rules.
    public init(_ refusal: Refusal) {
        self = .invalid(refusal.phrase, field: refusal.field)
    }

    /// The register's word for what an account may not do.
    public init(_ refusal: NotPermitted) {
        self = .notPermitted(refusal.phrase)
    }

    /// Runs rules of DecregDomain, turning their refusal into the register's error.
    static func checking<Result>(_ rules: () throws(Refusal) -> Result) throws(RegisterError) -> Result {
        do { return try rules() } catch { throw RegisterError(error) }
    }

    public var field: String? {
        switch self {
        case .unknown(_, _, let field, _), .duplicate(_, _, let field), .conflicting(_, _, _, let field),
            .invalid(_, let field):
            return field
        default: return nil
        }
    }

    /// The message without the field, in English.
    public var message: String { phrase.en }

    /// The message without the field, in both languages.
    public var phrase: Phrase {
        switch self {
        case .noRegister(let path):
            return Phrase(
                sv: "inget register i \(path): skapa ett med `decreg init`, eller ange det med --db eller DECREG_DB",
                en: "no register at \(path): create one with `decreg init`, or name it with --db or DECREG_DB")
        case .alreadyExists(let path):
            return Phrase(
                sv: "\(path) finns redan; decreg init skriver inte över en fil",
                en: "\(path) exists already; decreg init does not overwrite a file")
        case .notEmpty(let path, let tables):
            return Phrase(
                sv: "\(path) är inte tom (\(tables) tabeller); decreg skriver ett register bara i en tom databas — skapa en ny med createdb",
                en: "\(path) is not empty (\(tables) tables); decreg writes a register only into an empty database — make a new one with createdb")
        case .newerSchema(let path, let migration):
            return Phrase(
                sv: "\(path) är skrivet av en nyare decreg (schema \(migration)); uppgradera decreg för att öppna det",
                en: "\(path) was written by a newer decreg (schema \(migration)); upgrade decreg to open it")
        case .notARegister(let path, let reason):
            return Phrase(
                sv: "kan inte öppna \(path): inget decreg-register (\(reason.sv))",
                en: "cannot open \(path): not a decreg register (\(reason.en))")
        case .needsUpgrade(let path, let schema, let current):
            return Phrase(
                sv: "\(path) behöver uppgraderas (schema \(schema), denna decreg har \(current)); kör "
                    + "`decreg upgrade --db \(path)`",
                en: "\(path) needs an upgrade (schema \(schema), this decreg has \(current)); run "
                    + "`decreg upgrade --db \(path)`")
        case .file(let path, let problem):
            return problem.message(path)
        case .cannotCreate(let path, let cause):
            return Phrase(sv: "kan inte skapa \(path): \(cause.sv)", en: "cannot create \(path): \(cause.en)")
        case .unknown(let kind, let key, _, let suggestions):
            let options = Phrase.alternatives(suggestions)
            let guess = suggestions.isEmpty ? nil : Phrase(
                sv: "menade du \(options.sv)?",
                en: "did you mean \(options.en)?")
            switch kind {
            case "party", "body":
                let add = "decreg \(kind) add \(key) --name …" + (kind == "body" ? " --party …" : "")
                let (unknown, it) = kind == "party" ? ("okänd part", "den") : ("okänt organ", "det")
                guard let guess else {
                    return Phrase(
                        sv: "\(unknown) '\(key)': lägg till \(it) först (\(add))",
                        en: "unknown \(kind) '\(key)': add it first (\(add))")
                }
                return Phrase(
                    sv: "\(unknown) '\(key)': \(guess.sv) (decreg \(kind) list visar alla; lägg till en ny med \(add))",
                    en: "unknown \(kind) '\(key)': \(guess.en) (decreg \(kind) list shows them all; add a new one with "
                        + "\(add))")
            case "decision":
                guard let guess else {
                    return Phrase(sv: "inget beslut '\(key)' i registret", en: "no decision '\(key)' in the register")
                }
                return Phrase(sv: "inget beslut '\(key)': \(guess.sv)", en: "no decision '\(key)': \(guess.en)")
            default:
                return Phrase(
                    sv: "okänd \(Self.noun(kind).sv) '\(key)'" + (guess.map { ": " + $0.sv } ?? ""),
                    en: "unknown \(kind) '\(key)'" + (guess.map { ": " + $0.en } ?? ""))
            }
        case .duplicate(let kind, let key, _):
            return Phrase(sv: "\(Self.noun(kind).sv) '\(key)' finns redan", en: "\(kind) '\(key)' exists already")
        case .conflicting(let kind, let key, let difference, _):
            return Phrase(
                sv: "\(Self.noun(kind).sv) '\(key)' finns redan med andra uppgifter (\(difference.sv))",
                en: "\(kind) '\(key)' exists already with other details (\(difference.en))")
        case .invalid(let message, _), .notPermitted(let message):
            return message
        }
    }

    /// `field: message` in `language`.
    public func text(_ language: Language) -> String {
        guard let field else { return phrase.text(language) }
        return "\(field): \(phrase.text(language))"
    }

    public func lines(_ language: Language) -> [String] { [text(language)] }

    public var description: String { text(.en) }

    /// The kinds of things the register names (`party`, `case number for`), in Swedish.
    static func noun(_ kind: String) -> Phrase {
        let swedish: String
        switch kind {
        case "party": swedish = "part"
        case "body": swedish = "organ"
        case "decision": swedish = "beslut"
        case "payment": swedish = "betalning"
        case "attachment": swedish = "bilaga"
        case "case number for": swedish = "diarienummer för"
        case "account": swedish = "konto"
        case "funding for year": swedish = "finansiering för året"
        case "share for": swedish = "andel för"
        case "amount for year": swedish = "belopp för året"
        default: swedish = kind
        }
        return Phrase(sv: swedish, en: kind)
    }

    /// A party, body or decision that `key` names nothing among, with the keys nearest it in the register. Looks
    /// at every key of its kind, so it is only called once the key is known to be missing.
    static func unknown(_ kind: String, _ key: String, field: String?, in db: Session) throws -> RegisterError {
        let slack = NearestKeys.allowedDistance(for: key.count)
        let sql: String
        switch kind {
        case "party": sql = "SELECT code FROM party WHERE length(code) BETWEEN ? AND ?"
        case "body": sql = "SELECT code FROM body WHERE length(code) BETWEEN ? AND ?"
        default: sql = "SELECT ref FROM decision WHERE length(ref) BETWEEN ? AND ?"
        }
        let known = try String.fetchAll(db, sql: sql, arguments: [key.count - slack, key.count + slack])
        return .unknown(kind: kind, key: key, field: field, suggestions: NearestKeys.among(known, nearest: key))
    }
}

extension Phrase {
    /// Why a file is not a register: its bytes are not SQLite's.
    public static let notSQLite = Phrase(sv: "ingen SQLite-databas", en: "not an SQLite database")
    /// Why a file is not a register: it is empty (a failed copy, a full disk).
    public static let noBytes = Phrase(sv: "0 byte", en: "0 bytes")
    /// Why a path is not a register: it is a folder.
    public static let folder = Phrase(sv: "en mapp", en: "a folder")
    /// Why a path is not a register: it is a device, a pipe or a socket.
    public static let notRegularFile = Phrase(sv: "ingen vanlig fil", en: "not a regular file")
    /// Why an SQLite database is not a register: another program's tables.
    public static let foreignTables = Phrase(
        sv: "en SQLite-databas med tabeller som decreg inte har skapat",
        en: "an SQLite database with tables decreg did not make")
    /// Why a PostgreSQL database is not a register: tables, but not decreg's.
    public static let foreignPostgresTables = Phrase(
        sv: "en PostgreSQL-databas med tabeller som decreg inte har skapat",
        en: "a PostgreSQL database with tables decreg did not make")
    /// Why an SQLite database is not a register: no tables at all.
    public static let noTables = Phrase(
        sv: "en SQLite-databas utan decregs tabeller", en: "an SQLite database without decreg's tables")

    static func noFolder(_ folder: String) -> Phrase {
        Phrase(sv: "mappen \(folder) finns inte", en: "the folder \(folder) does not exist")
    }

    static func folderNotWritable(_ folder: String) -> Phrase {
        Phrase(
            sv: "mappen \(folder) är skrivskyddad (åtkomst nekas)",
            en: "the folder \(folder) is not writable (permission denied)")
    }
}

/// Why a register file could not be opened, read or written: SQLite's result codes and the system's error
/// numbers, said once in plain words (`RegisterError.from(_:path:)` is the one place they are mapped).
public enum FileProblem: Sendable, Equatable {
    /// The file may not be written.
    case readOnly
    /// The file system is mounted read-only.
    case readOnlyFileSystem
    /// The folder may not be written: the journal of a change is made beside the register.
    case readOnlyFolder(String)
    /// The disk (or the quota) is full.
    case diskFull
    /// The file is damaged: SQLite found pages that make no sense.
    case damaged
    /// Another program held the file locked for longer than decreg waits.
    case busy
    /// The system could not read or write the disk.
    case ioError
    /// A write was interrupted and must be rolled back before the file can be read, and it cannot be.
    case interruptedWrite
    /// SQLite could not open the file (or the journal beside it).
    case cannotOpen
    /// An error number from the system.
    case system(Int32)
    /// Any other SQLite failure: its primary result code and its message (never the SQL).
    case sqlite(code: Int32, message: String)
    /// The PostgreSQL server could not be reached, or the connection was lost: what the connection said.
    case unreachable(String)
    /// The PostgreSQL database takes no writes: a standby (a read replica), or read-only by its settings.
    case standby
    /// The PostgreSQL role may not do this (`decreg grant` gave it only what serve does): PostgreSQL's message.
    case permissionDenied(String)
    /// Any other PostgreSQL failure: its SQLSTATE and its message (never the SQL).
    case postgres(code: String, message: String)

    /// The line that names the file and the cause.
    func message(_ path: String) -> Phrase {
        switch self {
        case .readOnly, .readOnlyFileSystem, .readOnlyFolder, .diskFull:
            return Phrase(sv: "kan inte skriva \(path): \(cause.sv)", en: "cannot write \(path): \(cause.en)")
        case .damaged:
            return Phrase(sv: "kan inte läsa \(path): \(cause.sv)", en: "cannot read \(path): \(cause.en)")
        case .ioError:
            return Phrase(
                sv: "kan inte läsa eller skriva \(path): \(cause.sv)", en: "cannot read or write \(path): \(cause.en)")
        case .busy:
            return Phrase(sv: "\(path) är upptaget: \(cause.sv)", en: "\(path) is busy: \(cause.en)")
        case .interruptedWrite, .cannotOpen, .system:
            return Phrase(sv: "kan inte öppna \(path): \(cause.sv)", en: "cannot open \(path): \(cause.en)")
        case .sqlite, .postgres:
            return Phrase(verbatim: "\(path): ") + cause
        case .unreachable:
            return Phrase(sv: "kan inte nå \(path): \(cause.sv)", en: "cannot reach \(path): \(cause.en)")
        case .standby:
            return Phrase(sv: "kan inte skriva \(path): \(cause.sv)", en: "cannot write \(path): \(cause.en)")
        case .permissionDenied:
            return Phrase(sv: "får inte ändra \(path): \(cause.sv)", en: "may not change \(path): \(cause.en)")
        }
    }

    /// The cause alone.
    public var cause: Phrase {
        switch self {
        case .readOnly:
            return Phrase(sv: "filen är skrivskyddad", en: "the file is read-only")
        case .readOnlyFileSystem:
            return .system(EROFS)
        case .readOnlyFolder(let folder):
            return Phrase(
                sv: "mappen \(folder) är skrivskyddad, och varje ändring skriver sin journal där",
                en: "the folder \(folder) is read-only, and every change writes its journal there")
        case .diskFull:
            return .system(ENOSPC)
                + Phrase(
                    sv: "; inget skrevs, frigör utrymme och försök igen",
                    en: "; nothing was written, free some space and try again")
        case .damaged:
            return Phrase(
                sv: "databasen är skadad; återställ en kontrollerad säkerhetskopia (decreg check --db KOPIA)",
                en: "the database is damaged; restore a checked backup (decreg check --db COPY)")
        case .busy:
            return Phrase(
                sv: "ett annat program har låst det längre än decreg väntar; försök igen om en stund",
                en: "another program has held it locked for longer than decreg waits; try again shortly")
        case .ioError:
            return .system(EIO)
        case .interruptedWrite:
            return Phrase(
                sv: "en avbruten skrivning måste rullas tillbaka först, och filen eller dess mapp är skrivskyddad",
                en: "an interrupted write must be rolled back first, and the file or its folder is read-only")
        case .cannotOpen:
            return Phrase(
                sv: "SQLite kan inte öppna filen eller skapa sin journal bredvid den",
                en: "SQLite cannot open the file or create its journal beside it")
        case .system(let number):
            switch number {
            case ENOSPC, EDQUOT: return FileProblem.diskFull.cause
            default: return .system(number)
            }
        case .unreachable(let reason):
            return Phrase(
                sv: "\(reason); kontrollera att servern kör, adressen och lösenordet (PGPASSWORD eller ~/.pgpass)",
                en: "\(reason); check that the server runs, the address and the password (PGPASSWORD or ~/.pgpass)")
        case .standby:
            return Phrase(
                sv: "databasen tar bara emot läsningar (en replik eller skrivskyddad); skriv till dess primära server",
                en: "the database takes reads only (a replica, or read-only); write to its primary")
        case .permissionDenied(let message):
            return Phrase(
                sv: "rollen saknar rätten (\(message)); be registrets ägare, eller kör kommandot som ägaren",
                en: "the role lacks the right (\(message)); ask the register's owner, or run the command as the owner")
        case .postgres(let code, let message):
            return Phrase(
                sv: "ett oväntat fel i databasen (PostgreSQL \(code): \(message)); rapportera det med den här raden",
                en: "an unexpected error in the database (PostgreSQL \(code): \(message)); report it with this line")
        case .sqlite(let code, let message):
            // Not one a person can put right: said so, with what the maintainers need.
            return Phrase(
                sv: "ett oväntat fel i databasen (SQLite \(code): \(message)); rapportera det med den här raden",
                en: "an unexpected error in the database (SQLite \(code): \(message)); report it with this line")
        }
    }
}

extension RegisterError {
    /// `error` as the register's error naming `path`: SQLite's result codes mapped to plain causes, in this one
    /// place. An error that is not SQLite's is returned as it is; so is a `RegisterError`.
    public static func from(_ error: any Error, path: String) -> any Error {
        if error is PSQLError || error is PostgresConnectionLost { return postgres(path: path, error) }
        guard let error = error as? DatabaseError else { return error }
        let problem: FileProblem
        switch error.extendedResultCode {
        case .SQLITE_READONLY_DIRECTORY: problem = .readOnlyFolder(RegisterFile.folder(of: path))
        case .SQLITE_READONLY_ROLLBACK, .SQLITE_READONLY_RECOVERY: problem = .interruptedWrite
        default:
            switch error.resultCode {
            case .SQLITE_READONLY: problem = .readOnly
            case .SQLITE_FULL: problem = .diskFull
            case .SQLITE_CORRUPT: problem = .damaged
            case .SQLITE_NOTADB: return RegisterError.notARegister(path: path, reason: .notSQLite)
            case .SQLITE_BUSY, .SQLITE_LOCKED: problem = .busy
            case .SQLITE_IOERR: problem = .ioError
            case .SQLITE_CANTOPEN: problem = .cannotOpen
            case .SQLITE_PERM, .SQLITE_AUTH: problem = .system(EACCES)
            default: problem = .sqlite(code: error.resultCode.rawValue, message: error.message ?? "")
            }
        }
        return RegisterError.file(path: path, problem: problem)
    }
}
