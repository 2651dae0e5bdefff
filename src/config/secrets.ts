import type { Substitution } from './env.js';
import type { KeyPath } from './issues.js';
import type { BearingFile } from './schema/index.js';

/** Keys whose values are credentials, or URLs that may carry one. */
const CREDENTIAL_PATHS: readonly string[] = [
  'store',
  'jira.auth.token',
  'jira.auth.pat',
  'jira.auth.bearer',
  'servicenow.auth.password',
  'servicenow.auth.token',
  'report.email.smtp',
  'report.webhook.url',
];

const isCredentialPath = (path: KeyPath): boolean => CREDENTIAL_PATHS.includes(path.join('.'));

/**
 * Every literal the logger must blank out: what came from the environment into a credential
 * key, the credentials themselves wherever they came from, a password inside a store or SMTP URL,
 * the whole webhook URL (its path is the secret for Slack and Teams hooks), and the Base64 of each
 * Basic `user:secret` pair, so an Authorization header cannot leak one either.
 */
export function collectSecrets(file: BearingFile, substitutions: readonly Substitution[]): string[] {
  const secrets = new Set<string>();
  for (const { path, values } of substitutions) {
    if (isCredentialPath(path)) values.forEach((v) => secrets.add(v));
  }

  const basic = (user: string, secret: string): string => Buffer.from(`${user}:${secret}`).toString('base64');
  const jira = file.jira?.auth;
  if (jira?.type === 'basic') secrets.add(jira.token).add(basic(jira.email, jira.token));
  if (jira?.type === 'pat') secrets.add(jira.pat);
  if (jira?.type === 'bearer') secrets.add(jira.bearer);
  const sn = file.servicenow?.auth;
  if (sn?.type === 'basic') secrets.add(sn.password).add(basic(sn.user, sn.password));
  if (sn?.type === 'bearer') secrets.add(sn.token);

  for (const url of [file.store.kind === 'postgres' ? file.store.url : undefined, file.report.email?.smtp]) {
    const password = url !== undefined && URL.canParse(url) ? new URL(url).password : '';
    if (password !== '') secrets.add(password).add(decodeURIComponent(password));
  }
  if (file.report.webhook !== undefined) secrets.add(file.report.webhook.url);

  secrets.delete('');
  return [...secrets];
}
