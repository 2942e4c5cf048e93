// `accord team …`, `accord serve` and `accord backup`: members and personal access tokens of a team project, and an
// online copy of a project that may be in use. All through the contract's team channels; the command
// line runs them as the file's owner (whoever can write the file can change it anyway).
import { resolve } from 'node:path';
import type { Role } from '../../shared/api/access';
import { AccordError } from '../../shared/api/errors';
import type { IssuedToken, Member } from '../../shared/api/team';
import { serveUntilStopped } from '../serve/main';
import type { Command, CommandContext } from './command';
import { parse, UsageError } from './usage';

const json = { json: { type: 'boolean' as const } };

function roleOption(v: string | undefined, fallback: Role | undefined): Role {
  const r = v ?? fallback;
  if (r === undefined) throw new UsageError('--role lead|coder|viewer is required');
  if (r !== 'lead' && r !== 'coder' && r !== 'viewer') throw new UsageError(`--role is lead, coder or viewer, not "${r}"`);
  return r;
}

function printIssued(ctx: CommandContext, issued: IssuedToken, asJson: boolean | undefined): void {
  if (asJson) return ctx.json({ name: issued.member.name, role: issued.member.role, token: issued.token });
  ctx.out(
    `${issued.member.name} (${issued.member.role}) — personal access token, shown only this once:\n\n  ${issued.token}\n\n` +
      'Give it to them privately; they paste it on the team server\'s sign-in page. Revoke it with `accord team revoke`.\n',
  );
}

function memberLine(m: Member): string {
  const state = m.revokedAt ? `revoked ${m.revokedAt}` : m.lastSignInAt ? `last signed in ${m.lastSignInAt}` : 'not signed in yet';
  return `${m.name}\t${m.role}\t${state}\n`;
}

const sub: Record<string, Command> = {
  init: async (args, ctx) => {
    const { positionals, values } = parse(args, { ...json, lead: { type: 'string' } }, 1);
    if (!values.lead) throw new UsageError('--lead NAME is required');
    await ctx.open(positionals[0]);
    printIssued(ctx, await ctx.engine.call('team:init', { lead: values.lead }), values.json);
  },
  invite: async (args, ctx) => {
    const { positionals, values } = parse(args, { ...json, role: { type: 'string' } }, 2);
    const role = roleOption(values.role, 'coder');
    await ctx.open(positionals[0]);
    printIssued(ctx, await ctx.engine.call('team:invite', { name: positionals[1], role }), values.json);
  },
  revoke: async (args, ctx) => {
    const { positionals, values } = parse(args, json, 2);
    await ctx.open(positionals[0]);
    const m = await ctx.engine.call('team:revoke', { name: positionals[1] });
    if (values.json) ctx.json(m);
    else ctx.out(`Revoked ${m.name}'s access; a team server running on this project ends their sessions at once.\n`);
  },
  role: async (args, ctx) => {
    const { positionals, values } = parse(args, { ...json, role: { type: 'string' } }, 2);
    const role = roleOption(values.role, undefined);
    await ctx.open(positionals[0]);
    const m = await ctx.engine.call('team:setRole', { name: positionals[1], role });
    if (values.json) ctx.json(m);
    else ctx.out(`${m.name} is now ${m.role === 'lead' ? 'a lead' : `a ${m.role}`}.\n`);
  },
  members: async (args, ctx) => {
    const { positionals, values } = parse(args, json, 1);
    await ctx.open(positionals[0], { readOnly: true });
    const list = await ctx.engine.call('team:members', {});
    if (values.json) ctx.json(list);
    else if (list.length === 0) ctx.out('Not a team project (start one with `accord team init PROJECT.accord --lead NAME`).\n');
    else for (const m of list) ctx.out(memberLine(m));
  },
};

const team: Command = async (args, ctx) => {
  const [name, ...rest] = args;
  const command = name ? sub[name] : undefined;
  if (!command) throw new UsageError(`team init|invite|revoke|role|members (see accord --help)`);
  return command(rest, ctx);
};

const backup: Command = async (args, ctx) => {
  const { positionals, values } = parse(args, json, 2);
  await ctx.open(positionals[0]);
  const r = await ctx.engine.call('project:backup', { path: resolve(positionals[1]) });
  if (values.json) ctx.json(r);
  else ctx.out(`Backed up to ${r.path} (${r.bytes} bytes)\n`);
};

/** `accord serve`: the browser workbench (with --team, for a team's signed-in members) until Ctrl+C. */
const serve: Command = async (args) => {
  try {
    await serveUntilStopped(args);
  } catch (err) {
    if (err instanceof Error && !(err instanceof AccordError) && /^(--|TLS|the workbench|Unknown option|Unexpected argument)/i.test(err.message)) throw new UsageError(err.message);
    throw err;
  }
};

export const teamCommands: Record<string, Command> = { team, backup, serve };
