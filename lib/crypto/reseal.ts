// Sealing again, in the v2 format (key id, bound to the row), every value an older release sealed as v1.
// Run at start-up after the migrations: v1 values still open meanwhile, so installations keep working
// whether or not this has run yet (and it is safe with several processes starting at once).
import { createHash } from "node:crypto";
import { findLegacySealed, replaceSealed } from "@/lib/db/queries/legacy-secrets";
import { openSecret, sealSecret, secretPlaces } from "./secrets";

const digest = (sealed: string) => createHash("sha256").update(sealed).digest("hex");

/** How many values were sealed again. */
export async function resealLegacySecrets(): Promise<number> {
  let total = 0;
  for (;;) {
    const batch = await findLegacySealed();
    if (!batch.length) return total;
    let moved = 0;
    for (const target of batch) {
      const place = secretPlaces[target.kind](target.row);
      const next = sealSecret(openSecret(target.sealed, place), place);
      if (await replaceSealed(target, next, target.kind === "credentials" ? { from: digest(target.sealed), to: digest(next) } : undefined)) moved++;
    }
    total += moved;
    // Everything left was rewritten by someone else meanwhile (as v2): nothing more to do.
    if (moved === 0) return total;
  }
}
