// Faults a sandbox can inject, set through POST /sandbox/{crm}/_control: the failure modes real CRMs have.
import { z } from "zod";

export const faultsSchema = z.object({
  /** Added to every API answer. */
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  /** Share of API requests answered with a 5xx (0..1). */
  errorRate: z.number().min(0).max(1).default(0),
  /** The next N API requests are answered 429 with the vendor's rate-limit answer. */
  burst429: z.number().int().min(0).max(10_000).default(0),
  /** Share of requests delayed by spikeMs on top of latencyMs (0..1). */
  spikeRate: z.number().min(0).max(1).default(0),
  spikeMs: z.number().int().min(0).max(120_000).default(2_000),
  /** Pipedrive burst limits per token and 2-second window (plan-dependent in the real CRM). */
  burstLimit: z.number().int().min(1).max(100_000).default(80),
  searchBurstLimit: z.number().int().min(1).max(100_000).default(10),
  /** Records younger than this are not yet found by search (Zoho's indexing delay). */
  searchIndexDelayMs: z.number().int().min(0).max(600_000).default(0),
});
export type Faults = z.infer<typeof faultsSchema>;

export const readFaults = (value: unknown): Faults => faultsSchema.parse(value && typeof value === "object" ? value : {});

/** The delay to apply to one request, and whether it fails with a 5xx. Random draws are injected for tests. */
export function drawFaults(faults: Faults, random: () => number = Math.random): { delayMs: number; fail5xx: boolean } {
  const spike = faults.spikeRate > 0 && random() < faults.spikeRate ? faults.spikeMs : 0;
  return { delayMs: faults.latencyMs + spike, fail5xx: faults.errorRate > 0 && random() < faults.errorRate };
}

export const sleep = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
