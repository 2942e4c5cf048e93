// Links the document's text to its recording: a click in the text (not a selection) plays from the
// time of the turn clicked, and while the recording plays the turn being spoken is marked and kept in
// view. Works on the editor's DOM from outside, so the editor itself knows nothing of recordings.
// `startsAtMs` is where the recording starts on the transcript's clock (null: no playable recording):
// a turn timed T is T − startsAtMs into the file.
import { useCallback, useEffect, type RefObject } from 'react';
import type { LexicalEditor } from 'lexical';
import type { Turn } from '../../../shared/model/types';
import { paragraphAt, splitParagraphs } from '../../editor/segments';
import { timeAtOffset, turnAtTime } from './recording-sync';

const PLAYING = 'turn-playing';

export function useTranscriptSync(
  editor: LexicalEditor | null,
  text: string | undefined,
  turns: readonly Turn[] | undefined,
  mediaRef: RefObject<HTMLMediaElement | null>,
  startsAtMs: number | null,
): { playFromOffset: (offset: number) => boolean } {
  const enabled = startsAtMs !== null;
  const shift = startsAtMs ?? 0;
  const playFromOffset = useCallback(
    (offset: number): boolean => {
      const el = mediaRef.current;
      if (!enabled || !el || !turns) return false;
      const ms = timeAtOffset(turns, offset);
      if (ms === null) return false;
      el.currentTime = Math.max(0, ms - shift) / 1000;
      void el.play().catch(() => undefined);
      return true;
    },
    [enabled, shift, mediaRef, turns],
  );

  // Click → the clicked paragraph's start → its turn's time.
  useEffect(() => {
    const root = editor?.getRootElement();
    if (!enabled || !root || text === undefined) return;
    const paras = splitParagraphs(text);
    const onClick = (e: MouseEvent) => {
      if (document.getSelection()?.isCollapsed === false) return;
      let node = e.target as Node | null;
      while (node && node.parentNode !== root) node = node.parentNode;
      if (!node) return;
      const index = Array.prototype.indexOf.call(root.children, node) as number;
      if (index >= 0 && index < paras.length) playFromOffset(paras[index].start);
    };
    root.addEventListener('click', onClick);
    return () => root.removeEventListener('click', onClick);
  }, [editor, enabled, text, playFromOffset]);

  // Follow the recording: mark the paragraph of the turn being played and keep it in view.
  useEffect(() => {
    const el = mediaRef.current;
    const root = editor?.getRootElement();
    if (!enabled || !el || !root || !turns || text === undefined) return;
    const paras = splitParagraphs(text);
    let current: Element | null = null;
    const onTime = () => {
      const i = turnAtTime(turns, el.currentTime * 1000 + shift);
      const p = i >= 0 ? root.children[paragraphAt(paras, turns[i].start)] ?? null : null;
      if (p === current) return;
      current?.classList.remove(PLAYING);
      current = p;
      if (p) {
        p.classList.add(PLAYING);
        if (!el.paused) p.scrollIntoView({ block: 'nearest' });
      }
    };
    el.addEventListener('timeupdate', onTime);
    el.addEventListener('seeked', onTime);
    return () => {
      el.removeEventListener('timeupdate', onTime);
      el.removeEventListener('seeked', onTime);
      current?.classList.remove(PLAYING);
    };
  }, [editor, enabled, shift, text, turns, mediaRef]);

  return { playFromOffset };
}
