// Faults a sandbox can inject, set through POST /sandbox/{crm}/_control: the failure modes real CRMs have.
import { z } from "zod";

/** Each fault, all optional: a control request names only what it changes. */
export const faultsSchema = z.object({
  /** Added to every API answer. */
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  /** Share of API requests answered with a 5xx (0..1). */
  errorRate: z.number().min(0).max(1).optional(),
  /** The next N API requests are answered 429 with the vendor's rate-limit answer. */
  burst429: z.number().int().min(0).max(10_000).optional(),
  /** Share of requests delayed by spikeMs on top of latencyMs (0..1). */
  spikeRate: z.number().min(0).max(1).optional(),
  spikeMs: z.number().int().min(0).max(120_000).optional(),
  /** Pipedrive burst limits per token and 2-second window (plan-dependent in the real CRM). */
  burstLimit: z.number().int().min(1).max(100_000).optional(),
  searchBurstLimit: z.number().int().min(1).max(100_000).optional(),
  /** Records younger than this are not yet found by search (Zoho's indexing delay). */
  searchIndexDelayMs: z.number().int().min(0).max(600_000).optional(),
});
export type Faults = Required<z.infer<typeof faultsSchema>>;

const DEFAULT_FAULTS: Faults = { latencyMs: 0, errorRate: 0, burst429: 0, spikeRate: 0, spikeMs: 2_000, burstLimit: 80, searchBurstLimit: 10, searchIndexDelayMs: 0 };

/** An account's stored faults over the defaults. */
export const readFaults = (value: unknown): Faults => ({ ...DEFAULT_FAULTS, ...faultsSchema.parse(value && typeof value === "object" ? value : {}) });

/** The delay to apply to one request, and whether it fails with a 5xx. Random draws are injected for tests. */
export function drawFaults(faults: Faults, random: () => number = Math.random): { delayMs: number; fail5xx: boolean } {
  const spike = faults.spikeRate > 0 && random() < faults.spikeRate ? faults.spikeMs : 0;
  return { delayMs: faults.latencyMs + spike, fail5xx: faults.errorRate > 0 && random() < faults.errorRate };
}

export const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
