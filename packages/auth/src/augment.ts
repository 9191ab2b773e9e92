// Module augmentation for Auth.js types; imported by config.ts so every program that compiles it sees this.
import type { DefaultSession } from '@auth/core/types';

declare module '@auth/core/types' {
  interface Session {
    user: { id: string } & DefaultSession['user'];
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    /** The auth_sessions token of this sign-in (see sessions/sessions.ts). */
    sid?: string;
  }
}
export {};
