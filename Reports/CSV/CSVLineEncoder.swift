import Pricing

/// Encodes one CSV line straight into bytes: no intermediate strings for numbers, money
/// or dates. Fields are separated by commas; ``endLine()`` adds the CRLF.
///
/// Text is quoted when it holds a comma, quote, CR or LF, and neutralized with a leading
/// `'` when it starts with `=`, `+`, `-`, `@`, tab, CR or LF (formula injection); numbers,
/// money and dates are never prefixed.
public struct CSVLineEncoder {
    public private(set) var bytes: [UInt8] = []
    private var fieldsInLine = 0

    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// Forgets the bytes (keeping the capacity) for the next line.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        fieldsInLine = 0
    }

    @inline(__always) private mutating func separate() {
        if fieldsInLine > 0 { bytes.append(0x2C) }
        fieldsInLine += 1
    }

    public mutating func endLine() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        fieldsInLine = 0
    }

    public mutating func empty() { separate() }

    public mutating func text(_ s: String) {
        separate()
        var s = s
        s.withUTF8 { appendText($0) }
    }

    public mutating func text(_ s: Substring) {
        separate()
        var s = s
        s.withUTF8 { appendText($0) }
    }

    /// A text starting with this byte could be read as a formula: `=`, `+`, `-`, `@`, tab, CR, LF.
    @inline(__always)
    static func startsFormula(_ b: UInt8) -> Bool {
        b == 0x3D || b == 0x2B || b == 0x2D || b == 0x40 || b == 0x09 || b == 0x0D || b == 0x0A
    }

    private mutating func appendText(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let first = utf8.first else { return }
        let neutralize = CSVLineEncoder.startsFormula(first)
        var special = false
        for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { special = true; break }
        if !special && !neutralize {
            bytes.append(contentsOf: utf8)
            return
        }
        if special { bytes.append(0x22) }
        if neutralize { bytes.append(0x27) }
        if special {
            for b in utf8 {
                if b == 0x22 { bytes.append(0x22) }
                bytes.append(b)
            }
            bytes.append(0x22)
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func integer(_ value: Int) {
        separate()
        appendDigits(Int64(value))
    }

    /// Plain decimal with exactly two fractional digits ("1316.93", "-2.50"), built in a
    /// stack buffer and appended at once with its separator.
    public mutating func money(_ m: Money) {
        let comma = fieldsInLine > 0
        fieldsInLine += 1
        var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)   // 32 bytes
        withUnsafeMutableBytes(of: &scratch) { raw in
            let end = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + raw.count
            let magnitude = m.cents.magnitude
            let frac = UInt8(truncatingIfNeeded: magnitude % 100)
            (end - 1).pointee = 0x30 + frac % 10
            (end - 2).pointee = 0x30 + frac / 10
            (end - 3).pointee = 0x2E
            var start = ASCIIDecimal.writeDigits(magnitude / 100, endingAt: end - 3)
            if m.cents < 0 { start -= 1; start.pointee = 0x2D }
            if comma { start -= 1; start.pointee = 0x2C }
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: end - start))
        }
    }

    /// The shortest exact decimal ("10", "12.5").
    public mutating func percent(_ p: Percent) {
        separate()
        var units = p.units
        if units < 0 { bytes.append(0x2D); units = -units }
        appendDigits(units / Percent.unitsPerPercent)
        var frac = units % Percent.unitsPerPercent
        guard frac > 0 else { return }
        bytes.append(0x2E)
        var divisor = Percent.unitsPerPercent / 10
        while frac > 0 {
            bytes.append(0x30 + UInt8(frac / divisor))
            frac %= divisor
            divisor /= 10
        }
    }

    /// ISO `YYYY-MM-DD`.
    public mutating func date(_ d: LocalDate) {
        separate()
        d.appendISO(to: &bytes)
    }

    /// Items joined by `;`, quoted and neutralized as their joined text would be (written
    /// item by item: no joined string is made).
    public mutating func list(_ items: [String]) {
        guard items.count > 1 else { return items.isEmpty ? empty() : text(items[0]) }
        separate()
        var special = false
        for var item in items where !special {
            item.withUTF8 { utf8 in
                for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { special = true; break }
            }
        }
        if special {
            // Rare (an id with a comma or quote): the general path on the joined text.
            var joined = items.joined(separator: ";")
            joined.withUTF8 { appendText($0) }
            return
        }
        // The joined text starts with the first item's first byte (or ';' if it is empty).
        let firstByte = items[0].utf8.first
        if let f = firstByte, CSVLineEncoder.startsFormula(f) { bytes.append(0x27) }
        for (i, var item) in items.enumerated() {
            if i > 0 { bytes.append(0x3B) }
            item.withUTF8 { bytes.append(contentsOf: $0) }
        }
    }

    public mutating func cell(_ c: Cell) {
        switch c {
        case .list(let items): list(items)
        case .text(let s): text(s)
        case .money(let m): money(m)
        case .percent(let p): percent(p)
        case .integer(let i): integer(i)
        case .date(let d): date(d)
        case .empty: empty()
        }
    }

    @inline(__always) private mutating func appendDigits(_ value: Int64) {
        ASCIIDecimal.append(value, to: &bytes)
    }
}
