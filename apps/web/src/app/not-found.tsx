import { Button, EmptyState } from '@platform/ui';
import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-md p-8">
      <h1 className="sr-only">Page not found</h1>
      <EmptyState
        title="Page not found"
        description="The page you are looking for does not exist or has moved."
        action={
          <Button asChild>
            <Link href="/overview">Go to the overview</Link>
          </Button>
        }
      />
    </main>
  );
}
