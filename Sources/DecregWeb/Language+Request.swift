import DecregDomain
import Foundation
import HTTPTypes

extension Language {
    /// The language a visitor asked for: `?lang=sv|en` first, else the best of sv and en in `Accept-Language`
    /// (by q-value, the first listed on a tie), else Swedish — the register's own language.
    static func negotiated(query: Language?, acceptLanguage: String?) -> Language {
        if let query { return query }
        guard let header = acceptLanguage, header.utf8.count <= 1000 else { return .sv }
        var best: (language: Language, quality: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0 else { continue }
            let language: Language? = switch primary {
            case "sv": .sv
            case "en": .en
            default: nil
            }
            if let language, quality > (best?.quality ?? 0) { best = (language, quality) }
        }
        return best?.language ?? .sv
    }
}
