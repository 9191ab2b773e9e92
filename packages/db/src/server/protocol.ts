/**
 * Just enough of the Postgres v3 wire protocol to frame messages and read transaction state.
 * PGlite itself speaks the protocol; the server only routes bytes between clients and it.
 */
export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;
export const PROTOCOL_V3 = 196608;

export type TransactionStatus = 'I' | 'T' | 'E';

/** A complete frontend message, or the startup-phase packets that have no type byte. */
export type Frame =
  { kind: 'ssl-request' } | { kind: 'gssenc-request' } | { kind: 'cancel' } | ForwardedFrame;

/** Frames that go to Postgres: the startup packet and typed messages. */
export type ForwardedFrame =
  { kind: 'startup'; bytes: Uint8Array } | { kind: 'message'; type: string; bytes: Uint8Array };

/** Splits a client's byte stream into frames; keeps the incomplete tail for the next chunk. */
export class FrameReader {
  #buffer: Buffer = Buffer.alloc(0);
  #started = false;

  push(chunk: Buffer): Frame[] {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.#next();
      if (!frame) return frames;
      frames.push(frame);
    }
  }

  #next(): Frame | undefined {
    const buf = this.#buffer;
    if (!this.#started) {
      if (buf.length < 8) return undefined;
      const length = buf.readInt32BE(0);
      if (buf.length < length) return undefined;
      const code = buf.readInt32BE(4);
      const bytes = new Uint8Array(buf.subarray(0, length));
      this.#buffer = buf.subarray(length);
      if (code === SSL_REQUEST_CODE) return { kind: 'ssl-request' };
      if (code === GSSENC_REQUEST_CODE) return { kind: 'gssenc-request' };
      if (code === CANCEL_REQUEST_CODE) return { kind: 'cancel' };
      this.#started = true;
      return { kind: 'startup', bytes };
    }
    if (buf.length < 5) return undefined;
    const length = buf.readInt32BE(1) + 1;
    if (buf.length < length) return undefined;
    const bytes = new Uint8Array(buf.subarray(0, length));
    this.#buffer = buf.subarray(length);
    return { kind: 'message', type: String.fromCharCode(bytes[0]!), bytes };
  }
}

/**
 * Scans backend output for ReadyForQuery ('Z') messages and returns the last status seen.
 * `carry` holds a message split across two output chunks.
 */
export class ReadyForQueryScanner {
  #carry: Buffer = Buffer.alloc(0);

  scan(chunk: Uint8Array): TransactionStatus | undefined {
    let buf: Buffer = this.#carry.length ? Buffer.concat([this.#carry, chunk]) : Buffer.from(chunk);
    let status: TransactionStatus | undefined;
    let offset = 0;
    while (buf.length - offset >= 5) {
      const length = buf.readInt32BE(offset + 1) + 1;
      if (buf.length - offset < length) break;
      if (buf[offset] === 0x5a /* Z */ && length === 6) {
        status = String.fromCharCode(buf[offset + 5]!) as TransactionStatus;
      }
      offset += length;
    }
    buf = buf.subarray(offset);
    this.#carry = Buffer.from(buf);
    return status;
  }

  reset(): void {
    this.#carry = Buffer.alloc(0);
  }
}

/** A FATAL ErrorResponse, for refusing a connection in plain words. */
export function fatalError(code: string, message: string): Buffer {
  const fields = Buffer.concat([
    field('S', 'FATAL'),
    field('V', 'FATAL'),
    field('C', code),
    field('M', message),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

function field(type: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(value, 'utf8'), Buffer.from([0])]);
}

/** Sync ('S'): ends an extended-protocol batch, so PGlite answers with ReadyForQuery. */
export const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);
