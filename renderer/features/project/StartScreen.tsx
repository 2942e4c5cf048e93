// The start screen: create a project file, open one by path, or reopen a recent one.
import { useEffect, useState, type FormEvent } from 'react';
import type { ProjectFile } from '../../../shared/api/contract';
import type { ProjectInfo } from '../../../shared/model/types';
import { api, errorMessage } from '../../api/client';
import { useNotify } from '../../components/Notices';

export interface StartScreenProps {
  onOpened: (info: ProjectInfo) => void;
}

export function StartScreen({ onOpened }: StartScreenProps) {
  const notify = useNotify();
  const [path, setPath] = useState('');
  const [recent, setRecent] = useState<string[]>([]);
  const [files, setFiles] = useState<ProjectFile[]>([]);
  const [busy, setBusy] = useState(false);

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
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void go(submitter?.value === 'open' ? 'project:open' : 'project:create', path);
  };

  return (
    <main className="start" data-testid="start-screen">
      <div className="start-card">
        <h1>Accord</h1>
        <p className="lede">A workbench for coding qualitative data together.</p>
        <form className="form" onSubmit={submit}>
          <label className="field">
            <span>Project file</span>
            <input
              value={path}
              onChange={(e) => setPath(e.target.value)}
              placeholder="/home/me/study.accord"
              spellCheck={false}
              data-testid="project-path"
            />
          </label>
          <div className="form-actions">
            <button type="submit" value="open" disabled={busy || !path.trim()} data-testid="project-open">
              Open
            </button>
            <button type="submit" value="create" className="primary" disabled={busy || !path.trim()} data-testid="project-create">
              Create project
            </button>
          </div>
        </form>
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
