import { AppError } from '@platform/errors';
import { RoomServiceClient, TwirpError } from 'livekit-server-sdk';
import type { LivekitConfig } from '../env';

/** Seconds a created room waits for its first participant before LiveKit closes it. */
export const ROOM_EMPTY_TIMEOUT_SECONDS = 15 * 60;
/** Seconds a room stays open after the last participant leaves: room for a page reload. */
export const ROOM_DEPARTURE_TIMEOUT_SECONDS = 2 * 60;
/** Per-room cap: participant minutes are billed to the tenant, so a leaked link cannot fill a hall. */
export const ROOM_MAX_PARTICIPANTS = 50;
/** Seconds before a room service call is abandoned; callers hold no transaction meanwhile. */
const REQUEST_TIMEOUT_SECONDS = 10;

export interface LiveRoom {
  sid: string;
  name: string;
  numParticipants: number;
}

export interface LiveParticipant {
  identity: string;
  name: string;
  joinedAt: Date | null;
}

/**
 * The room service calls meetings make, over the SDK's RoomServiceClient. Failures become
 * AppError('UNAVAILABLE'); the SDK's own error (status, Twirp code) is kept as the cause.
 */
export class LivekitRooms {
  readonly #client: RoomServiceClient;

  constructor(config: LivekitConfig) {
    this.#client = new RoomServiceClient(config.apiUrl, config.apiKey, config.apiSecret, {
      requestTimeout: REQUEST_TIMEOUT_SECONDS,
    });
  }

  async createRoom(name: string): Promise<LiveRoom> {
    try {
      const room = await this.#client.createRoom({
        name,
        emptyTimeout: ROOM_EMPTY_TIMEOUT_SECONDS,
        departureTimeout: ROOM_DEPARTURE_TIMEOUT_SECONDS,
        maxParticipants: ROOM_MAX_PARTICIPANTS,
      });
      if (!room.sid) throw new Error('The room service returned a room without a sid.');
      return { sid: room.sid, name: room.name, numParticipants: room.numParticipants };
    } catch (cause) {
      throw unavailable('create the meeting room', cause);
    }
  }

  /** Deletes the room; a room that is already gone counts as deleted. */
  async deleteRoom(name: string): Promise<void> {
    try {
      await this.#client.deleteRoom(name);
    } catch (cause) {
      if (isNotFound(cause)) return;
      throw unavailable('close the meeting room', cause);
    }
  }

  async listRooms(names: string[]): Promise<LiveRoom[]> {
    if (names.length === 0) return []; // an empty filter would list every room of the project
    try {
      const rooms = await this.#client.listRooms(names);
      return rooms.map((r) => ({ sid: r.sid, name: r.name, numParticipants: r.numParticipants }));
    } catch (cause) {
      throw unavailable('list meeting rooms', cause);
    }
  }

  async listParticipants(roomName: string): Promise<LiveParticipant[]> {
    try {
      const participants = await this.#client.listParticipants(roomName);
      return participants.map((p) => ({
        identity: p.identity,
        name: p.name,
        joinedAt: joinedAt(p.joinedAtMs, p.joinedAt),
      }));
    } catch (cause) {
      if (isNotFound(cause)) return []; // the room closed: nobody is in it
      throw unavailable('list the participants', cause);
    }
  }
}

/** A participant's join time from the protocol's milliseconds, else its seconds; null when unset. */
export function joinedAt(ms: bigint, seconds: bigint): Date | null {
  if (ms > 0n) return new Date(Number(ms));
  if (seconds > 0n) return new Date(Number(seconds) * 1000);
  return null;
}

function isNotFound(error: unknown): boolean {
  return error instanceof TwirpError && (error.status === 404 || error.code === 'not_found');
}

function unavailable(what: string, cause: unknown): AppError {
  return new AppError('UNAVAILABLE', `The meeting server could not ${what}. Try again shortly.`, {
    cause,
  });
}
