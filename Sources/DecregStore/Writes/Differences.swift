import DecregDomain

/// Says how two declarations of the same party or body differ, for the error that refuses the second: `name 'A' ≠
/// 'B'`, in Swedish `namn 'A' ≠ 'B'`.
enum Differences {
    static func of(_ old: Party, _ new: Party) -> Phrase {
        var parts: [Phrase] = []
        if old.name != new.name { parts.append(differs("namn", "name", "'\(old.name)'", "'\(new.name)'")) }
        if old.kind != new.kind { parts.append(differs("typ", "kind", old.kind.rawValue, new.kind.rawValue)) }
        if old.organisationNumber != new.organisationNumber {
            parts.append(
                differs(
                    "organisationsnummer", "org number", old.organisationNumber?.description ?? "none",
                    new.organisationNumber?.description ?? "none"))
        }
        return joined(parts)
    }

    static func of(_ old: Body, _ new: Body) -> Phrase {
        var parts: [Phrase] = []
        if old.name != new.name { parts.append(differs("namn", "name", "'\(old.name)'", "'\(new.name)'")) }
        if old.kind != new.kind { parts.append(differs("typ", "kind", old.kind.rawValue, new.kind.rawValue)) }
        if old.parties != new.parties {
            parts.append(
                differs(
                    "parter", "parties", old.parties.joined(separator: ","), new.parties.joined(separator: ",")))
        }
        return joined(parts)
    }

    /// `name 'A' ≠ 'B'`: the field's name in each language, the values as they are.
    private static func differs(_ sv: String, _ en: String, _ old: String, _ new: String) -> Phrase {
        Phrase(sv: "\(sv) \(old) ≠ \(new)", en: "\(en) \(old) ≠ \(new)")
    }

    private static func joined(_ parts: [Phrase]) -> Phrase {
        Phrase(sv: parts.map(\.sv).joined(separator: ", "), en: parts.map(\.en).joined(separator: ", "))
    }
}
