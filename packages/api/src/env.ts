import { z } from 'zod';

const schema = z.object({
  /** The dashboard's public URL: invitation links point here. */
  APP_URL: z.string().url().default('http://localhost:3000'),
  /** The widget loader the embed snippet references. */
  WIDGET_SCRIPT_URL: z.string().url().default('http://localhost:3000/embed.js'),
});

export type ApiEnv = z.infer<typeof schema>;

export function readApiEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid API settings: ${fields}`);
  }
  return { ...parsed.data, APP_URL: parsed.data.APP_URL.replace(/\/+$/, '') };
}

let cached: ApiEnv | undefined;
/** The process's settings, read once. */
export const apiEnv = (): ApiEnv => (cached ??= readApiEnv());
