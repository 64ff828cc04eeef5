// A separate process for the Zoho search-cap test: one connector (the credentials in ZOHO_CREDENTIALS),
// SEARCHES phone searches at once, then one line "result {ok, failed, errors}" and exit. Several of
// these share one CRM connection, as app and worker processes do.
import { ZohoConnector } from "@/lib/connectors/zoho/connector";
import type { ZohoCredentials } from "@/lib/connectors/types";

const credentials = JSON.parse(process.env.ZOHO_CREDENTIALS!) as ZohoCredentials;
const searches = Number(process.env.SEARCHES ?? 8);
const zoho = new ZohoConnector(credentials);
const outcomes = await Promise.allSettled(Array.from({ length: searches }, (_, index) => zoho.searchPhoneCandidates("contact", `5550${String(index).padStart(5, "0")}`)));
const errors = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [String((outcome.reason as Error).message)] : []));
process.stdout.write(`result ${JSON.stringify({ ok: searches - errors.length, failed: errors.length, errors })}\n`);
process.exit(0);
