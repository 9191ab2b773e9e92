import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { FrameReader, ReadyForQueryScanner, SYNC_MESSAGE, fatalError } from './protocol';
import type { ForwardedFrame, TransactionStatus } from './protocol';

export interface EmbeddedServerOptions {
  host?: string;
  port: number;
  maxConnections?: number;
  /** A client idle inside a transaction this long is disconnected (its work rolled back). */
  idleInTransactionTimeoutMs?: number;
  /** The user PGlite was opened as, for the URL (clients' startup packets cannot change it). */
  user?: string;
  log?: (message: string) => void;
}

interface Client {
  id: number;
  socket: Socket;
  reader: FrameReader;
  scanner: ReadyForQueryScanner;
  pending: ForwardedFrame[];
  status: TransactionStatus;
  closed: boolean;
}

/**
 * Serves one PGlite over TCP to many clients. PGlite is a single Postgres session, so a client
 * gets it exclusively from its first message until Postgres reports ReadyForQuery with status
 * idle ('I'): a transaction, or an extended-protocol batch, never interleaves with another
 * client's messages. (The upstream pglite-socket multiplexer interleaves and returns wrong or
 * empty results under mixed load.) Session-level SET still reaches every client: never use it.
 */
export class EmbeddedServer {
  readonly #pg: PGlite;
  readonly #options: Required<Omit<EmbeddedServerOptions, 'log'>> & { log: (m: string) => void };
  readonly #clients = new Set<Client>();
  readonly #waiting: Client[] = [];
  #server: Server | undefined;
  #owner: Client | undefined;
  #pumping = false;
  #nextId = 1;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(pg: PGlite, options: EmbeddedServerOptions) {
    this.#pg = pg;
    this.#options = {
      host: options.host ?? '127.0.0.1',
      port: options.port,
      maxConnections: options.maxConnections ?? 64,
      idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs ?? 60_000,
      user: options.user ?? 'postgres',
      log: options.log ?? (() => {}),
    };
  }

  get port(): number {
    const address = this.#server?.address();
    return address && typeof address === 'object' ? address.port : this.#options.port;
  }

  get url(): string {
    return `postgres://${this.#options.user}@${this.#options.host}:${this.port}/postgres`;
  }

  get connectionCount(): number {
    return this.#clients.size;
  }

  listen(): Promise<void> {
    const server = createServer((socket) => this.#accept(socket));
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#options.port, this.#options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    for (const client of this.#clients) client.socket.destroy();
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    );
    // Let a client that was mid-transaction be rolled back before the caller closes PGlite.
    while (this.#pumping || this.#owner) await new Promise((r) => setTimeout(r, 5));
  }

  #accept(socket: Socket): void {
    socket.setNoDelay(true);
    // Over the limit, answer like Postgres does: read the startup packet, then a FATAL error.
    const refused = this.#clients.size >= this.#options.maxConnections;
    const client: Client = {
      id: this.#nextId++,
      socket,
      reader: new FrameReader(),
      scanner: new ReadyForQueryScanner(),
      pending: [],
      status: 'I',
      closed: false,
    };
    if (refused) {
      socket.on('data', (chunk) => this.#refuse(client, chunk));
      socket.on('error', () => socket.destroy());
      return;
    }
    this.#clients.add(client);
    socket.on('data', (chunk) => this.#receive(client, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => void this.#disconnect(client));
  }

  #refuse(client: Client, chunk: Buffer): void {
    for (const frame of client.reader.push(chunk)) {
      if (frame.kind === 'ssl-request' || frame.kind === 'gssenc-request') {
        client.socket.write('N');
      } else {
        client.socket.end(
          fatalError(
            '53300',
            `too many connections to the embedded database (limit ${this.#options.maxConnections}); ` +
              'lower DB_POOL_MAX or raise EMBEDDED_DB_MAX_CONNECTIONS',
          ),
        );
        return;
      }
    }
  }

  #receive(client: Client, chunk: Buffer): void {
    for (const frame of client.reader.push(chunk)) {
      if (frame.kind === 'ssl-request' || frame.kind === 'gssenc-request') {
        client.socket.write('N'); // no encryption on loopback
      } else if (frame.kind === 'cancel') {
        client.socket.end(); // cancellation is not supported; the query runs to completion
      } else if (frame.kind === 'message' && frame.type === 'X') {
        client.socket.end(); // Terminate: never forward, it would end PGlite's only session
      } else {
        client.pending.push(frame);
      }
    }
    if (client.pending.length && client !== this.#owner && !this.#waiting.includes(client)) {
      this.#waiting.push(client);
    }
    void this.#pump();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        if (!this.#owner) {
          this.#owner = this.#waiting.shift();
          if (!this.#owner) break;
        }
        const client = this.#owner;
        const batch = takeBatch(client.pending);
        if (!batch) break; // the owner is mid-transaction and has sent nothing more yet
        const status = await this.#execute(client, batch);
        if (status) client.status = status;
        if (status === 'I') {
          this.#owner = undefined;
          if (client.pending.length && !client.closed) this.#waiting.push(client);
        }
      }
    } finally {
      this.#pumping = false;
      this.#armIdleTimer();
    }
  }

  /** Forwards one message to PGlite and streams its answer back; returns the last ReadyForQuery status. */
  async #execute(client: Client, bytes: Uint8Array): Promise<TransactionStatus | undefined> {
    let status: TransactionStatus | undefined;
    // Corked: the answer's pieces leave in one write (one syscall, one wake-up of the client)
    // when the batch is done, instead of one per protocol message while PGlite is held.
    client.socket.cork();
    try {
      await this.#pg.runExclusive(() =>
        this.#pg.execProtocolRawStream(bytes, {
          onRawData: (data) => {
            status = client.scanner.scan(data) ?? status;
            if (!client.closed && data.length) client.socket.write(Buffer.from(data));
          },
        }),
      );
    } finally {
      client.socket.uncork();
    }
    return status;
  }

  async #disconnect(client: Client): Promise<void> {
    if (client.closed) return;
    client.closed = true;
    client.pending.length = 0;
    this.#clients.delete(client);
    const index = this.#waiting.indexOf(client);
    if (index >= 0) this.#waiting.splice(index, 1);
    if (this.#owner !== client) return;
    // Gone while holding the session: finish its batch and roll back whatever it left open.
    while (this.#pumping) await new Promise((r) => setTimeout(r, 1));
    if (this.#owner !== client) return;
    this.#pumping = true;
    try {
      const status = await this.#execute(client, SYNC_MESSAGE);
      if (status !== 'I') await this.#pg.exec('ROLLBACK');
      this.#options.log(`client ${client.id} disconnected inside a transaction: rolled back`);
    } catch (error) {
      this.#options.log(`rollback after disconnect failed: ${String(error)}`);
    } finally {
      this.#owner = undefined;
      this.#pumping = false;
    }
    void this.#pump();
  }

  /** Disconnects an owner that sits idle inside a transaction, so one stuck client cannot stall all. */
  #armIdleTimer(): void {
    clearTimeout(this.#idleTimer);
    const owner = this.#owner;
    if (!owner) return;
    this.#idleTimer = setTimeout(() => {
      if (this.#owner !== owner || owner.pending.length) return;
      this.#options.log(
        `client ${owner.id} idle in transaction for ${this.#options.idleInTransactionTimeoutMs} ms: disconnecting`,
      );
      owner.socket.end(
        fatalError('25P03', 'terminating connection due to idle-in-transaction timeout'),
      );
      owner.socket.destroy();
    }, this.#options.idleInTransactionTimeoutMs);
    this.#idleTimer.unref();
  }
}

/**
 * All of the owner's queued messages as one buffer: one call into PGlite per chunk of pipelined
 * work instead of one per message (Parse, Bind, Describe, Execute, Sync, ...). The startup packet
 * goes alone, since PGlite answers it outside the normal message loop.
 */
function takeBatch(pending: ForwardedFrame[]): Uint8Array | undefined {
  if (pending.length === 0) return undefined;
  const startupAt = pending.findIndex((f) => f.kind === 'startup');
  const count = startupAt === 0 ? 1 : startupAt > 0 ? startupAt : pending.length;
  const frames = pending.splice(0, count);
  return frames.length === 1 ? frames[0]!.bytes : Buffer.concat(frames.map((f) => f.bytes));
}
