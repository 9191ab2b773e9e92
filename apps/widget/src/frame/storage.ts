/**
 * The frame's storage lives in the host site's partition (browsers partition third-party
 * storage by top-level site), so a visitor's token never follows them to another site.
 * Storage can also be blocked outright; then the chat still works, it just forgets on reload.
 */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
}

export function safeStorage(pick: () => Storage): KeyValue {
  const memory = new Map<string, string>();
  let store: Storage | null = null;
  try {
    store = pick();
    store.getItem('probe');
  } catch {
    store = null;
  }
  return {
    get: (key) => {
      try {
        return store ? store.getItem(key) : (memory.get(key) ?? null);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set: (key, value) => {
      try {
        if (store) {
          if (value === null) store.removeItem(key);
          else store.setItem(key, value);
          return;
        }
      } catch {
        // quota or blocked: fall through to memory
      }
      if (value === null) memory.delete(key);
      else memory.set(key, value);
    },
  };
}
