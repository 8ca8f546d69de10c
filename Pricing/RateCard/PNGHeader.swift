/// The start of a PNG file: the 8-byte signature and the IHDR chunk that must follow it
/// (PNG specification, sections 5.2 and 11.2.2). Enough to tell a logo that a PNG
/// reader will accept from a file that is not a PNG at all; the pixel data is not read.
public struct PNGHeader: Sendable, Equatable {
    /// Width and height in pixels, each from 1 to 2^31 - 1.
    public var width: Int
    public var height: Int

    /// How many bytes of the file ``init(bytes:)`` reads: signature 8, chunk length 4,
    /// chunk type 4, IHDR data 13.
    public static let prefixLength = 29

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Why the first bytes of a file are not a PNG, in words for a message.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case noSignature
        case noHeaderChunk
        case emptyImage(width: Int, height: Int)

        public var description: String {
            switch self {
            case .noSignature: return "it does not start with the PNG signature (is it a JPEG, GIF or SVG renamed?)"
            case .noHeaderChunk: return "it has the PNG signature but no IHDR header after it (the file is cut short or damaged)"
            case let .emptyImage(width, height): return "its header gives a \(width) x \(height) pixel image; both must be from 1 to 2147483647"
            }
        }
    }

    /// Reads the header from the first bytes of a file (at least ``prefixLength`` of them
    /// for a PNG; fewer means the file is not one).
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Result<PNGHeader, Problem> {
        let b = Array(bytes.prefix(prefixLength))
        guard b.count >= 8, Array(b[0..<8]) == signature else { return .failure(.noSignature) }
        guard b.count >= prefixLength, bigEndian(b, 8) == 13, Array(b[12..<16]) == Array("IHDR".utf8) else {
            return .failure(.noHeaderChunk)
        }
        let width = bigEndian(b, 16), height = bigEndian(b, 20)
        let range = 1...Int(Int32.max)
        guard range.contains(width), range.contains(height) else { return .failure(.emptyImage(width: width, height: height)) }
        return .success(PNGHeader(width: width, height: height))
    }

    /// The unsigned 32-bit big-endian number at `offset`.
    private static func bigEndian(_ b: [UInt8], _ offset: Int) -> Int {
        b[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }
}
