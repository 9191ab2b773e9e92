import { recordCostEvent } from '@platform/costs';
import type { Tx } from '@platform/db';

export interface ParticipantMinutes {
  tenantId: string;
  /** The meeting session the minutes belong to. */
  sessionId: string | null;
  participantMinutes: number;
  /** When the participant left: the usage's date, which picks the price in force. */
  at: Date;
  /** The price-table model: LiveKit Cloud's per-minute price, or 'self-hosted' (free). */
  priceModel: 'cloud' | 'self-hosted';
  identity: string;
  meetingId: string;
}

/**
 * The one place meeting usage becomes a cost event: @platform/costs prices it (by the date the
 * participant left), writes `cost_events` and adds it to the meeting session's total, all in the
 * caller's transaction.
 */
export async function recordParticipantMinutes(tx: Tx, usage: ParticipantMinutes): Promise<void> {
  await recordCostEvent(tx, {
    tenantId: usage.tenantId,
    sessionId: usage.sessionId,
    service: 'livekit',
    provider: 'livekit',
    model: usage.priceModel,
    // Thousandths of a minute: the precision the price table multiplies by.
    units: { participantMinutes: Math.round(usage.participantMinutes * 1000) / 1000 },
    at: usage.at,
    metadata: { operation: 'participant-minutes', identity: usage.identity, meetingId: usage.meetingId },
  });
}
