// Reading and changing a project's integration configuration: zod first, then the CRM's own metadata,
// then one transaction with an audit entry per changed section. Invalid input changes nothing.
import type { Tx } from "@/lib/db/transaction";
import { ttlCache } from "@/lib/cache/ttl";
import { findConfigDocument, writeConfigDocument } from "@/lib/db/queries/config";
import { AppError, isCrmError, issuesFromZod, type ErrorIssue } from "@/lib/errors";
import { englishMessage } from "@/lib/i18n/config";
import { CONFIG_SECTIONS, integrationConfigSchema, mappingRowSchema, type ConfigSection, type IntegrationConfig } from "@/lib/validation/config";
import { configChanged } from "./changed";
import { checkAgainstCrm, type CrmMetadata } from "./crm-checks";
import { defaultConfig } from "./defaults";
import { crmMetadata } from "./metadata";
import { normaliseIds } from "./normalise-ids";
import { CHANNELS, MAPPED_ENTITIES } from "@/lib/validation/vocabulary";

export async function loadConfig(projectId: string): Promise<IntegrationConfig> {
  const stored = await findConfigDocument(projectId);
  if (!stored) return defaultConfig();
  const parsed = integrationConfigSchema.safeParse(stored);
  // A stored document always passed validation; if a later version tightened a rule, keep what still fits.
  return parsed.success ? parsed.data : { ...defaultConfig(), ...(stored as Partial<IntegrationConfig>) };
}

/**
 * The configuration as the webhooks read it, kept for a few seconds (they run many times a second).
 * A save in this process is seen at once; other processes see it within the TTL.
 */
const webhookConfigs = ttlCache<IntegrationConfig>("webhook-configs", 5_000);
export const loadConfigForWebhooks = (projectId: string): IntegrationConfig | Promise<IntegrationConfig> =>
  webhookConfigs.peek(projectId)?.value ?? webhookConfigs.get(projectId, () => loadConfig(projectId));

interface Who {
  userId: string | null;
  actor: string;
}

const CRM_CHECKED: ConfigSection[] = ["defaultFields", "mappings", "stageRules", "employees"];

/** Where the CRM's metadata comes from: the stored connection, or one being connected in the same PUT. */
export type MetadataSource = () => Promise<CrmMetadata | null>;

const storedMetadata =
  (projectId: string): MetadataSource =>
  async () => {
    try {
      return await crmMetadata(projectId);
    } catch (error) {
      if (isCrmError(error)) throw new AppError("UNAVAILABLE", `Could not read the CRM's fields and pipelines to check them: ${error.message}`);
      throw error;
    }
  };

type CrmChecked = Pick<IntegrationConfig, "defaultFields" | "mappings" | "stageRules" | "employees">;
const needsCrm = (config: CrmChecked) =>
  config.stageRules.length > 0 ||
  Object.values(config.defaultFields).some((fields) => Object.values(fields).some(Boolean)) || Object.values(config.mappings).some((tabs) => Object.values(tabs).some((rows) => rows.length > 0)) || config.employees.some((employee) => employee.crmUserId);

/** The configuration with names turned into the CRM's ids, and what the CRM's metadata refuses in it. */
async function crmChecked<C extends CrmChecked>(config: C, sections: ConfigSection[], source: MetadataSource): Promise<{ config: C; issues: ErrorIssue[] }> {
  if (!sections.some((section) => CRM_CHECKED.includes(section)) || !needsCrm(config)) return { config, issues: [] };
  const metadata = await source();
  const normalised = metadata ? normaliseIds(config, metadata) : config;
  return { config: normalised, issues: checkAgainstCrm(normalised, metadata).filter((issue) => sections.some((section) => issue.path.startsWith(`${section}.`))) };
}

type Writer = Tx | undefined;

/** Writes what changed, one audit entry per section; caches are forgotten by `configSaved` once it is committed. */
async function write(projectId: string, projectKey: string, before: IntegrationConfig, after: IntegrationConfig, who: Who, tx: Writer) {
  const changes = (Object.keys(CONFIG_SECTIONS) as ConfigSection[])
    .filter((section) => JSON.stringify(before[section]) !== JSON.stringify(after[section]))
    .map((section) => ({ section, before: { [section]: before[section] }, after: { [section]: after[section] } }));
  if (changes.length) await writeConfigDocument(projectId, after, changes, { ...who, target: projectKey }, tx);
}

export function configSaved(projectId: string) {
  webhookConfigs.forget(projectId);
  configChanged(projectId);
}

