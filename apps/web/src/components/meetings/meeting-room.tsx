'use client';

import '@livekit/components-styles';
import { LiveKitRoom, VideoConference } from '@livekit/components-react';

/**
 * The LiveKit room in the browser (camera, microphone, screen share, chat), connected with a
 * short-lived token the API minted for this user and this meeting only. Loaded on demand, so
 * the dashboard does not carry the media stack until someone joins.
 */
export default function MeetingRoom({
  serverUrl,
  token,
  onLeave,
}: {
  serverUrl: string;
  token: string;
  onLeave: () => void;
}) {
  return (
    <div data-lk-theme="default" className="h-[70vh] min-h-96 overflow-hidden rounded-lg border">
      <LiveKitRoom
        serverUrl={serverUrl}
        token={token}
        connect
        video={false}
        audio
        onDisconnected={onLeave}
      >
        <VideoConference />
      </LiveKitRoom>
    </div>
  );
}
