// The CLI's registry names each namespace module's commands so the module loads only when one of them
// runs; the names must be exactly the module's.
import { describe, expect, it } from 'vitest';
import { NAMESPACE_COMMANDS } from '../../../electron/cli/commands';
import { agreementCommands } from '../../../electron/cli/agreement-commands';
import { exchangeCommands } from '../../../electron/cli/exchange-commands';
import { intersectionsCommands } from '../../../electron/cli/intersections-commands';
import { reportsCommands } from '../../../electron/cli/reports-commands';
import { retrievalCommands } from '../../../electron/cli/retrieval-commands';
import { studyCommands } from '../../../electron/cli/study-commands';
import { teamCommands } from '../../../electron/cli/team-commands';

describe('the CLI registry', () => {
  it('lists the commands of each namespace module exactly', () => {
    const modules = { study: studyCommands, agreement: agreementCommands, intersections: intersectionsCommands, reports: reportsCommands, retrieval: retrievalCommands, exchange: exchangeCommands, team: teamCommands };
    for (const [ns, mod] of Object.entries(modules)) expect([...NAMESPACE_COMMANDS[ns as keyof typeof NAMESPACE_COMMANDS]].sort(), ns).toEqual(Object.keys(mod).sort());
  });
});
