import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// No Docker engine runs here, so the Dockerfile's promises are checked by reading it.
const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
const dockerignore = readFileSync(new URL('../../.dockerignore', import.meta.url), 'utf8');
const instructions = dockerfile
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages = dockerfile.split(/^FROM /m).slice(1);
const finalStage = stages.at(-1) ?? '';

describe('the container image', () => {
  it('is a multi-stage build on Node 24', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^node:24[-\w.]*/);
  });

  it('runs as a non-root user', () => {
    const users = instructions.filter((line) => line.startsWith('USER '));
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/USER\s+(root|0)(\s|$|:)/);
    expect(finalStage).toMatch(/^USER\s+\S+/m);
  });

  it('ships production dependencies only', () => {
    const installs = finalStage.match(/npm (ci|install)[^\n]*/g) ?? [];
    for (const install of installs) expect(install).toContain('--omit=dev');
    // The final stage copies node_modules only from a stage that installed with --omit=dev.
    const copied = /COPY --from=(\w+) \/app\/node_modules/.exec(finalStage)?.[1];
    expect(copied).toBeDefined();
    const source = stages.find((s) => new RegExp(`AS ${copied}\\b`).test(s.split('\n')[0] ?? '')) ?? '';
    expect(source).toMatch(/npm ci --omit=dev/);
  });

  it('bakes in no secrets and keeps local env files out of the build context', () => {
    expect(dockerfile).not.toMatch(/(TOKEN|PASSWORD|SECRET|PAT)\s*=/i);
    expect(dockerfile).not.toMatch(/^(ENV|ARG)\s+\w*(TOKEN|PASSWORD|SECRET)/im);
    expect(dockerignore).toMatch(/^\.env$/m);
  });

  it('keeps the store on a /data volume and lets node receive signals directly', () => {
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]/m);
    expect(finalStage).toMatch(/^ENTRYPOINT \["node", /m);
    expect(finalStage).not.toMatch(/^(ENTRYPOINT|CMD) (npm|sh|\/bin\/sh)/m);
  });

  it('checks its health with node itself (no curl in the slim image) on /healthz', () => {
    const healthcheck = /^HEALTHCHECK [^\n]*\\\n\s*CMD (\[.*\])$/m.exec(finalStage)?.[1];
    expect(healthcheck).toBeDefined();
    const probe = JSON.parse(healthcheck ?? '[]') as string[];
    expect(probe[0]).toBe('node');
    expect(finalStage).toMatch(/^ENV BEARING_HEALTH_URL=http:\/\/127\.0\.0\.1:9464\/healthz$/m);
    expect(instructions.join('\n')).not.toMatch(/curl|wget/);
  });

  it('leaves the application read-only to the user it runs as', () => {
    const beforeUser = finalStage.slice(0, finalStage.search(/^USER /m));
    expect(beforeUser).not.toMatch(/chown[^\n]*\/app/);
    expect(finalStage).not.toMatch(/COPY --chown/);
  });
});
