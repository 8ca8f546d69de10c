import Foundation
import NIOSSL

/// The certificate chain and private key `serve --tls-cert FILE --tls-key FILE` answers
/// HTTPS with, both PEM files. Read once, when the application is made: a file that is
/// missing, unreadable or not PEM is refused before the server listens.
public struct TLSFiles: Sendable, Equatable {
    /// The certificate chain (PEM): the server's certificate first, then any intermediates.
    public var certificatePath: String
    /// The private key of the first certificate (PEM, unencrypted).
    public var keyPath: String

    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath; self.keyPath = keyPath
    }

    /// Checks that the files can be served with, as ``FrontDesk/application(settings:store:clock:bcrypt:onListening:)``
    /// will: the command calls it before it opens or creates a ledger.
    ///
    /// - Throws: ``TLSFilesError`` naming the flag, the file and what to do.
    public func check() throws(TLSFilesError) { _ = try configuration() }

    /// The server's TLS configuration from the two files (TLS 1.2 or later).
    ///
    /// - Throws: ``TLSFilesError`` naming the flag, the file and what to do.
    func configuration() throws(TLSFilesError) -> TLSConfiguration {
        let certificateBytes = try Self.read(certificatePath, flag: "--tls-cert")
        let keyBytes = try Self.read(keyPath, flag: "--tls-key")
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMBytes(certificateBytes) } catch { chain = [] }
        guard !chain.isEmpty else {
            throw TLSFilesError(.notPEM, flag: "--tls-cert", file: certificatePath,
                                "holds no PEM certificate (-----BEGIN CERTIFICATE-----); give the server's certificate chain in PEM")
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(bytes: keyBytes, format: .pem) } catch {
            throw TLSFilesError(.notPEM, flag: "--tls-key", file: keyPath,
                                "holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----); give the certificate's key in PEM, without a passphrase")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do { _ = try NIOSSLContext(configuration: configuration) } catch {
            throw TLSFilesError(.keyMismatch, flag: "--tls-key", file: keyPath,
                                "cannot serve with the certificate in \(certificatePath) (\(error)); give the key the certificate was made for")
        }
        return configuration
    }

    /// The bytes of `path`, or why they cannot be had.
    private static func read(_ path: String, flag: String) throws(TLSFilesError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TLSFilesError(.unreadable, flag: flag, file: path, "does not exist; give the path of a PEM file")
        }
        guard !isDirectory.boolValue else {
            throw TLSFilesError(.unreadable, flag: flag, file: path, "is a directory; give the path of a PEM file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TLSFilesError(.unreadable, flag: flag, file: path, "cannot be read; check its permissions for the user running the server")
        }
        return [UInt8](data)
    }
}

/// A certificate or key file `serve` cannot use: the flag that named it, the file, and why.
public struct TLSFilesError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Missing, a directory, or not readable by the server's user.
        case unreadable
        /// No certificate, or no unencrypted private key, in PEM.
        case notPEM
        /// The key does not go with the certificate (or the pair is otherwise refused by TLS).
        case keyMismatch
    }

    public let code: Code
    /// `--tls-cert` or `--tls-key`.
    public let flag: String
    public let file: String
    /// What is wrong and what to do.
    public let cause: String

    init(_ code: Code, flag: String, file: String, _ cause: String) {
        self.code = code; self.flag = flag; self.file = file; self.cause = cause
    }

    public var description: String { "\(flag) \(file): the file \(cause)" }
}
