import { isAppError } from '@platform/errors';
import { livekitSettings, MAX_INVITE_TTL_MINUTES, requireLivekitConfig } from '@platform/meetings';
import type { MeetingsOptions } from '@platform/meetings';

export interface MeetingSettings {
  configured: boolean;
  /** Required LIVEKIT_* variables that are unset or empty. */
  missing: string[];
  /** LIVEKIT_* variables that are set but not valid. */
  invalid: string[];
  /** Where browsers connect, when configured. */
  serverUrl: string | null;
  /** What to tell the admin when meetings cannot work (names the variables to set); else null. */
  message: string | null;
  /** The longest guest invite the API accepts, for the invite form. */
  maxGuestInviteMinutes: number;
}

/**
 * What the dashboard shows about meetings: whether LiveKit is configured and, if not, what to set.
 * Built field by field so no key or secret can ever be passed through by accident.
 */
export function meetingSettings(options: MeetingsOptions): MeetingSettings {
  const settings = options.livekit
    ? { configured: true, missing: [], invalid: [], url: options.livekit.url }
    : livekitSettings();
  return {
    configured: settings.configured,
    missing: [...settings.missing],
    invalid: [...settings.invalid],
    serverUrl: settings.configured ? (settings.url ?? null) : null,
    message: settings.configured ? null : notConfiguredMessage(),
    maxGuestInviteMinutes: MAX_INVITE_TTL_MINUTES,
  };
}

/** The domain's own wording (it names the variables and the local `livekit-server --dev` setup). */
function notConfiguredMessage(): string {
  try {
    requireLivekitConfig();
  } catch (error) {
    if (isAppError(error)) return error.message;
  }
  return 'Meetings are not configured: set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.';
}
