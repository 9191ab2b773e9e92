'use client';

import { Label, Switch } from '@platform/ui';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

const STORAGE_KEY = 'inbox-alerts';

function subscribeStorage(onChange: () => void) {
  window.addEventListener('storage', onChange);
  return () => window.removeEventListener('storage', onChange);
}

/** A short two-tone chime (Web Audio: no sound file to ship). */
function chime() {
  try {
    const audio = new AudioContext();
    [660, 880].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.value = 0.08;
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + i * 0.18);
      tone.stop(audio.currentTime + i * 0.18 + 0.15);
    });
  } catch {
    // no audio output: the notification alone
  }
}

/**
 * The browser notification and sound option for new waiting conversations. Kept per browser
 * (localStorage): it is about this device, not the team. Fires for sessions that appear in the
 * waiting list after the page loaded, never for those already there.
 */
export function NewWaitingAlert({ waiting }: { waiting: string[] | undefined }) {
  // The stored choice, read after hydration (the server has no localStorage).
  const stored = useSyncExternalStore(
    subscribeStorage,
    () => localStorage.getItem(STORAGE_KEY) === 'on',
    () => false,
  );
  const [choice, setOn] = useState<boolean | null>(null);
  const on = choice ?? stored;
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (!waiting) return;
    const fresh = seen.current ? waiting.filter((id) => !seen.current!.has(id)) : [];
    seen.current = new Set([...(seen.current ?? []), ...waiting]);
    if (!on || fresh.length === 0) return;
    chime();
    if ('Notification' in window && Notification.permission === 'granted') {
      new Notification('A visitor is waiting for a person', {
        body: fresh.length > 1 ? `${fresh.length} new conversations` : 'Open the Inbox to answer.',
        tag: 'inbox-waiting',
      });
    }
  }, [waiting, on]);

  const toggle = async (next: boolean) => {
    if (next && 'Notification' in window && Notification.permission === 'default') {
      await Notification.requestPermission();
    }
    localStorage.setItem(STORAGE_KEY, next ? 'on' : 'off');
    setOn(next);
  };

  return (
    <div className="flex items-center gap-2">
      <Switch id="inbox-alerts" checked={on} onCheckedChange={(next) => void toggle(next)} />
      <Label htmlFor="inbox-alerts">Notify me (with a sound) when someone starts waiting</Label>
    </div>
  );
}
