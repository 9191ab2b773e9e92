import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenVerifier } from 'livekit-server-sdk';
import type { ClaimGrants, VideoGrant } from 'livekit-server-sdk';
import type { LivekitConfig } from '../env';

/**
 * A stand-in for a LiveKit server's room service, for tests (no LiveKit server is installable
 * here). It listens on 127.0.0.1 and speaks the Twirp JSON routes the server SDK calls, and,
 * like the real server, verifies the bearer token's signature and the grants each call needs.
 */
export interface FakeLivekit {
  config: LivekitConfig;
  /** Rooms that exist now, by name. */
  rooms: Map<string, FakeRoom>;
  /** Every call that reached a route, with the grants its token carried (after verification). */
  calls: Array<{ method: string; status: number; grants?: VideoGrant }>;
  /** Makes the next call to `method` answer with this HTTP status (a Twirp error). */
  failNext(method: RoomMethod, status: number): void;
  addParticipant(roomName: string, identity: string, name?: string): void;
  close(): Promise<void>;
}

export interface FakeRoom {
  sid: string;
  name: string;
  emptyTimeout: number;
  departureTimeout: number;
  maxParticipants: number;
  creationTime: number;
  participants: Map<string, { sid: string; identity: string; name: string; joinedAt: number }>;
}

type RoomMethod = 'CreateRoom' | 'DeleteRoom' | 'ListRooms' | 'ListParticipants';
type Json = Record<string, unknown>;

const PREFIX = '/twirp/livekit.RoomService/';

/** What each route requires of the caller's token, as the LiveKit server checks it. */
const required: Record<RoomMethod, (grant: VideoGrant, body: Json) => boolean> = {
  CreateRoom: (g) => g.roomCreate === true,
  DeleteRoom: (g) => g.roomCreate === true,
  ListRooms: (g) => g.roomList === true,
  ListParticipants: (g, body) => g.roomAdmin === true && g.room === body.room,
};

export async function startFakeLivekit(
  credentials: { apiKey?: string; apiSecret?: string } = {},
): Promise<FakeLivekit> {
  const apiKey = credentials.apiKey ?? 'test-key';
  const apiSecret = credentials.apiSecret ?? randomBytes(32).toString('hex');
  const verifier = new TokenVerifier(apiKey, apiSecret);
  const rooms = new Map<string, FakeRoom>();
  const calls: FakeLivekit['calls'] = [];
  const failures = new Map<RoomMethod, number>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      twirpError(res, 500, 'internal', error instanceof Error ? error.message : 'internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = (req.url ?? '').startsWith(PREFIX)
      ? (req.url!.slice(PREFIX.length) as RoomMethod)
      : undefined;
    if (req.method !== 'POST' || !method || !(method in required)) {
      return twirpError(res, 404, 'bad_route', `no handler for ${req.method} ${req.url}`);
    }
    const body = JSON.parse((await readBody(req)) || '{}') as Json;
    const auth = req.headers.authorization ?? '';
    let claims: ClaimGrants;
    try {
      claims = await verifier.verify(auth.replace(/^Bearer /, ''));
    } catch {
      calls.push({ method, status: 401 });
      return twirpError(res, 401, 'unauthenticated', 'invalid token');
    }
    const grant = claims.video ?? {};
    const status = (code: number) => calls.push({ method, status: code, grants: grant });
    if (!required[method](grant, body)) {
      status(403);
      return twirpError(res, 403, 'permission_denied', 'permissions denied');
    }
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      status(failure);
      return twirpError(res, failure, failure === 404 ? 'not_found' : 'internal', 'injected failure');
    }
    status(200);
    switch (method) {
      case 'CreateRoom': {
        const name = str(body.name);
        // Like LiveKit: creating an existing room returns it.
        const room = rooms.get(name) ?? {
          sid: `RM_${randomBytes(6).toString('hex')}`,
          name,
          emptyTimeout: Number(body.emptyTimeout ?? 0),
          departureTimeout: Number(body.departureTimeout ?? 0),
          maxParticipants: Number(body.maxParticipants ?? 0),
          creationTime: Math.floor(Date.now() / 1000),
          participants: new Map(),
        };
        rooms.set(name, room);
        return json(res, roomJson(room));
      }
      case 'DeleteRoom': {
        if (!rooms.delete(str(body.room))) {
          calls.at(-1)!.status = 404;
          return twirpError(res, 404, 'not_found', 'requested room does not exist');
        }
        return json(res, {});
      }
      case 'ListRooms': {
        const names = Array.isArray(body.names) ? (body.names as string[]) : [];
        const list = [...rooms.values()].filter((r) => names.length === 0 || names.includes(r.name));
        return json(res, { rooms: list.map(roomJson) });
      }
      case 'ListParticipants': {
        const room = rooms.get(str(body.room));
        if (!room) {
          calls.at(-1)!.status = 404;
          return twirpError(res, 404, 'not_found', 'requested room does not exist');
        }
        return json(res, {
          participants: [...room.participants.values()].map((p) => ({
            sid: p.sid,
            identity: p.identity,
            name: p.name,
            state: 'ACTIVE',
            joinedAt: String(Math.floor(p.joinedAt / 1000)),
            joinedAtMs: String(p.joinedAt),
          })),
        });
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    config: {
      url: `ws://127.0.0.1:${port}`,
      apiUrl: `http://127.0.0.1:${port}`,
      apiKey,
      apiSecret,
      tokenTtlMinutes: 10,
      priceModel: 'cloud',
    },
    rooms,
    calls,
    failNext: (method, status) => failures.set(method, status),
    addParticipant(roomName, identity, name = identity) {
      const room = rooms.get(roomName);
      if (!room) throw new Error(`no room ${roomName}`);
      room.participants.set(identity, {
        sid: `PA_${randomBytes(6).toString('hex')}`,
        identity,
        name,
        joinedAt: Date.now(),
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function roomJson(room: FakeRoom): Json {
  return {
    sid: room.sid,
    name: room.name,
    emptyTimeout: room.emptyTimeout,
    departureTimeout: room.departureTimeout,
    maxParticipants: room.maxParticipants,
    creationTime: String(room.creationTime),
    numParticipants: room.participants.size,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, body: Json) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Twirp's error shape; the SDK reads `code` and `msg` when the content type is exactly JSON. */
function twirpError(res: ServerResponse, status: number, code: string, msg: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, msg }));
}
