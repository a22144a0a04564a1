/// A small well-formedness check for the generated HTML: every element that opens closes, in
/// order, attribute quotes balance, and no raw `<` or `&` appears in text. Void HTML elements and
/// `<!DOCTYPE>` are allowed unclosed.
enum TagBalance {
    static let voidElements: Set<String> = ["meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"]

    /// nil when balanced, else a description of the first problem.
    static func problem(in html: String) -> String? {
        let chars = Array(html)
        var stack: [String] = []
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == "&" {
                var end = index + 1
                while end < chars.count, chars[end] != ";", end - index < 10 { end += 1 }
                guard end < chars.count, chars[end] == ";" else { return "bare & at \(index)" }
                index = end + 1
                continue
            }
            guard c == "<" else {
                if c == ">" { return "stray > at \(index)" }
                index += 1
                continue
            }
            var end = index + 1
            var quote: Character?
            while end < chars.count {
                if let q = quote {
                    if chars[end] == q { quote = nil }
                } else if chars[end] == "\"" || chars[end] == "'" {
                    quote = chars[end]
                } else if chars[end] == ">" {
                    break
                } else if chars[end] == "<" {
                    return "< inside a tag at \(end)"
                }
                end += 1
            }
            guard end < chars.count else { return "unterminated tag at \(index)" }
            let tag = String(chars[(index + 1)..<end])
            index = end + 1
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst()).lowercased()
                guard let open = stack.popLast() else { return "</\(name)> with nothing open" }
                guard open == name else { return "</\(name)> closes <\(open)>" }
                continue
            }
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
            guard !name.isEmpty else { return "empty tag name at \(index)" }
            if tag.hasSuffix("/") || voidElements.contains(name) { continue }
            stack.append(name)
        }
        return stack.isEmpty ? nil : "unclosed <\(stack.joined(separator: "> <"))>"
    }
}
