// Document groups (e.g. archival domains): create, rename, delete, put documents in or out, see a
// group's documents, and write a memo on any document.
import { useEffect, useState, type FormEvent } from 'react';
import type { Group } from '../../../shared/api/study';
import type { DocumentId, DocumentSummary, GroupId } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';

export interface GroupsViewProps {
  documents: DocumentSummary[];
  onOpen: (documentId: DocumentId) => void;
  onChanged: () => void;
}

function DocumentMemo({ documentId }: { documentId: DocumentId }) {
  const notify = useNotify();
  const [body, setBody] = useState<string | null>(null);
  useEffect(() => {
    api['memos:list']({ documentId }).then((m) => setBody(m.find((x) => x.documentId === documentId)?.body ?? ''), (err) => notify('error', errorMessage(err)));
  }, [documentId, notify]);
  if (body === null) return null;
  return (
    <textarea
      defaultValue={body}
      aria-label="Document memo"
      rows={3}
      style={{ width: '100%' }}
      onBlur={(e) => {
        if (e.target.value !== body) api['memos:save']({ documentId, body: e.target.value }).then(() => setBody(e.target.value), (err) => notify('error', errorMessage(err)));
      }}
    />
  );
}

export function GroupsView({ documents, onOpen, onChanged }: GroupsViewProps) {
  const notify = useNotify();
  const [groups, setGroups] = useState<Group[]>([]);
  const [selected, setSelected] = useState<GroupId | null>(null);
  const [memoFor, setMemoFor] = useState<DocumentId | null>(null);

  const [tick, setTick] = useState(0);
  const load = () => setTick((t) => t + 1);

  useEffect(() => {
    let live = true;
    api['groups:list']({}).then(
      (list) => {
        if (!live) return;
        setGroups(list);
        setSelected((cur) => (cur !== null && list.some((g) => g.id === cur) ? cur : (list[0]?.id ?? null)));
      },
      (err) => notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [tick, notify]);

  const act = async (p: Promise<unknown>) => {
    try {
      await p;
      onChanged();
    } catch (err) {
      notify('error', errorMessage(err));
    }
    load();
  };

  const create = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get('name') ?? '').trim();
    if (!name) return;
    form.reset();
    void act(api['groups:create']({ name }));
  };

  const group = groups.find((g) => g.id === selected) ?? null;
  const members = new Set<number>(group?.documentIds ?? []);

  return (
    <div className="groups-view" data-testid="groups-view" style={{ display: 'flex', gap: '1.5rem', padding: '1rem', height: '100%', overflow: 'auto' }}>
      <section aria-labelledby="groups-heading" style={{ flex: 1, minWidth: '14rem' }}>
        <h2 id="groups-heading">Groups</h2>
        <ul style={{ listStyle: 'none', padding: 0 }} data-testid="group-list">
          {groups.map((g) => (
            <li key={g.id} style={{ display: 'flex', gap: '0.3rem', alignItems: 'center' }}>
              <button type="button" className={g.id === selected ? 'primary' : undefined} aria-pressed={g.id === selected} onClick={() => setSelected(g.id)} style={{ flex: 1, textAlign: 'left' }}>
                {g.name} ({g.documentIds.length})
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Rename ${g.name}`}
                onClick={() => {
                  const name = window.prompt('New name', g.name)?.trim();
                  if (name && name !== g.name) void act(api['groups:rename']({ id: g.id, name }));
                }}
              >
                ✎
              </button>
              <button type="button" className="icon-button" aria-label={`Delete ${g.name}`} onClick={() => window.confirm(`Delete the group "${g.name}"? Its documents stay.`) && void act(api['groups:delete']({ id: g.id }))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={create} style={{ display: 'flex', gap: '0.3rem' }}>
          <input name="name" placeholder="New group, e.g. Patient information" aria-label="New group name" data-testid="group-name" />
          <button type="submit">Create</button>
        </form>
      </section>
      <section aria-labelledby="members-heading" style={{ flex: 2, minWidth: 0 }}>
        <h2 id="members-heading">{group ? `Documents in ${group.name}` : 'Documents'}</h2>
        <p className="empty">Tick documents to put them in the group; the search panel can be limited to a group.</p>
        <ul style={{ listStyle: 'none', padding: 0 }} data-testid="group-documents">
          {documents.map((d) => (
            <li key={d.id}>
              <label style={{ display: 'inline-flex', gap: '0.4rem', alignItems: 'center' }}>
                <input
                  type="checkbox"
                  disabled={!group}
                  checked={members.has(d.id)}
                  onChange={(e) => group && void act(api['groups:setMembers']({ groupId: group.id, documentIds: [d.id], member: e.target.checked }))}
                />
                {d.name}
              </label>{' '}
              <span className="doc-meta">{d.kind}</span>{' '}
              <button type="button" className="link" onClick={() => onOpen(d.id)}>
                open
              </button>{' '}
              <button type="button" className="link" onClick={() => setMemoFor(memoFor === d.id ? null : d.id)} aria-expanded={memoFor === d.id}>
                memo
              </button>
              {memoFor === d.id && <DocumentMemo documentId={d.id} />}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
