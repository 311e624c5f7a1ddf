import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How long a connection may take and how many of them the server holds, so that no visitor can hold it open:
/// a connection that does not send a whole request in time is closed, and one past a cap is answered 503 and
/// closed at once (before the process could run out of file descriptors).
public struct ServerLimits: Sendable {
    /// A new connection's first request, and every request's body, must have arrived within this time.
    public var headerTimeout: TimeAmount
    /// A connection idle between requests (keep-alive) is closed after this time; the next request's head must
    /// have arrived by then.
    public var idleTimeout: TimeAmount
    /// Connections open at once, from all visitors.
    public var maximumConnections: Int
    /// Connections open at once from one client address (behind a proxy, the proxy is one address).
    public var maximumConnectionsPerAddress: Int
    /// File descriptors kept free for the register, its journal and the logs: the cap on connections is lowered
    /// to the process's descriptor limit less these.
    public var reservedDescriptors: Int

    /// The limits `decreg serve` keeps unless told otherwise.
    public init(
        headerTimeout: TimeAmount = .seconds(5), idleTimeout: TimeAmount = .seconds(15), maximumConnections: Int = 1024,
        maximumConnectionsPerAddress: Int = 128, reservedDescriptors: Int = 64
    ) {
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerAddress = maximumConnectionsPerAddress
        self.reservedDescriptors = reservedDescriptors
    }

    /// The cap on connections this process can keep: `maximumConnections`, or fewer when the descriptor limit
    /// (`ulimit -n`) leaves less than that beside `reservedDescriptors`.
    var effectiveMaximumConnections: Int {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return maximumConnections }
        let descriptors = limit.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limit.rlim_cur)
        return max(1, min(maximumConnections, descriptors - reservedDescriptors))
    }
}

/// The connections open now, in all and per client address, shared by every connection of one server.
final class ConnectionCounts: Sendable {
    let maximum: Int
    let maximumPerAddress: Int
    let log: ServerLog
    private let state = Mutex<State>(State())

    private struct State {
        var total = 0
        var perAddress: [String: Int] = [:]
        var refusedSinceLog = 0
        var lastLog: ContinuousClock.Instant?
        /// The most connections open at once since memory was last handed back to the system.
        var peak = 0
    }

    init(limits: ServerLimits, log: ServerLog) {
        self.maximum = limits.effectiveMaximumConnections
        self.maximumPerAddress = limits.maximumConnectionsPerAddress
        self.log = log
    }

    /// Counts a new connection in, or says why it is refused.
    func open(_ address: String) -> String? {
        let (refusal, line) = state.withLock { state -> (String?, String?) in
            let refusal: String?
            if state.total >= maximum {
                refusal = "\(maximum) connections are open, the most this server holds"
            } else if state.perAddress[address, default: 0] >= maximumPerAddress {
                refusal = "\(maximumPerAddress) connections are open from \(address), the most one address may hold"
            } else {
                state.total += 1
                state.perAddress[address, default: 0] += 1
                state.peak = max(state.peak, state.total)
                return (nil, nil)
            }
            // One line per burst of refusals, not one per connection: a flood must not flood the log too.
            state.refusedSinceLog += 1
            let now = ContinuousClock.now
            if let last = state.lastLog, now - last < .seconds(10) { return (refusal, nil) }
            state.lastLog = now
            defer { state.refusedSinceLog = 0 }
            return (refusal, "decreg: refused \(state.refusedSinceLog) connection(s) with 503: \(refusal!)")
        }
        if let line { log.write(line) }
        return refusal
    }

    func close(_ address: String) {
        let trim = state.withLock { state -> Bool in
            state.total -= 1
            if let count = state.perAddress[address], count > 1 {
                state.perAddress[address] = count - 1
            } else {
                state.perAddress[address] = nil
            }
            // After a flood (hundreds of connections, now nearly all gone), hand the freed memory back.
            guard state.peak >= 256, state.total <= state.peak / 8 else { return false }
            state.peak = state.total
            return true
        }
        if trim, let trimMemory = Self.mallocTrim {
            DispatchQueue.global(qos: .utility).async { _ = trimMemory(0) }
        }
    }

