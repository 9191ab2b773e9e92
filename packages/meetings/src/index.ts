export { livekitSettings, requireLivekitConfig } from './env';
export type { LivekitConfig, LivekitSettings } from './env';
export type { MeetingsOptions } from './options';

export { createMeeting } from './meetings/create';
export type { CreateMeetingInput, MeetingActor } from './meetings/create';
export { endMeeting } from './meetings/end';
export { listLiveParticipants, reconcileLiveMeetings } from './meetings/live';
export { getMeeting, listMeetings } from './meetings/queries';
export type { ListMeetingsInput, Meeting, MeetingPage, MeetingStatus } from './meetings/queries';

export { createJoinToken, GUEST_IDENTITY_PREFIX, participantGrant } from './tokens/join-token';
export type { JoinActor, JoinToken } from './tokens/join-token';
export { createGuestInvite, MAX_INVITE_TTL_MINUTES, redeemGuestInvite } from './tokens/guest-invite';
export type { GuestInvite, GuestInviteInput, GuestJoin } from './tokens/guest-invite';

export { handleLivekitWebhook } from './webhooks/handle';
export type { WebhookResult } from './webhooks/handle';

export { roomNameFor } from './rooms/room-name';
export type { LiveParticipant } from './rooms/room-service';
