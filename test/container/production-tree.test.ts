import { execFile, spawn } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../service/fixtures/world.js';

// No Docker engine runs here. This builds the tree the Dockerfile's final stage holds (dist, config,
// package.json, production dependencies only) in a temporary directory, owned by root and only
// read, and runs bearing from it as `nobody` against the sandbox, the way the image runs as `node`
// on a read-only root filesystem with a writable /data.
const ROOT = join(import.meta.dirname, '../..');
const NOBODY = { uid: 65_534, gid: 65_534 };
const asRoot = process.getuid?.() === 0;
// Runs a command as nobody without a shell in between (util-linux's setpriv).
const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

let dir: string;
let app: string;
let data: string;
let world: World;

/** Runs a command to its end, asynchronously (the sandbox serves from this process). */
function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024, ...options },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

// The pinned Node first on PATH, so npm and the probe run on Node 24 like the image.
const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
const bearingEnv = (): Record<string, string> => ({ PATH, NODE_ENV: 'production', ...world.env });
const bearingArgs = (...args: string[]): string[] => [
  ...AS_NOBODY.slice(1),
  process.execPath,
  join(app, 'dist/cli/bin.js'),
  ...args,
  '--config',
  world.configPath,
];
const bearingAsNobody = (...args: string[]) =>
  run(AS_NOBODY[0]!, bearingArgs(...args), { cwd: app, env: bearingEnv() });

if (!asRoot)
  console.warn('production-tree test skipped: switching to the unprivileged user `nobody` needs root');

describe.skipIf(!asRoot)(
  'the production tree (the image without Docker), run as an unprivileged user',
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'bearing-image-'));
      chmodSync(dir, 0o755);
      app = join(dir, 'app');
      data = join(dir, 'data');
      mkdirSync(app);
      mkdirSync(data);
      chownSync(data, NOBODY.uid, NOBODY.gid);

      const build = await run(
        process.execPath,
        [
          join(ROOT, 'node_modules/typescript/bin/tsc'),
          '-p',
          'tsconfig.build.json',
          '--outDir',
          join(app, 'dist'),
        ],
        { cwd: ROOT },
      );
      expect(build.code, `npm run build failed:\n${build.stdout}${build.stderr}`).toBe(0);
      for (const entry of ['package.json', 'package-lock.json', 'config'])
        cpSync(join(ROOT, entry), join(app, entry), { recursive: true });
      const install = await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
        cwd: app,
        // npm's own settings (registry, CA certificates) come from the environment.
        env: { ...process.env, PATH } as Record<string, string>,
      });
      expect(install.code, `npm ci --omit=dev failed:\n${install.stderr}`).toBe(0);

      world = await startWorld({
        config: {
          store: `sqlite:${join(data, 'bearing.db')}`,
          report: { out: join(data, 'out') },
          server: { port: 0, host: '127.0.0.1' },
          logLevel: 'info',
        },
        setup: false,
      });
      chmodSync(world.dir, 0o755);
      const setup = await bearingAsNobody('setup');
      expect(setup.code, setup.stderr).toBe(0);
    }, 300_000);

    afterAll(async () => {
      await world?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('holds production dependencies only', () => {
      const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { dev?: boolean }>;
      };
      const dev = Object.keys(lock.packages).filter(
        (p) => p.startsWith('node_modules/') && lock.packages[p]?.dev,
      );
      expect(dev.length).toBeGreaterThan(0);
      for (const p of dev) expect(() => statSync(join(app, p)), `${p} is a dev dependency`).toThrow();
      expect(statSync(join(app, 'node_modules/prom-client')).isDirectory()).toBe(true);
    });

    it('runs `bearing run --once` as nobody, writing only to the data directory', async () => {
      const once = await bearingAsNobody('run', '--once');
      expect(once.code, once.stderr).toBe(0);
      expect(once.stdout).toMatch(
        /synced 200 items in \d+ scopes \(0 quarantined\); analysed 200 items; wrote \d+ items/,
      );
      expect(statSync(join(data, 'bearing.db')).uid).toBe(NOBODY.uid);
      expect(statSync(join(app, 'dist')).uid).toBe(0);
    });

    it("answers the Dockerfile's HEALTHCHECK, and stops with exit 0 on SIGTERM", async () => {
      const child = spawn(AS_NOBODY[0]!, bearingArgs('run'), {
        cwd: app,
        env: bearingEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          const { url: served, msg } = JSON.parse(line) as { url?: string; msg: string };
          if (served && msg.startsWith('serving /healthz')) resolve(served);
        });
        void exited.then((code) => reject(new Error(`bearing run exited with ${code} before serving`)));
      });

      const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
      const probe = JSON.parse(/^HEALTHCHECK [^\n]*\\\n\s*CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? 'null') as
        string[] | null;
      expect(probe?.[0]).toBe('node');
      const healthy = await run(process.execPath, probe!.slice(1), {
        env: { PATH, BEARING_HEALTH_URL: `${url}/healthz` },
      });
      expect(healthy.code, healthy.stderr).toBe(0);
      const unhealthy = await run(process.execPath, probe!.slice(1), {
        env: { PATH, BEARING_HEALTH_URL: `${url}/nothing-here` },
      });
      expect(unhealthy.code).toBe(1);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    });
  },
);