    /// glibc's `malloc_trim`, which returns the freed parts of the heap to the system (glibc keeps them
    /// otherwise); looked up at run time, as Swift's Glibc module leaves out `malloc.h`.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()
}

/// First in every connection's pipeline: counts the connection in, or answers 503 and closes it when it is one
/// too many. Refused connections never reach the HTTP parser.
final class ConnectionGate: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let counts: ConnectionCounts
    private var address: String?
    private var refused = false

    init(counts: ConnectionCounts) {
        self.counts = counts
    }

    func channelActive(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        if let refusal = counts.open(address) {
            refused = true
            let body = "503 Service Unavailable: \(refusal); try again shortly.\n"
            let head =
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: \(body.utf8.count)\r\nRetry-After: 5\r\nConnection: close\r\n\r\n"
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: head + body)), promise: nil)
            context.close(promise: nil)
        } else {
            self.address = address
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let address {
            counts.close(address)
            self.address = nil
        }
        context.fireChannelInactive()
    }
}

/// After the HTTP parser: closes a connection whose request does not arrive in time — the head of its first
/// request within `headerTimeout` of connecting, the next request within `idleTimeout` of the last response, and a
/// request's body within `headerTimeout` of its head (on a connection kept alive, within `idleTimeout` at worst) — and closes the connection after a response that
/// says `Connection: close` (the answer to a CONNECT, which HTTP/1.1 cannot frame otherwise).
final class RequestDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let headerTimeout: TimeAmount
    let idleTimeout: TimeAmount
    /// When the connection is closed unless something arrives first; nil while a request is being answered.
    private var deadline: NIODeadline?
    /// The one timer of the connection. It is not moved for every request (that costs a timer syscall each):
    /// when it fires before the deadline, it is set again for the deadline.
    private var timer: Scheduled<Void>?
    private var isActive = false
    private var requestsInProgress = 0
    private var isReadingRequest = false
    private var closesAfterResponse = false

    init(limits: ServerLimits) {
        self.headerTimeout = limits.headerTimeout
        self.idleTimeout = limits.idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            isActive = true
            closeUnlessRead(within: headerTimeout, context)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        if !isActive {
            isActive = true
            closeUnlessRead(within: headerTimeout, context)
        }
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            requestsInProgress += 1
            isReadingRequest = true
            closeUnlessRead(within: headerTimeout, context)
        case .body:
            break
        case .end:
            isReadingRequest = false
            // Answering takes as long as the register's read, which has a limit of its own.
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.connection]?.lowercased() == "close" { closesAfterResponse = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            requestsInProgress -= 1
            if closesAfterResponse {
                context.writeAndFlush(data, promise: promise)
                context.close(promise: nil)
                return
            }
            context.write(data, promise: promise)
            if requestsInProgress == 0 && !isReadingRequest { closeUnlessRead(within: idleTimeout, context) }
        }
    }

    private func closeUnlessRead(within time: TimeAmount, _ context: ChannelHandlerContext) {
        let deadline = NIODeadline.now() + time
        self.deadline = deadline
        if timer == nil { setTimer(deadline, context) }
    }

    private func setTimer(_ at: NIODeadline, _ context: ChannelHandlerContext) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: at) {
            let (handler, context) = bound.value
            handler.timer = nil
            guard let deadline = handler.deadline else { return }
            if deadline <= .now() {
                context.close(promise: nil)
            } else {
                handler.setTimer(deadline, context)
            }
        }
    }

    private func cancelDeadline() {
        deadline = nil
        timer?.cancel()
        timer = nil
    }
}

/// HTTP/1.1 as Hummingbird serves it, with `ConnectionGate` first in each connection's pipeline and
/// `RequestDeadlines` after the HTTP parser.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http1: HTTP1Channel
    let counts: ConnectionCounts

    init(responder: @escaping HTTPChannelHandler.Responder, limits: ServerLimits, counts: ConnectionCounts) {
        self.http1 = HTTP1Channel(
            responder: responder, configuration: .init(additionalChannelHandlers: [RequestDeadlines(limits: limits)]))
        self.counts = counts
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionGate(counts: counts), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return http1.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 within `limits`.
    static func guardedHTTP1(limits: ServerLimits, counts: ConnectionCounts) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in GuardedHTTP1Channel(responder: responder, limits: limits, counts: counts) }
    }
}
