import Hummingbird
import Reports

/// JSON responses of the API, written with the Reports JSON writer (the bytes the command
/// line prints).
enum JSONResponse {
    /// `text` (a JSON document) with `status`.
    static func make(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        make(ByteBuffer(string: text), status: status, headers: headers)
    }

    /// A JSON document's UTF-8 `bytes` with `status`.
    static func make(bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        make(ByteBuffer(bytes: bytes), status: status, headers: headers)
    }

    private static func make(_ body: ByteBuffer, status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }

    /// `{"error": {"field": ..., "value": ..., "reason": ...}}` (field and value null when
    /// the refusal names none).
    static func error(_ e: FrontDeskError) -> Response {
        var j = JSONText()
        j.open(nil)
        j.open("error")
        if let field = e.field { j.string("field", field) } else { j.null("field") }
        if let value = e.value { j.string("value", value) } else { j.null("value") }
        j.string("reason", e.reason)
        j.close()
        j.close()
        return make(j.text, status: e.status, headers: e.headers)
    }
}
