// Change events in the renderer: one subscription per page to the host's stream (Server-Sent Events
// over HTTP, or the desktop bridge when it offers one), shared by every view. Views update from
// these events instead of re-fetching everything: a teammate's new code appears in the codebook,
// a switch of coder clears and reloads what the previous coder saw.
import { useEffect, useRef } from 'react';
import type { ChangeEvent } from '../../shared/api/events';
import { readToken, tabId, teamMember } from './client';
import { takeMessages } from './sse';

export type ChangeListener = (event: ChangeEvent) => void;

/** The action of the local event sent when this window switches coder (single-user mode). */
export const CODER_SWITCH = 'coder.switch';

const listeners = new Set<ChangeListener>();
let stop: (() => void) | null = null;

function dispatch(event: ChangeEvent): void {
  for (const l of [...listeners]) l(event);
}

/** Tell this page's views that the coder changed: they drop what they show and reload. */
export function announceCoderSwitch(name: string): void {
  dispatch({ batch: 0, at: new Date().toISOString(), actor: name, action: CODER_SWITCH, tables: {}, codings: [] });
}

/** Follow the server's stream until `signal` aborts, reconnecting after a dropped connection. */
async function follow(signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const res = await fetch('/events', { headers: { 'X-Accord-Token': readToken(), 'X-Accord-Tab': tabId() }, signal, credentials: 'same-origin' });
      if (res.status === 401 && teamMember()) return window.location.assign('/signin');
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const { messages, rest } = takeMessages(buffer + value);
        buffer = rest;
        for (const m of messages) {
          // The server ends a revoked member's stream with this event: their session is over.
          if (m.event === 'signed-out') return window.location.assign('/signin');
          if (m.data) dispatch(JSON.parse(m.data) as ChangeEvent);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

function start(): () => void {
  const bridge = window.accord;
  if (bridge?.subscribe) return bridge.subscribe(dispatch);
  if (bridge) return () => undefined;
  const controller = new AbortController();
  void follow(controller.signal);
  return () => controller.abort();
}

/** Receive every change event (filtered by the host for this user); returns the unsubscribe function. */
export function onChange(listener: ChangeListener): () => void {
  listeners.add(listener);
  if (!stop) stop = start();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && stop) {
      stop();
      stop = null;
    }
  };
}

/** React: call `listener` for every change event while the component is mounted (latest closure). */
export function useChanges(listener: ChangeListener): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => onChange((e) => latest.current(e)), []);
}
