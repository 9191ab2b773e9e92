import { redirect } from 'next/navigation';

/** The dashboard guards itself: signed-out visitors are sent on to sign in from there. */
export default function Home() {
  redirect('/overview');
}
