// The start screen: create a project file, open one by path, or reopen a recent one.
import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import type { ProjectFile } from '../../../shared/api/contract';
import type { ProjectInfo } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';
import { AccordError } from '../../../shared/api/errors';
import { RecoverPanel } from './RecoverPanel';
import { hasDialogs, pathForFile, pickOpen, pickSave } from '../../api/host';

export interface StartScreenProps {
  onOpened: (info: ProjectInfo) => void;
}

export function StartScreen({ onOpened }: StartScreenProps) {
  const notify = useNotify();
  const [path, setPath] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const [files, setFiles] = useState<ProjectFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [damaged, setDamaged] = useState<{ path: string; message: string } | null>(null);

  useEffect(() => {
    api['project:recent']({}).then(setRecent, (err) => notify('error', errorMessage(err)));
    // In browser and team mode: the projects in the folder the server was started for.
    api['project:list']({}).then(setFiles, () => setFiles([]));
  }, [notify]);

  const openDemo = async () => {
    setBusy(true);
    try {
      onOpened(await api['project:openDemo']({}));
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const go = async (method: 'project:create' | 'project:open', target: string) => {
    if (!target.trim()) return;
    setBusy(true);
    try {
      onOpened(await api[method]({ path: target.trim() }));
    } catch (err) {
      if (err instanceof AccordError && err.code === 'DAMAGED') setDamaged({ path: target.trim(), message: err.message });
      else notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  // The desktop app: native dialogs instead of typed paths, and a project file dropped on the window.
  const [dialogs, setDialogs] = useState(false);
  useEffect(() => {
    void hasDialogs().then(setDialogs);
  }, []);
  const browse = async (method: 'project:open' | 'project:create') => {
    const filters = [{ name: 'Accord projects', extensions: ['accord'] }];
    const chosen = method === 'project:open' ? (await pickOpen({ title: 'Open a project', filters }))?.[0] : await pickSave({ title: 'New project', defaultName: 'study.accord', filters });
    if (chosen) void go(method, chosen);
  };
  const drop = (e: DragEvent<HTMLElement>) => {
    const file = [...e.dataTransfer.files].find((f) => f.name.toLowerCase().endsWith('.accord'));
    const dropped = file ? pathForFile(file) : undefined;
    if (!dropped) return;
    e.preventDefault();
    void go('project:open', dropped);
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void go(submitter?.value === 'open' ? 'project:open' : 'project:create', path);
  };

  return (
    <main className="start" data-testid="start-screen" onDragOver={(e) => dialogs && e.preventDefault()} onDrop={drop}>
      <div className="start-card">
        <h1>Accord</h1>
        <p className="lede">A workbench for coding qualitative data together.</p>
        <form className="form" onSubmit={submit}>
          <label className="field">
            <span>Project file</span>
            <input
              value={path}
              onChange={(e) => setPath(e.target.value)}
              // Browser mode takes paths inside the folder the server was started for, not absolute ones.
              placeholder={dialogs ? '/home/me/study.accord' : 'study.accord'}
              spellCheck={false}
              aria-describedby={dialogs ? undefined : 'project-path-hint'}
              data-testid="project-path"
            />
          </label>
          {!dialogs && (
            <p className="muted" id="project-path-hint" data-testid="project-path-hint">
              A file name, or a path inside the folder Accord was started for (the terminal running it says which).
            </p>
          )}
          <div className="form-actions">
            <button type="submit" value="open" disabled={busy || !path.trim()} data-testid="project-open">
              Open
            </button>
            <button type="submit" value="create" className="primary" disabled={busy || !path.trim()} data-testid="project-create">
              Create project
            </button>
          </div>
        </form>
        {damaged && <RecoverPanel {...damaged} onOpened={onOpened} onDismiss={() => setDamaged(null)} />}
        {dialogs && (
          <p className="form-actions">
            <button type="button" onClick={() => void browse('project:open')} disabled={busy} data-testid="project-browse-open">
              Open…
            </button>
            <button type="button" className="primary" onClick={() => void browse('project:create')} disabled={busy} data-testid="project-browse-new">
              New project…
            </button>
            <span className="muted">or drop a project file here</span>
          </p>
        )}
        <p>
          <button type="button" onClick={() => void openDemo()} disabled={busy} data-testid="open-demo">
            Open the demo study
          </button>
        </p>
        {files.length > 0 && (
          <section className="recent" aria-labelledby="files-heading" data-testid="project-files">
            <h2 id="files-heading">Projects in this folder</h2>
            <ul>
              {files.map((f) => (
                <li key={f.path}>
                  <button type="button" className="link" onClick={() => void go('project:open', f.path)} disabled={busy} data-testid="project-file">
                    {f.path}
                  </button>{' '}
                  <span className="muted">changed {new Date(f.modified).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {recent.length > 0 && (
          <section className="recent" aria-labelledby="recent-heading">
            <h2 id="recent-heading">Recent projects</h2>
            <ul>
              {recent.map((p) => (
                <li key={p}>
                  <button type="button" className="link" onClick={() => void go('project:open', p)} disabled={busy}>
                    {p}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
