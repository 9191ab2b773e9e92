/** Next calls this once per server process at start: the background jobs live here. */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is Next's own marker of the server runtime, not a setting of ours.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startBackgroundJobs } = await import('./server/jobs');
  startBackgroundJobs();
}
