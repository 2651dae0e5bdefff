import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnectors } from '../../src/app/connectors.js';
import { runCycle } from '../../src/app/cycle.js';
import { sandboxConfig } from '../../src/app/demo.js';
import { silentLogger } from '../../src/core/log.js';
import { systemClock, type Clock } from '../../src/core/time.js';
import type { Flag } from '../../src/model/index.js';
import { generateCompany, type Company } from '../../src/sandbox/company/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { openStore } from '../../src/store/index.js';

export interface PlantedRun {
  company: Company;
  /** Every analysed item's ref → the flags the analysis gave it. */
  flags: Map<string, Flag[]>;
}

/**
 * A generated company in the fake Jira and ServiceNow, pulled by the real connectors and analysed
 * by the composed cycle (sync → analyze), exactly as `bearing run --once` does minus write-back.
 * `clock` is bearing's and the fakes' (the system clock unless a test moves it).
 */
export async function runPlantedCompany(
  seed: number,
  size: number,
  clock: Clock = systemClock,
): Promise<PlantedRun> {
  // The company's last edits lie a minute back, outside the connectors' settle window.
  const company = generateCompany({ seed, size, now: clock.now() - 60_000 });
  const sandbox = await startSandbox({ people: company.people, tickets: company.tickets, now: clock.now });
  const dir = await mkdtemp(join(tmpdir(), 'bearing-flags-'));
  const controller = new AbortController();
  try {
    const config = await sandboxConfig(sandbox, company, dir, { out: join(dir, 'out'), writeback: false });
    const log = silentLogger();
    const store = await openStore(config.store.url);
    try {
      await store.migrate();
      const connectors = createConnectors(config, { log, clock, signal: controller.signal });
      for (const connector of connectors) await connector.setup(controller.signal);
      const cycle = await runCycle({
        config,
        store,
        connectors,
        log,
        clock,
        runId: 'flags',
        signal: controller.signal,
        stages: ['sync', 'analyze'],
      });
      if (!cycle.ok) throw new Error(`the cycle failed: ${cycle.failures.join('; ')}`);
      const analysis = await store.lastRun('analysis', 'succeeded');
      if (!analysis) throw new Error('the cycle recorded no analysis');
      const refs = new Map<string, string>();
      for await (const item of store.iterateItems()) refs.set(item.uid, item.ref);
      const flags = new Map<string, Flag[]>();
      for await (const { score } of store.iterateScores(analysis.id)) {
        flags.set(refs.get(score.uid) ?? score.uid, score.flags);
      }
      return { company, flags };
    } finally {
      await store.close();
    }
  } finally {
    controller.abort();
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
