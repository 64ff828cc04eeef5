import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeMember, makeProject } from "@/lib/testing/factories";
import { authenticate, SIGN_IN_ERRORS } from "./sign-in";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "./throttle-policy";

const ip = () => `10.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

async function member() {
  const project = await makeProject();
  return makeMember(project.projectKey, "ADMIN");
}

describe("authenticate", () => {
  it("signs in with the right password, whatever the e-mail's case", async () => {
    const { email, password } = await member();
    const user = await authenticate({ email: email.toUpperCase(), password }, ip());
    expect(user.email).toBe(email);
  });

  it("answers a wrong password and an unknown e-mail with the same error", async () => {
    const { email } = await member();
    await expect(authenticate({ email, password: "wrong-password" }, ip())).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    await expect(authenticate({ email: "nobody@example.test", password: "whatever-pass" }, ip())).rejects.toThrow(SIGN_IN_ERRORS.invalid);
  });

  it("refuses malformed input without touching the database", async () => {
    await expect(authenticate({ email: "not-an-email" }, ip())).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    await expect(authenticate(undefined, ip())).rejects.toThrow(SIGN_IN_ERRORS.invalid);
  });

  it("throttles an e-mail after repeated failures, even from new addresses and with the right password", async () => {
    const { email, password } = await member();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt++) {
      await expect(authenticate({ email, password: "wrong-password" }, ip())).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    }
    await expect(authenticate({ email, password }, ip())).rejects.toThrow(SIGN_IN_ERRORS.throttled);
  });

  it("throttles an address that tries many accounts", async () => {
    const address = ip();
    const { email, password } = await member();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_IP; attempt++) {
      await expect(authenticate({ email: `guess-${attempt}@example.test`, password: "wrong-password" }, address)).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    }
    await expect(authenticate({ email, password }, address)).rejects.toThrow(SIGN_IN_ERRORS.throttled);
    // The same person from another address is not blocked by this one.
    await expect(authenticate({ email, password }, ip())).resolves.toMatchObject({ email });
  });

  it("clears an e-mail's failures after a successful sign-in", async () => {
    const { email, password } = await member();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL - 1; attempt++) {
      await expect(authenticate({ email, password: "wrong-password" }, ip())).rejects.toThrow();
    }
    await authenticate({ email, password }, ip());
    await expect(authenticate({ email, password: "wrong-password" }, ip())).rejects.toThrow(SIGN_IN_ERRORS.invalid);
    await expect(authenticate({ email, password }, ip())).resolves.toMatchObject({ email });
  });
});
