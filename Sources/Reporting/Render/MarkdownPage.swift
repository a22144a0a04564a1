/// The HTML twin of a Markdown report stbench generated itself (Reports/peers.md, a target comparison), so
/// the HTML shows the very tables the Markdown does instead of a second rendering that could drift.
///
/// Handles the subset those reports use: `#` headings, paragraphs, `- ` list items, pipe tables (header,
/// rule, rows), inline `code` and [text](link). Anything else is kept as paragraph text, escaped. Not a
/// general Markdown renderer.
public enum MarkdownPage {
    public static func render(markdown: String, title: String) -> String {
        HTMLRenderer.page(title: title, body: body(markdown))
    }

    static func body(_ markdown: String) -> String {
        var html = ""
        var paragraph: [Substring] = []
        var list: [Substring] = []
        var table: [[String]] = []
        func flush() {
            if !paragraph.isEmpty { html += "<p>" + paragraph.map { inline($0) }.joined(separator: " ") + "</p>\n" }
            if !list.isEmpty { html += "<ul>\n" + list.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n" }
            if !table.isEmpty { html += tableHTML(table) }
            paragraph = []
            list = []
            table = []
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.trimmingPrefix(while: { $0 == " " })
            if text.isEmpty {
                flush()
            } else if text.hasPrefix("|") {
                if table.isEmpty { flush() }
                table.append(cells(text))
            } else if text.hasPrefix("#") {
                flush()
                let level = min(text.prefix { $0 == "#" }.count, 6)
                html += "<h\(level)>" + inline(text.dropFirst(level).trimmingPrefix(while: { $0 == " " })) + "</h\(level)>\n"
            } else if text.hasPrefix("- ") {
                if !paragraph.isEmpty || !table.isEmpty { flush() }
                list.append(text.dropFirst(2))
            } else {
                if !list.isEmpty || !table.isEmpty { flush() }
                paragraph.append(text)
            }
        }
        flush()
        return html
    }

    /// A pipe table's cells (outer pipes dropped, cells trimmed).
    static func cells(_ line: Substring) -> [String] {
        var parts = line.split(separator: "|", omittingEmptySubsequences: false).map {
            String($0.trimmingPrefix(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        }
        if parts.first == "" { parts.removeFirst() }
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    /// Header row, then the rows after the `|---|` rule; a cell that starts with a digit is right-aligned.
    static func tableHTML(_ rows: [[String]]) -> String {
        let isRule = { (row: [String]) in !row.isEmpty && row.allSatisfy { !$0.isEmpty && $0.allSatisfy { "-:".contains($0) } } }
        var html = "<table>\n"
        for (i, row) in rows.enumerated() where !isRule(row) {
            let header = i == 0 && rows.count > 1 && isRule(rows[1])
            html += "<tr>" + row.map { cell -> String in
                if header { return "<th>" + inline(Substring(cell)) + "</th>" }
                let numeric = cell.first.map { $0.isNumber } ?? false
                return (numeric ? "<td class=\"n\">" : "<td>") + inline(Substring(cell)) + "</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// Escaped text with `code` spans and [text](link) links.
    static func inline(_ text: Substring) -> String {
        var html = ""
        var rest = text[...]
        while let next = rest.firstIndex(where: { $0 == "`" || $0 == "[" }) {
            html += HTMLText.escape(String(rest[..<next]))
            let after = rest.index(after: next)
            if rest[next] == "`", let close = rest[after...].firstIndex(of: "`") {
                html += "<code>" + HTMLText.escape(String(rest[after..<close])) + "</code>"
                rest = rest[rest.index(after: close)...]
            } else if rest[next] == "[", let close = rest[after...].firstIndex(of: "]"),
                      rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
                      let end = rest[close...].firstIndex(of: ")") {
                let target = rest[rest.index(close, offsetBy: 2)..<end]
                html += "<a href=\"" + HTMLText.escape(String(target)) + "\">" + HTMLText.escape(String(rest[after..<close])) + "</a>"
                rest = rest[rest.index(after: end)...]
            } else {
                html += HTMLText.escape(String(rest[next]))
                rest = rest[after...]
            }
        }
        return html + HTMLText.escape(String(rest))
    }
}
