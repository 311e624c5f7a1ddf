import DecregDomain

/// Says how two declarations of the same party or body differ, for the error that refuses the second.
enum Differences {
    static func of(_ old: Party, _ new: Party) -> String {
        var parts: [String] = []
        if old.name != new.name { parts.append("name '\(old.name)' ≠ '\(new.name)'") }
        if old.kind != new.kind { parts.append("kind \(old.kind.rawValue) ≠ \(new.kind.rawValue)") }
        if old.organisationNumber != new.organisationNumber {
            parts.append(
                "org number \(old.organisationNumber?.description ?? "none") ≠ \(new.organisationNumber?.description ?? "none")")
        }
        return parts.joined(separator: ", ")
    }

    static func of(_ old: Body, _ new: Body) -> String {
        var parts: [String] = []
        if old.name != new.name { parts.append("name '\(old.name)' ≠ '\(new.name)'") }
        if old.kind != new.kind { parts.append("kind \(old.kind.rawValue) ≠ \(new.kind.rawValue)") }
        if old.parties != new.parties {
            parts.append("parties \(old.parties.joined(separator: ",")) ≠ \(new.parties.joined(separator: ","))")
        }
        return parts.joined(separator: ", ")
    }
}
