import PropertyBased
import Testing
@testable import SingleTable

/// Random chains `[NOT] t_i = :t (AND|OR) ...` parsed and evaluated must agree with the documented
/// precedence (NOT, then AND, then OR), computed here directly: the chain is an OR of AND-groups.
@Suite("Condition precedence (property)")
struct ConditionPrecedencePropertyTests {
    @Test("random NOT/AND/OR chains follow NOT > AND > OR")
    func randomChains() async {
        // Each term is 3 bits: its truth value, whether it is negated, and whether AND (else OR) follows it.
        await propertyCheck(count: 300, input: Gen.int(in: 0...7).array(of: 1...10)) { terms in
            var text = ""
            var item: Item = [:]
            var groups: [[Bool]] = [[]]
            for (i, bits) in terms.enumerated() {
                let value = bits & 1 != 0, negated = bits & 2 != 0, andFollows = bits & 4 != 0
                item["t\(i)"] = .bool(value)
                text += (negated ? "NOT " : "") + "t\(i) = :t"
                groups[groups.count - 1].append(negated ? !value : value)
                if i < terms.count - 1 {
                    text += andFollows ? " AND " : " OR "
                    if !andFollows { groups.append([]) }
                }
            }
            let expected = groups.contains { $0.allSatisfy { $0 } }
            let actual = try? holds(text, on: item, values: [":t": true])
            #expect(actual == expected, "\(text)")
        }
    }
}
