// What the host around the page offers: native open/save dialogs (desktop app) and the commands of its
// menus. In browser mode there are neither; pickOpen/pickSave then return undefined and the page keeps
// its own inputs.
import { useEffect, useRef } from 'react';
import type { HostCommand } from '../../shared/api/host';
import { call } from './client';

export type { HostCommand };

export interface FileFilter {
  name: string;
  extensions: string[];
}

let dialogs: Promise<boolean> | null = null;

/** Whether native dialogs are available here (asked once). */
export function hasDialogs(): Promise<boolean> {
  dialogs ??= call('host:capabilities', {}).then(
    (c) => c.dialogs,
    () => false,
  );
  return dialogs;
}

/** The files the user chose; null if they cancelled; undefined where there are no dialogs. */
export async function pickOpen(options: { title?: string; filters?: FileFilter[]; multiple?: boolean } = {}): Promise<string[] | null | undefined> {
  if (!(await hasDialogs())) return undefined;
  return call('host:pickOpen', options);
}

/** Where the user chose to save; null if they cancelled; undefined where there are no dialogs. */
export async function pickSave(options: { title?: string; defaultName?: string; filters?: FileFilter[] } = {}): Promise<string | null | undefined> {
  if (!(await hasDialogs())) return undefined;
  return call('host:pickSave', options);
}

/** The path on disk of a file dropped on the window; undefined in browser mode, where pages never see paths. */
export function pathForFile(file: File): string | undefined {
  const bridge = typeof window !== 'undefined' ? window.accord : undefined;
  const path = bridge?.pathForFile?.(file);
  return path ? path : undefined;
}

const listeners = new Set<(command: HostCommand) => void>();
let subscribed = false;

/** Listen to the host's menu commands; returns the removal. Does nothing in browser mode. */
export function onHostCommand(listener: (command: HostCommand) => void): () => void {
  const bridge = typeof window !== 'undefined' ? window.accord : undefined;
  if (!bridge?.onCommand) return () => undefined;
  listeners.add(listener);
  if (!subscribed) {
    // The preload holds one listener: subscribe once and hand each command to every listener here.
    subscribed = true;
    bridge.onCommand((command) => {
      for (const l of [...listeners]) l(command as HostCommand);
    });
  }
  return () => {
    listeners.delete(listener);
  };
}

/** React: run `handler` for each host command while the component is mounted. */
export function useHostCommands(handler: (command: HostCommand) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => onHostCommand((command) => latest.current(command)), []);
}
