import { z } from "zod";
import { text } from "./text";
import { EVENT_STATUSES, EVENT_TYPES } from "./integration";

/** The Events page's filters, as its URL and its "Send again all failed" action carry them. */
export const eventListFilterSchema = z.object({
  status: z.enum(EVENT_STATUSES).optional().catch(undefined),
  type: z.enum(EVENT_TYPES).optional().catch(undefined),
  lookups: z.boolean().default(false),
  q: text(200).trim().default(""),
});
export type EventListFilterInput = z.input<typeof eventListFilterSchema>;
export type EventListFilterOutput = z.output<typeof eventListFilterSchema>;
