// A refusal by this server's own configuration, as the admins see it (Overview, Integration page, Test
// connection): not "broken", which means only that the CRM refused our credentials.

/**
 * A noted configuration error this recent is still current: events it holds back are tried every
 * CONFIG_RETRY_MS, and each refusal notes it again. An older one is a leftover of a fixed setting.
 */
/**
 * How soon an event refused by this server's configuration is tried again: an operator's fix should not
 * wait the backoff of hours, and a process that keeps refusing does no more than a query every few minutes.
 */
export const CONFIG_RETRY_MS = 5 * 60_000;

export const CONFIG_ERROR_CURRENT_MS = 3 * CONFIG_RETRY_MS;

export interface ConfigurationProblem {
  /** "this server may not reach <host>: <why>" */
  problem: string;
  /** The host this server may not reach, for the translated sentence around the English detail. */
  host: string;
  at: Date;
}

/** The configuration error to show, or null; shown whatever the status, since it is not one. */
export function configurationProblem(integration: { configError: string | null; configErrorAt: Date | null } | null): ConfigurationProblem | null {
  if (!integration?.configError || !integration.configErrorAt) return null;
  const host = /^this server may not reach ([^\s:]+(?::\d+)?):/.exec(integration.configError)?.[1] ?? "the CRM";
  return { problem: integration.configError, host, at: integration.configErrorAt };
}

/** Whether a noted problem still holds deliveries back (see CONFIG_ERROR_CURRENT_MS). */
export const isCurrent = (problem: ConfigurationProblem | null, now = new Date()) => problem !== null && now.getTime() - problem.at.getTime() < CONFIG_ERROR_CURRENT_MS;

/** "this server may not reach …" as a sentence of an error message. */
export const asSentence = (problem: string) => `${problem.charAt(0).toUpperCase()}${problem.slice(1)}`;
