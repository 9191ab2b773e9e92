import type { PublicWidgetSettings } from '@platform/api/widget/protocol';

/**
 * Preview mode: the dashboard frames /widget/frame.html directly (`#...&preview=1`) and sends the
 * widget's draft settings as the admin types. Allowed only when the framing page claims the app's
 * own origin: messages are then accepted only from that origin (main.tsx checks every sender
 * against `hostOrigin`), so a customer's site, or any other page, cannot drive it.
 */
export function isPreview(params: URLSearchParams, hostOrigin: string, ownOrigin: string): boolean {
  return params.get('preview') === '1' && hostOrigin === ownOrigin;
}

const HEX = /^#(?:[0-9a-f]{3}){1,2}$/i;
const FALLBACK = {
  name: 'Assistant',
  greeting: 'Hi! How can I help you today?',
  primaryColor: '#4f46e5',
  secondaryColor: '#eef2ff',
};

/** The draft as shown: anything malformed (a half-typed colour) keeps the current value. */
export function mergeDraft(
  current: PublicWidgetSettings | null,
  draft: PublicWidgetSettings,
): PublicWidgetSettings {
  const base = current ?? { ...draft, ...FALLBACK };
  const supportHours = draft.supportHours ?? base.supportHours;
  const awayMessage = draft.awayMessage ?? base.awayMessage;
  return {
    name: draft.name || base.name,
    theme: draft.theme,
    position: draft.position,
    greeting: draft.greeting || base.greeting,
    primaryColor: HEX.test(draft.primaryColor) ? draft.primaryColor : base.primaryColor,
    secondaryColor: HEX.test(draft.secondaryColor) ? draft.secondaryColor : base.secondaryColor,
    ...(supportHours !== undefined ? { supportHours } : {}),
    ...(awayMessage !== undefined ? { awayMessage } : {}),
  };
}
