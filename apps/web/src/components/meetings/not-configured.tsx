import { ErrorState } from '@platform/ui';

/** LiveKit is not set up on this server: say what an operator must set (names, never values). */
export function MeetingsNotConfigured({ message }: { message: string | null }) {
  return (
    <ErrorState
      title="Meetings are not available on this server"
      message={
        message ?? 'Set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to enable meetings.'
      }
      className="mb-4"
    />
  );
}