const rawIssues = (issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): ErrorIssue[] => issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));

/**
 * One editor's save. Issue paths are relative to the section and messages stay i18n keys, for the
 * form to show them in place, translated.
 */
export async function saveConfigSection<S extends ConfigSection>(project: { id: string; key: string }, section: S, raw: unknown, who: Who): Promise<IntegrationConfig[S]> {
  const parsed = CONFIG_SECTIONS[section].safeParse(raw);
  if (!parsed.success) throw new AppError("UNPROCESSABLE", "validation.invalid", rawIssues(parsed.error.issues).map((issue) => ({ ...issue, path: `value.${issue.path}`.replace(/\.$/, "") })));
  const before = await loadConfig(project.id);
  const after = { ...before, [section]: parsed.data } as IntegrationConfig;
  const whole = integrationConfigSchema.safeParse(after);
  const checked = await crmChecked(after, [section], storedMetadata(project.id));
  const all = [...(whole.success ? [] : rawIssues(whole.error.issues)), ...checked.issues];
  // Problems are shown in the editor that saves; one named only in another section still refuses the save.
  const own = all.filter((issue) => issue.path.startsWith(`${section}.`));
  const issues = own.length ? own : all;
  if (issues.length) {
    const prefix = `${section}.`;
    // Paths as the editor's form names them: the section's value lives under `value`.
    throw new AppError("UNPROCESSABLE", "validation.invalid", issues.map((issue) => ({ ...issue, path: `value.${issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path}`.replace(/\.$/, "") })));
  }
  await write(project.id, project.key, before, checked.config, who, undefined);
  configSaved(project.id);
  return checked.config[section];
}

/**
 * The whole document checked as the config API's PUT needs it: every problem at once, nothing written.
 * Answers the configuration with names turned into the CRM's ids. `source` null skips the CRM checks
 * (the connection sent with it is itself invalid, so there is no CRM to check against).
 */
export async function validateConfig(projectId: string, raw: unknown, source: MetadataSource | null = storedMetadata(projectId)): Promise<IntegrationConfig> {
  const parsed = integrationConfigSchema.safeParse(raw);
  const zodIssues = parsed.success ? [] : issuesFromZod(parsed.error.issues, "config.");
  // CRM checks run on whatever parsed, so one answer names the duplicate field and the unknown stage alike.
  const checked = source ? await crmChecked(parsed.success ? parsed.data : shapedForCrmChecks(raw), CRM_CHECKED, source) : null;
  const crm = (checked?.issues ?? []).map((issue) => ({ path: `config.${issue.path}`, message: englishMessage(issue.message) }));
  const issues = [...zodIssues, ...crm];
  if (issues.length || !parsed.success) throw new AppError("UNPROCESSABLE", "The configuration is not valid; nothing was changed.", issues);
  return (checked?.config as IntegrationConfig | undefined) ?? parsed.data;
}

/** Replaces the whole configuration; inside `tx` when the same PUT also stores a connection. */
export async function replaceConfig(project: { id: string; key: string }, config: IntegrationConfig, who: Who, tx?: Tx): Promise<IntegrationConfig> {
  await write(project.id, project.key, await loadConfig(project.id), config, who, tx);
  return config;
}

/** A document that failed zod may lack sections; only what has the expected shape is checked against the CRM. */
function shapedForCrmChecks(raw: unknown): CrmChecked {
  const candidate = raw as Partial<IntegrationConfig> | undefined;
  const mappings = defaultConfig().mappings;
  for (const channel of CHANNELS) {
    for (const entity of MAPPED_ENTITIES) {
      const rows: unknown = (candidate?.mappings as Record<string, Record<string, unknown>> | undefined)?.[channel]?.[entity];
      // Rows are checked one by one, so a duplicate in a tab does not hide a non-string field beside it.
      mappings[channel][entity] = Array.isArray(rows) ? rows.map((row) => (mappingRowSchema.safeParse(row).success ? row : { field: "", source: { type: "constant", value: "" } })) : [];
    }
  }
  const defaultFields = CONFIG_SECTIONS.defaultFields.safeParse(candidate?.defaultFields);
  return {
    defaultFields: defaultFields.success ? defaultFields.data : defaultConfig().defaultFields,
    mappings,
    stageRules: Array.isArray(candidate?.stageRules) ? candidate.stageRules.filter((rule) => rule && typeof rule.pipelineId === "string" && typeof rule.stageId === "string") : [],
    employees: CONFIG_SECTIONS.employees.safeParse(candidate?.employees).success ? candidate!.employees! : [],
  };
}
