/** The app's entry point run as a real process until it exits or serves: the configuration tests start it this way. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's real entry point, as `npm start` runs it. */
export const MAIN = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../apps/main.js');

export interface Exited {
  readonly code: number | null;
  /** The signal that ended it, when one did (SIGTERM before its handlers were set). */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `node dist/apps/main.js` with exactly `env` (plus PATH) and waits for it to exit. */
export function runUntilExit(env: Record<string, string>): Promise<Exited> {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(child);
}

/**
 * Starts the app and resolves with its `listening` log line (parsed) once it serves; `stop()` sends
 * SIGTERM to that process alone and waits for it to exit.
 */
export async function startUntilListening(env: Record<string, string>): Promise<{ listening: Record<string, unknown>; stop(): Promise<Exited> }> {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = collect(child);
  const listening = await new Promise<Record<string, unknown>>((resolveLine, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        if (line.includes('"msg":"listening"')) resolveLine(JSON.parse(line) as Record<string, unknown>);
      }
    });
    void exited.then((result) => reject(new Error(`the app exited before listening: ${result.stderr}`)));
  });
  return {
    listening,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function collect(child: ChildProcess): Promise<Exited> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolveExit) => child.on('close', (code, signal) => resolveExit({ code, signal, stdout, stderr })));
}
