// Sealing again, in the v2 format (key id, bound to the row) with the current key, every value an older
// release sealed as v1 and every value sealed with a retired key (ENCRYPTION_KEYS_RETIRED).
// Run at start-up after the migrations: v1 values still open meanwhile, so installations keep working
// whether or not this has run yet (and it is safe with several processes starting at once).
import { createHash } from "node:crypto";
import { findLegacySealed, replaceSealed } from "@/lib/db/queries/legacy-secrets";
import { log } from "@/lib/observability/logger";
import { currentSealPrefix, openSecret, sealSecret, secretPlaces } from "@/lib/crypto/secrets";

const digest = (sealed: string) => createHash("sha256").update(sealed).digest("hex");

/** How many values were sealed again. */
export async function resealLegacySecrets(): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await findLegacySealed(currentSealPrefix());
    if (!batch.length) return total;
    let moved = 0;
    for (const target of batch) {
      const place = secretPlaces[target.kind](target.row);
      let plaintext: string;
      try {
        plaintext = openSecret(target.sealed, place);
      } catch (error) {
        // Sealed with a key this server does not have: left as it is (it fails where it is used, with the
        // key id in the message) rather than keeping every other tenant's server from starting.
        log("crypto").warn({ kind: target.kind, row: target.row, problem: (error as Error).message }, "a stored secret could not be opened to seal it again");
        continue;
      }
      const next = sealSecret(plaintext, place);
      if (await replaceSealed(target, next, target.kind === "credentials" ? { from: digest(target.sealed), to: digest(next) } : undefined)) moved++;
    }
    total += moved;
    // Everything left was rewritten by someone else meanwhile (as v2): nothing more to do.
    if (moved === 0) return total;
  }
}
