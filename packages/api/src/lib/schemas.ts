import { z } from 'zod';

/** Shared input pieces. Every string has a maximum length: the bad-input suite checks it. */
export const id = z.uuid();
export const idInput = z.strictObject({ id });

/** ISO-8601 strings are accepted as well as Dates, for clients without a transformer. */
export const dateInput = z.union([
  z.date(),
  z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
]);

export const jsonTags = z.array(z.string().trim().min(1).max(50)).max(20);

/** `limit` + opaque `cursor` (nextCursor of the previous page) for keyset-paginated lists. */
export const pageInput = {
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
};
