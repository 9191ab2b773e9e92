/** Next calls this once per server process at start: the background jobs live here. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startBackgroundJobs } = await import('./server/jobs');
  startBackgroundJobs();
}
