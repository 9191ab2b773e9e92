export { startFakeLivekit } from './fake-livekit';
export type { FakeLivekit, FakeRoom } from './fake-livekit';
export { livekitWebhookBody, signLivekitWebhook } from './webhooks';
export type { WebhookEventInput } from './webhooks';
