import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sqliteStore } from './fixtures/helpers.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Starts the child worker and resolves once its cycle is running. */
async function startChild(path: string, mode?: 'stuck') {
  const child = spawn(
    process.execPath,
    [
      '--import',
      here('../store/fixtures/ts-resolve.mjs'),
      here('./fixtures/sigterm-worker.ts'),
      path,
      ...(mode ? [mode] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const messages: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const pulling = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const { msg } = JSON.parse(line) as { msg: string };
      messages.push(msg);
      if (msg === 'cycle is pulling') resolve();
    });
    void exited.then(() => reject(new Error(`the child exited before its cycle started: ${stderr}`)));
  });
  await pulling;
  return { child, messages, exited, stderr: () => stderr };
}

describe('bearing under SIGTERM (a real child process)', () => {
  it('aborts the running cycle, lets it commit, releases the lease and exits 0', async () => {
    const { store, path } = await sqliteStore();
    const run = await startChild(path);
    expect((await store.acquireLease('cycle', 'probe', 60_000, Date.now())).lease.holder).toBe(
      'child-worker',
    );

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });

    expect(run.stderr()).toBe('');
    const order = [
      /^received SIGTERM/,
      /^committed what was stored$/,
      /^cycle \S+ aborted after/,
      /^worker stopped$/,
    ];
    const at = order.map((pattern) => run.messages.findIndex((m) => pattern.test(m)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect((await store.acquireLease('cycle', 'probe', 60_000, Date.now())).acquired).toBe(true);
  });

  it('exits at once on a second SIGTERM while the cycle ignores the first', async () => {
    const { path } = await sqliteStore();
    const run = await startChild(path, 'stuck');
    run.child.kill('SIGTERM');
    await expect.poll(() => run.messages.some((m) => m.startsWith('received SIGTERM'))).toBe(true);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 143, signal: null });
  });
});
