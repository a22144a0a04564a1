/// ISO-8601 UTC timestamps with microseconds in Cruddur's (Python `datetime.isoformat()`) form:
/// `2026-11-21T10:15:30.123456+00:00` — 32 bytes, which sort as text in time order (the sort keys).
///
/// Hand-written (no DateFormatter): the writes of C and D format one per operation. The date comes from
/// the days-from-civil inverse of H. Hinnant's "chrono-compatible low-level date algorithms" (public
/// domain description), eras of 400 years so that every step is integer arithmetic.
public enum Timestamp {
    public static let length = 32

    /// Formats microseconds since the Unix epoch (years 1970...9999).
    public static func format(microseconds: Int64) -> String {
        precondition(microseconds >= 0 && microseconds < 253_402_300_800_000_000, "Timestamp.format: \(microseconds) µs is outside 1970...9999")
        let micros = Int(microseconds % 1_000_000)
        let seconds = Int(microseconds / 1_000_000)
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        let (year, month, day) = civil(fromDays: days)
        return String(unsafeUninitializedCapacity: length) { b in
            @inline(__always) func put(_ value: Int, width: Int, at offset: Int) {
                var v = value
                var i = offset + width - 1
                while i >= offset {
                    b[i] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                    i -= 1
                }
            }
            put(year, width: 4, at: 0)
            b[4] = UInt8(ascii: "-")
            put(month, width: 2, at: 5)
            b[7] = UInt8(ascii: "-")
            put(day, width: 2, at: 8)
            b[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, width: 2, at: 11)
            b[13] = UInt8(ascii: ":")
            put(secondOfDay / 60 % 60, width: 2, at: 14)
            b[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, width: 2, at: 17)
            b[19] = UInt8(ascii: ".")
            put(micros, width: 6, at: 20)
            b[26] = UInt8(ascii: "+")
            b[27] = UInt8(ascii: "0")
            b[28] = UInt8(ascii: "0")
            b[29] = UInt8(ascii: ":")
            b[30] = UInt8(ascii: "0")
            b[31] = UInt8(ascii: "0")
            return length
        }
    }

    /// (year, month 1...12, day 1...31) of the day `days` after 1970-01-01 (days ≥ 0).
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468                        // days since 0000-03-01
        let era = z / 146_097                          // 400-year eras (z ≥ 0 here)
        let dayOfEra = z - era * 146_097                                        // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365  // 0...399
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // 0...365, from March 1
        let shiftedMonth = (5 * dayOfYear + 2) / 153                            // 0 = March ... 11 = February
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
