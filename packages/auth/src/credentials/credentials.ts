import { eq } from 'drizzle-orm';
import { hashPassword, normalizeEmail, users, verifyPassword } from '@platform/db';
import type { Database } from '@platform/db';
import { credentialsInput } from '../schemas';

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
}

// Verifying against a throwaway hash when the email is unknown keeps both paths equally slow,
// so response times do not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword('decoy-password-for-unknown-emails'));

/** The user for an email and password, or null. Users without a password (OAuth only) never match. */
export async function authenticateWithPassword(
  db: Database,
  input: unknown,
): Promise<AuthenticatedUser | null> {
  const parsed = credentialsInput.safeParse(input);
  if (!parsed.success) return null;
  const email = normalizeEmail(parsed.data.email);
  const user = await db.asSystem('sign-in', async (tx) => {
    const [row] = await tx
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        image: users.image,
        passwordHash: users.passwordHash,
      })
      .from(users)
      .where(eq(users.email, email));
    return row;
  });
  // The slow hash runs outside the transaction: never hold a connection across CPU-bound work.
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await decoy()));
  if (!user?.passwordHash || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, image: user.image };
}
