import { z } from "zod";

/** POST …/integration/activate: `replay` sends the stored events of the last 3 days (F12). */
export const activateSchema = z.object({ replay: z.boolean().default(false) });

export const EVENT_STATUSES = ["queued", "delivered", "failed", "skipped", "dead"] as const;
/** Platform events, plus the responsible-manager lookups kept beside them (F13). */
export const EVENT_TYPES = ["call", "form", "messenger", "recording", "summary", "lookup"] as const;

/** GET …/events filters (config API and the Events page). */
export const eventFilterSchema = z.object({
  status: z.enum(EVENT_STATUSES).optional(),
  type: z.enum(EVENT_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
