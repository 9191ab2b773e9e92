/**
 * A meeting's LiveKit room name. It derives from database ids only, never from anything a client
 * sends, so a token minted for it can only ever open that meeting's room. Webhooks are resolved by
 * looking this name up in `meetings.room_name`, never by parsing it.
 */
export function roomNameFor(tenantId: string, meetingId: string): string {
  return `tenant-${tenantId}-meeting-${meetingId}`;
}
