// The filters every intersections view shares: layer (a coder, the consensus layer or all coders),
// documents, document groups and participant-attribute conditions.
import { useEffect, useState } from 'react';
import type { Condition, FiltersInput, Layer } from '../../../shared/api/intersections';
import type { Group } from '../../../shared/api/study';
import type { Coder, DocumentId, DocumentSummary, GroupId, Participant } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';

export interface FilterState {
  layer: Layer;
  documentIds: DocumentId[];
  groupIds: GroupId[];
  where: Condition[];
}

export const NO_FILTERS: FilterState = { layer: 'auto', documentIds: [], groupIds: [], where: [] };

/** The state as the contract's filters (empty lists mean "no filter"). */
export function toFilters(f: FilterState): FiltersInput {
  return {
    layer: f.layer,
    ...(f.documentIds.length ? { documentIds: f.documentIds } : {}),
    ...(f.groupIds.length ? { groupIds: f.groupIds } : {}),
    ...(f.where.length ? { where: f.where } : {}),
  };
}

export interface FiltersProps {
  value: FilterState;
  onChange: (next: FilterState) => void;
  documents: DocumentSummary[];
  coders: Coder[];
}

export function Filters({ value, onChange, documents, coders }: FiltersProps) {
  const notify = useNotify();
  const [groups, setGroups] = useState<Group[]>([]);
  const [people, setPeople] = useState<Participant[]>([]);
  const [attr, setAttr] = useState('');
  const [op, setOp] = useState<'=' | '!='>('=');
  const [val, setVal] = useState('');

  useEffect(() => {
    let live = true;
    Promise.all([api['groups:list']({}), api['participants:list']({})]).then(
      ([g, p]) => {
        if (!live) return;
        setGroups(g);
        setPeople(p);
      },
      (err) => notify('error', errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [notify]);

  const attributes = [...new Set(people.flatMap((p) => Object.keys(p.attributes)))].sort();
  const values = attr ? [...new Set(people.map((p) => p.attributes[attr]).filter((v): v is string => !!v && v.trim() !== ''))].sort() : [];
  const layerKey = typeof value.layer === 'number' ? String(value.layer) : value.layer;
  const picked = (e: React.ChangeEvent<HTMLSelectElement>) => [...e.target.selectedOptions].map((o) => Number(o.value));

  return (
    <fieldset className="ix-filters" data-testid="ix-filters">
      <legend>Filters</legend>
      <label className="field">
        Layer
        <select
          value={layerKey}
          onChange={(e) => onChange({ ...value, layer: ['auto', 'all', 'consensus'].includes(e.target.value) ? (e.target.value as Layer) : (Number(e.target.value) as Layer) })}
          title="Default: the consensus layer where it covers every coded document, else the current coder. Pooling coders makes a disagreement count as a co-occurrence."
          data-testid="ix-layer"
        >
          <option value="auto">Default (one layer)</option>
          <option value="consensus">Consensus layer</option>
          {coders
            .filter((c) => !c.isConsensus)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          <option value="all">All coders pooled</option>
        </select>
      </label>
      <label className="field">
        Documents
        <select multiple size={3} value={value.documentIds.map(String)} onChange={(e) => onChange({ ...value, documentIds: picked(e) as DocumentId[] })} data-testid="ix-documents">
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {groups.length > 0 && (
        <label className="field">
          Groups
          <select multiple size={3} value={value.groupIds.map(String)} onChange={(e) => onChange({ ...value, groupIds: picked(e) as GroupId[] })} data-testid="ix-groups">
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {attributes.length > 0 && (
        <div className="field ix-where">
          Participants
          <div className="ix-where-row">
            <select value={attr} onChange={(e) => {
                setAttr(e.target.value);
                setVal('');
              }} aria-label="Attribute" data-testid="ix-where-attribute">
              <option value="">attribute…</option>
              {attributes.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
            <select value={op} onChange={(e) => setOp(e.target.value as '=' | '!=')} aria-label="Comparison">
              <option value="=">=</option>
              <option value="!=">≠</option>
            </select>
            <select value={val} onChange={(e) => setVal(e.target.value)} aria-label="Value" data-testid="ix-where-value">
              <option value="">value…</option>
              {values.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
            <button
              type="button"
              disabled={!attr || !val}
              onClick={() => onChange({ ...value, where: [...value.where, { attribute: attr, op, value: val }] })}
              data-testid="ix-where-add"
            >
              Add
            </button>
          </div>
          {value.where.length > 0 && (
            <ul className="chip-list">
              {value.where.map((w, i) => (
                <li key={i} className="chip">
                  {w.attribute} {w.op === '=' ? '=' : '≠'} {w.value}
                  <button type="button" aria-label="Remove condition" onClick={() => onChange({ ...value, where: value.where.filter((_, j) => j !== i) })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}
