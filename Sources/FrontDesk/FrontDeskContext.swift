import Hummingbird

/// The request context of the front desk's router (Hummingbird's core storage only: who
/// the caller is travels in ``RouteInput``, resolved by ``RouteTable``).
public struct FrontDeskContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}
