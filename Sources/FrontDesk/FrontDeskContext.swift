import Hummingbird

/// The request context of the front desk's router (Hummingbird's core storage only: who
/// the caller is travels in ``RouteInput``, resolved by ``RouteTable``).
public struct FrontDeskContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The address the request came from (empty when unknown): failed sign-ins are counted by it too.
    public let peer: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress ?? ""
    }
}
