// The application shell: the start screen until a project is open, then the workbench.
import { useEffect, useState } from 'react';
import type { ProjectInfo } from '../../shared/model/types';
import { api, errorMessage } from '../api/client';
import { useHostCommands } from '../api/host';
import { NoticeProvider, useNotify } from '../components/Notices';
import { StartScreen } from '../features/project';
import { Workbench } from './Workbench';

function Shell() {
  const notify = useNotify();
  const [project, setProject] = useState<ProjectInfo | null | undefined>(undefined);

  useEffect(() => {
    api['project:info']({}).then(setProject, (err) => {
      notify('error', errorMessage(err));
      setProject(null);
    });
  }, [notify]);

  const close = async () => {
    try {
      await api['project:close']({});
      setProject(null);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  // The desktop menus (New project…, Open…, Open recent, Close) and project files opened from the system.
  useHostCommands((command) => {
    if (command.command === 'close-project') void close();
    else if (command.command === 'open-project' || command.command === 'new-project') {
      const method = command.command === 'open-project' ? 'project:open' : 'project:create';
      api[method]({ path: command.path }).then(setProject, (err) => notify('error', errorMessage(err)));
    }
  });

  if (project === undefined) return <div className="loading-screen" aria-busy="true">Loading…</div>;
  if (project === null) return <StartScreen onOpened={setProject} />;
  return <Workbench key={project.path} project={project} onClose={close} />;
}

export function App() {
  return (
    <NoticeProvider>
      <Shell />
    </NoticeProvider>
  );
}
