// SIP over TCP (RFC 3261 §18, issue 14): the endpoint's stream transport beside its UDP socket. One
// connection per peer (a trunk's host:port) is opened on demand and reused; writes made while it
// connects wait in the socket. Bytes read are cut into messages by stream-framer.ts; a framing
// error (oversize, no Content-Length) closes that connection with a logged error. The SIP port
// also listens on TCP, and a message read on any connection is handed over with a reply that
// writes on that same connection (responses go back the way their request came). When a
// connection closes, its owner hears which one, so transactions sent on it fail at once; the next
// send to that peer connects again.
import { connect, createServer, type Server, type Socket } from 'node:net'
import { SipStreamFramer } from './stream-framer.ts'

/** A peer's address (the endpoint's SipPeer, without importing it: no cycle). */
interface StreamPeer {
  host: string
  port: number
}

interface StreamLog {
  warn(message: string, fields?: Record<string, unknown>): void
}

/** How long an outbound connection may take to be established, in milliseconds. */
const SIP_TCP_CONNECT_TIMEOUT_MS = 10_000
/** Most connections the SIP port holds accepted at once; one over it is closed at once. */
const SIP_TCP_ACCEPTED_CONNECTIONS_MAX = 256

interface StreamReceiver {
  /** One message read on connection `key` from `from`; `reply` writes on that connection. */
  onMessage(text: string, from: StreamPeer, reply: (text: string) => void): void
  /** Connection `key` closed (by either side, or it never connected). */
  onClosed(key: string): void
}

/** The key of the outbound connection to a peer (transactions sent on it are tagged with it). */
export function streamKey(peer: StreamPeer): string {
  return `tcp:${peer.host}:${peer.port}`
}

export class SipTcpTransport {
  private readonly outbound = new Map<string, Socket>()
  private readonly sockets = new Set<Socket>()

  private constructor(
    private readonly server: Server,
    private readonly receiver: StreamReceiver,
    private readonly log: StreamLog,
  ) {
    server.on('connection', (socket) =>
      this.adopt(socket, `tcp-in:${socket.remoteAddress}:${socket.remotePort}`),
    )
    server.on('error', (error) => log.warn('SIP TCP listener error', { error: error.message }))
  }

  /** Listens for SIP over TCP on `host:port`. */
  static async listen(
    host: string,
    port: number,
    receiver: StreamReceiver,
    log: StreamLog,
  ): Promise<SipTcpTransport> {
    const server = createServer()
    server.maxConnections = SIP_TCP_ACCEPTED_CONNECTIONS_MAX
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
    return new SipTcpTransport(server, receiver, log)
  }

  /** Writes `text` on the connection to `to`, opening it first when there is none. */
  send(text: string, to: StreamPeer): void {
    const key = streamKey(to)
    let socket = this.outbound.get(key)
    if (!socket) {
      socket = connect({ host: to.host, port: to.port })
      socket.setTimeout(SIP_TCP_CONNECT_TIMEOUT_MS, () => {
        this.log.warn('SIP TCP connect timed out', { to: key })
        socket?.destroy()
      })
      socket.once('connect', () => socket?.setTimeout(0))
      this.outbound.set(key, socket)
      this.adopt(socket, key)
    }
    socket.write(text)
  }

  private adopt(socket: Socket, key: string): void {
    this.sockets.add(socket)
    const framer = new SipStreamFramer()
    const reply = (text: string) => {
      if (!socket.destroyed) socket.write(text)
    }
    socket.on('data', (chunk: Buffer) => {
      let messages: string[]
      try {
        messages = framer.push(chunk)
      } catch (error) {
        this.log.warn('SIP TCP connection closed on a framing error', {
          connection: key,
          error: error instanceof Error ? error.message : String(error),
        })
        socket.destroy()
        return
      }
      const from = { host: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 }
      for (const text of messages) {
        if (socket.destroyed) return
        this.receiver.onMessage(text, from, reply)
      }
    })
    socket.on('error', (error) =>
      this.log.warn('SIP TCP connection error', { connection: key, error: error.message }),
    )
    socket.on('close', () => {
      this.sockets.delete(socket)
      if (this.outbound.get(key) === socket) this.outbound.delete(key)
      this.receiver.onClosed(key)
    })
  }

  /** Connections open now (outbound and accepted). */
  get connections(): number {
    return this.sockets.size
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
