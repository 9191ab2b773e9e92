import { costEvents } from '@platform/db';
import type { Tx } from '@platform/db';

export interface ParticipantMinutes {
  tenantId: string;
  /** The meeting session the minutes belong to. */
  sessionId: string | null;
  participantMinutes: number;
  /** When the participant left: the usage's date, which picks the price in force. */
  at: Date;
  /** Which LiveKit price applies: LiveKit Cloud's, or none for an own server. */
  priceModel: 'cloud' | 'self-hosted';
  identity: string;
  meetingId: string;
}

/** LiveKit Cloud's connection price per participant-minute (USD), in micro-dollars. */
const CLOUD_MICRO_USD_PER_MINUTE = 500;

/**
 * The one place meeting usage becomes a cost event. INTERIM: @platform/costs (being written in
 * parallel) owns pricing and `recordCostEvent`; until its entry point lands this writes the row
 * itself with the same shape (service 'livekit', units.participantMinutes). Swapping in
 * `recordCostEvent(tx, { tenantId, sessionId, service: 'livekit', provider: 'livekit',
 * model: priceModel, units: { participantMinutes }, at, metadata })` is the whole migration.
 */
export async function recordParticipantMinutes(tx: Tx, usage: ParticipantMinutes): Promise<void> {
  const minutes = Math.round(usage.participantMinutes * 1000) / 1000;
  const microUsd =
    usage.priceModel === 'cloud' ? Math.round(minutes * CLOUD_MICRO_USD_PER_MINUTE) : 0;
  await tx.insert(costEvents).values({
    tenantId: usage.tenantId,
    sessionId: usage.sessionId,
    service: 'livekit',
    provider: 'livekit',
    costUsd: (microUsd / 1_000_000).toFixed(6),
    metadata: {
      model: usage.priceModel,
      operation: 'participant-minutes',
      units: { participantMinutes: minutes },
      identity: usage.identity,
      meetingId: usage.meetingId,
    },
    timestamp: usage.at,
  });
}
