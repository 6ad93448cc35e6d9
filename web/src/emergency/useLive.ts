import { useEffect, useRef, useState } from 'react';

export type LiveState = 'connecting' | 'open' | 'closed' | 'off';

/**
 * Follows an emergency stream (text/event-stream, ids only) and calls
 * `onEvent` for the named event types, at most once per `throttleMs` (a
 * notice to 100,000 households emits many progress events; the page only
 * needs to refetch now and then).
 */
export function useLiveEvents(url: string | null, types: readonly string[], onEvent: (type: string) => void, throttleMs = 1000): LiveState {
  const [state, setState] = useState<LiveState>('off');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = types.join(',');
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') {
      setState('off');
      return;
    }
    setState('connecting');
    const source = new EventSource(url, { withCredentials: true });
    let timer: number | null = null;
    let pending: string | null = null;
    const fire = (type: string) => {
      pending = type;
      if (timer !== null) return;
      timer = window.setTimeout(() => {
        timer = null;
        if (pending) handler.current(pending);
        pending = null;
      }, throttleMs);
    };
    source.onopen = () => setState('open');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    const listeners = key.split(',').map((type) => {
      const l = () => fire(type);
      source.addEventListener(type, l);
      return [type, l] as const;
    });
    return () => {
      for (const [type, l] of listeners) source.removeEventListener(type, l);
      if (timer !== null) window.clearTimeout(timer);
      source.close();
    };
  }, [url, key, throttleMs]);
  return state;
}
