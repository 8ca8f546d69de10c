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

    private mutating func appendText(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let first = utf8.first else { return }
        let neutralize = first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D || first == 0x0A
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

    /// Plain decimal with exactly two fractional digits ("1316.93", "-2.50").
    public mutating func money(_ m: Money) {
        separate()
        let cents = m.cents
        if cents < 0 { bytes.append(0x2D) }
        let magnitude = cents.magnitude
        appendDigits(Int64(magnitude / 100))
        bytes.append(0x2E)
        let frac = magnitude % 100
        bytes.append(0x30 + UInt8(frac / 10))
        bytes.append(0x30 + UInt8(frac % 10))
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

    /// Items joined by `;`, quoted and neutralized as their joined text would be.
    public mutating func list(_ items: [String]) {
        guard items.count > 1 else { return items.isEmpty ? empty() : text(items[0]) }
        text(items.joined(separator: ";"))
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
