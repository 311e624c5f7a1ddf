extension Language {
    /// The language a locale names (`sv_SE.UTF-8` → sv, `en_GB` → en); nil for `C`, `POSIX` and other languages,
    /// which say nothing about whether the reader prefers Swedish or English.
    public init?(locale: String) {
        if locale.hasPrefix("sv") {
            self = .sv
        } else if locale.hasPrefix("en") {
            self = .en
        } else {
            return nil
        }
    }

    /// The language to print in: the one asked for (`--lang`), else the locale's (`$LC_ALL` when set, else
    /// `$LANG`), else the register's own (`decreg init --lang`), else English. The register is asked only when
    /// neither of the first two decides.
    public static func resolved(
        option: Language?, locale: Language?, register: () throws -> Language?
    ) rethrows -> Language {
        try option ?? locale ?? register() ?? .en
    }
}
