import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';

function capture(): { stream: Writable; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('the logger', () => {
  it('writes JSON lines at the configured level', () => {
    const out = capture();
    const log = createLogger({ level: 'warn', destination: out.stream });
    log.info('hidden');
    log.warn({ scope: 'OPS' }, 'shown');
    const lines = out.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'shown', scope: 'OPS', app: 'bearing' });
  });

  it('redacts credential fields wherever they sit in a logged object', () => {
    const out = capture();
    const log = createLogger({ destination: out.stream });
    log.info(
      {
        jira: { auth: { email: 'bot@acme.example', token: 'tok-jira-123' } },
        request: { headers: { Authorization: 'Basic Ym90OnRvay1qaXJhLTEyMw==' } },
        password: 'hunter22',
      },
      'config loaded',
    );
    const text = out.lines().join('\n');
    expect(text).not.toContain('tok-jira-123');
    expect(text).not.toContain('Ym90OnRvay1qaXJhLTEyMw==');
    expect(text).not.toContain('hunter22');
    expect(text).toContain('[redacted]');
  });

  it('masks known secret values even inside free text and nested under unexpected keys', () => {
    const out = capture();
    const basic = Buffer.from('bot@acme.example:tok-jira-123').toString('base64');
    const log = createLogger({ destination: out.stream, secrets: ['tok-jira-123', basic] });
    log.error({ err: { detail: `sent Basic ${basic}` } }, 'upstream said: token tok-jira-123 is invalid');
    const text = out.lines().join('\n');
    expect(text).not.toContain('tok-jira-123');
    expect(text).not.toContain(basic);
    expect(text).toContain('token [redacted] is invalid');
  });
});
