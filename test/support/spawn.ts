/** Runs the CLI as a real process (for kills, concurrency and process-level error handling). */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** What a finished process printed and how it ended. */
export interface ProcessRun { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Starts `competency <args>` (node + tsx, as `npm run competency` does). */
export function startCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): { child: ChildProcess; done: Promise<ProcessRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '', stderr = '';
  child.stdout?.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<ProcessRun>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs `competency <args>` to the end. */
export function runCliProcess(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<ProcessRun> {
  return startCli(args, env).done;
}
