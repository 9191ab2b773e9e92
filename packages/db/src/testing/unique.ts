import { randomUUID } from 'node:crypto';
import type { DemoIdentity } from '../seed';

/**
 * Tests share one database when it is a real server (TEST_DATABASE_URL), across files and runs:
 * every e-mail a test signs up with must be its own. `uniqueEmail('ada@example.test')` keeps the
 * readable name and adds a random tag: `ada+3f9c1a2b@example.test`.
 */
export function uniqueEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, at)}+${randomUUID().slice(0, 8)}${email.slice(at)}`;
}

/** The demo tenant's content under a tenant and widget of this test's own. */
export function uniqueDemo(): DemoIdentity {
  return { email: uniqueEmail('admin@acme.test'), widgetId: randomUUID() };
}

/**
 * A tag for one test file's run, to put in fixed e-mail domains: `ada@${tag}.example.test`.
 * Files that name their users keep the names readable and still never collide.
 */
export function runTag(): string {
  return `r${randomUUID().slice(0, 8)}`;
}
