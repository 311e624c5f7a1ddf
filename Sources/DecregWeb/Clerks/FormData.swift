import Foundation

/// A form's body read into its fields: `application/x-www-form-urlencoded`, or `multipart/form-data` (RFC 7578) for
/// the form that uploads a file. `amounts` is read as lines of `YEAR=AMOUNT`, `again` as a flag; everything else is
/// a text, and one part with a file name the uploaded file.
enum FormData {
    /// A form's fields from its urlencoded body.
    static func urlencoded(_ text: String) -> ClerkWrites.Fields {
        var fields = ClerkWrites.Fields()
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields.set(decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
        return fields
    }

    /// The boundary a `multipart/form-data` content type names, or nil for any other type.
    static func boundary(_ contentType: String) -> String? {
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parameters.dropFirst() where parameter.lowercased().hasPrefix("boundary=") {
            let value = parameter.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// A `multipart/form-data` body's fields; nil when it is not one (no closing boundary, a part without a name).
    static func multipart(_ body: Data, boundary: String) -> ClerkWrites.Fields? {
        let delimiter = Data("--\(boundary)".utf8)
        let crlf = Data("\r\n".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard var start = body.range(of: delimiter)?.upperBound else { return nil }
        var fields = ClerkWrites.Fields()
        while true {
            // After a delimiter: `--` closes the body, a line break opens the next part.
            let rest = body[start...]
            if rest.starts(with: Data("--".utf8)) { return fields }
            guard rest.starts(with: crlf) else { return nil }
            let partStart = rest.startIndex + crlf.count
            guard let headersEnd = body.range(of: headerEnd, in: partStart..<body.endIndex),
                let next = body.range(of: crlf + delimiter, in: headersEnd.upperBound..<body.endIndex)
            else { return nil }
            let headers = String(decoding: body[partStart..<headersEnd.lowerBound], as: UTF8.self)
            let content = body[headersEnd.upperBound..<next.lowerBound]
            guard let part = Part(headers: headers) else { return nil }
            if let fileName = part.fileName {
                // A file input left empty sends a part without a file name's bytes; it is no upload.
                if !fileName.isEmpty || !content.isEmpty {
                    fields.file = (name: fileName, content: Data(content))
                }
            } else {
                fields.set(part.name, String(decoding: content, as: UTF8.self))
            }
            start = next.upperBound
        }
    }

    /// A part's headers: its field name, and for a file its name.
    private struct Part {
        var name: String
        var fileName: String?

        init?(headers: String) {
            var name: String?
            for line in headers.components(separatedBy: "\r\n") {
                let halves = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard halves.count == 2, halves[0].lowercased() == "content-disposition" else { continue }
                for parameter in Self.parameters(halves[1]) {
                    if parameter.key == "name" { name = parameter.value }
                    if parameter.key == "filename" { fileName = parameter.value }
                }
            }
            guard let name, !name.isEmpty else { return nil }
            self.name = name
        }

        /// `form-data; name="label"; filename="a.pdf"` as its parameters; quoted values may hold `;` and `\"`.
        static func parameters(_ text: String) -> [(key: String, value: String)] {
            var parameters: [(key: String, value: String)] = []
            var scalars = Substring(text).unicodeScalars[...]
            while let semicolon = scalars.firstIndex(of: ";") {
                scalars = scalars[scalars.index(after: semicolon)...]
                let key = String(String.UnicodeScalarView(scalars.prefix { $0 != "=" && $0 != ";" }))
                    .trimmingCharacters(in: .whitespaces).lowercased()
                scalars = scalars.dropFirst(scalars.prefix { $0 != "=" && $0 != ";" }.count)
                guard scalars.first == "=" else { continue }
                scalars = scalars.dropFirst()
                var value = String.UnicodeScalarView()
                if scalars.first == "\"" {
                    scalars = scalars.dropFirst()
                    while let scalar = scalars.first, scalar != "\"" {
                        scalars = scalars.dropFirst()
                        if scalar == "\\", let escaped = scalars.first {
                            value.append(escaped)
                            scalars = scalars.dropFirst()
                        } else {
                            value.append(scalar)
                        }
                    }
                    scalars = scalars.dropFirst()
                } else {
                    value.append(contentsOf: scalars.prefix { $0 != ";" })
                    scalars = scalars.dropFirst(value.count)
                }
                parameters.append((key, String(value).trimmingCharacters(in: .whitespaces)))
            }
            return parameters
        }
    }
}
