// The read-only document view: a Lexical editor (editable: false) with one paragraph per line, a
// margin listing the codes beside each paragraph, and selection → offset mapping. Every paragraph
// goes in as plain text first (streamed in batches: useStreamedText); paragraphs near the viewport
// get their CodingMarkNodes at once and the rest in idle time, and the margin covers a band around
// the viewport (useWindowedHighlights, Margin), so a long, densely coded document opens and scrolls
// without long tasks; selection, the C key and clicks go through useCodingCommands. When marks
// change only the paragraphs whose marks changed are rebuilt.
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import type { LexicalEditor } from 'lexical';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Span } from '../../shared/model/types';
import { CodingMarkNode } from './coding-mark-node';
import { Margin } from './Margin';
import type { MarkSpan } from './segments';
import { useCodingCommands } from './useCodingCommands';
import { useStreamedText } from './useStreamedText';
import { useWindowedHighlights } from './useWindowedHighlights';
import type { MarginEntry, Schedule, ViewState } from './view-state';

export { BATCH_PARAGRAPHS, FIRST_PARAGRAPHS } from './view-state';

export interface DocumentEditorProps {
  text: string;
  marks: MarkSpan[];
  onSelectionChange: (range: Span | null) => void;
  onRequestCode: (range: Span) => void;
  onApplyCodes: (codeIds: number[], range: Span) => void;
  onMarkClick: (ids: string[], x: number, y: number) => void;
  onReady?: (editor: LexicalEditor) => void;
}

function CodingsPlugin(props: DocumentEditorProps & { onLayout: (entries: MarginEntry[]) => void; scrollRef: React.RefObject<HTMLDivElement | null> }) {
  const { text, marks, onLayout, scrollRef } = props;
  const [editor] = useLexicalComposerContext();
  const stateRef = useRef<ViewState | null>(null);
  const marksRef = useRef(marks);
  const callbacks = useRef(props);
  const scheduleRef = useRef<Schedule>(() => {});
  // Latest values for long-lived listeners; layout effects run before the effects that read them.
  useLayoutEffect(() => {
    marksRef.current = marks;
    callbacks.current = props;
  });

  useWindowedHighlights(editor, stateRef, scrollRef, scheduleRef, onLayout);
  useStreamedText(editor, text, marks, marksRef, stateRef, scheduleRef);
  useCodingCommands(editor, stateRef, callbacks);

  useEffect(() => {
    callbacks.current.onReady?.(editor);
  }, [editor]);

  return null;
}

const theme = { paragraph: 'doc-paragraph', mark: 'mark', markOverlap: 'mark-overlap' };

export function DocumentEditor(props: DocumentEditorProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [entries, setEntries] = useState<MarginEntry[]>([]);
  const onLayout: (next: MarginEntry[]) => void = setEntries;
  useLayoutEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [props.text]);
  return (
    <LexicalComposer
      initialConfig={{
        namespace: 'accord-document',
        editable: false,
        nodes: [CodingMarkNode],
        theme,
        onError: (error: Error) => {
          throw error;
        },
      }}
    >
      <div className="doc-scroll" ref={scrollRef} data-testid="document-scroll">
        <div className="doc-content">
          <div className="doc-text">
            <ContentEditable className="doc-editor" aria-label="Document text" data-testid="document-text" />
          </div>
          <Margin entries={entries} />
        </div>
      </div>
      <CodingsPlugin {...props} onLayout={onLayout} scrollRef={scrollRef} />
    </LexicalComposer>
  );
}
