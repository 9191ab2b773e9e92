import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const schema = z.object({
  /** Guest invite redemptions (public): allowed per window per client IP and per invite link. */
  MEETING_INVITE_RATE_WINDOW_SECONDS: positiveInt(60),
  MEETING_INVITE_RATE_LIMIT_IP: positiveInt(30),
  MEETING_INVITE_RATE_LIMIT_INVITE: positiveInt(10),
});

export type MeetingsApiEnv = z.infer<typeof schema>;

export function readMeetingsApiEnv(
  source: Record<string, string | undefined> = process.env,
): MeetingsApiEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid meetings API settings: ${fields}`);
  }
  return parsed.data;
}

let cached: MeetingsApiEnv | undefined;
/** The process's settings, read once. */
export const meetingsApiEnv = (): MeetingsApiEnv => (cached ??= readMeetingsApiEnv());
