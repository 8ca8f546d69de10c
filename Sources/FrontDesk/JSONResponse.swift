import Hummingbird
import Reports

/// JSON responses of the API, written with the Reports JSON writer (the bytes the command
/// line prints).
enum JSONResponse {
    /// `text` (a JSON document) with `status`.
    static func make(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
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
        return make(j.text, status: e.status)
    }
}
