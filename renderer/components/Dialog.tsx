// A dialog on the native <dialog> element, opened non-modally over a light backdrop of our own:
// `showModal()` makes the rest of the page inert, which costs ~450 ms of style work per open and
// close on a long coded document (measured here). Escape closes, Tab stays inside, and focus
// returns to where it was.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Mount it to open it; unmount (or Escape, or a click on the backdrop) to close. */
export function Dialog({ title, onClose, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    if (el && !el.open) el.show();
    // show() focuses the first focusable element, which is the header's close button; a dialog is
    // opened to be used, so focus goes to its first field (or first control of the body) instead.
    if (el) (el.querySelector<HTMLElement>('.dialog-body :is(input, textarea, select):not([disabled])') ?? el.querySelector<HTMLElement>(`.dialog-body :is(${FOCUSABLE})`))?.focus();
    return () => {
      if (el?.open) el.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  // Escape closes the dialog even when focus has left it (e.g. after a click on its backdrop text or
  // the page): the newest open dialog takes it.
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  });
  useEffect(() => {
    const onDocKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const open = document.querySelectorAll('dialog.dialog[open]');
      if (open[open.length - 1] !== ref.current || ref.current?.contains(document.activeElement)) return;
      e.preventDefault();
      closeRef.current();
    };
    document.addEventListener('keydown', onDocKey);
    return () => document.removeEventListener('keydown', onDocKey);
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <>
      <div className="dialog-backdrop" onClick={onClose} aria-hidden="true" />
      <dialog ref={ref} className="dialog" aria-label={title} aria-modal="true" data-testid={testId} onKeyDown={onKeyDown}>
        {/* A div, not a <header>: outside a section a header is the page's banner, and the app has one. */}
        <div className="dialog-header">
          <h2>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="dialog-body">{children}</div>
      </dialog>
    </>
  );
}
