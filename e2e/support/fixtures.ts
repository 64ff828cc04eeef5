// The people and projects the e2e server seeds; specs sign in with these.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const PASSWORD = "e2e-password-123";

export const PROJECT = { key: "e2e", name: "E2E project" };
export const OTHER_PROJECT = { key: "e2e-other", name: "Second project" };
export const STRANGER_PROJECT = { key: "e2e-stranger", name: "Nobody's project" };
/** Owned by the owner, with the admin as ADMIN: the project the delete test removes. */
export const DOOMED_PROJECT = { key: "e2e-doomed", name: "Project to delete" };
/** Owned by the owner, set up from nothing by the overview test (checklist, charts). */
export const OVERVIEW_PROJECT = { key: "e2e-overview", name: "Overview project" };
/** Owner OWNER and admin ADMIN (the alert mails' recipients); its sandbox token is revoked by the alerts test. */
export const ALERTS_PROJECT = { key: "e2e-alerts", name: "Alerts project" };

export const USERS = {
  owner: { email: "owner@e2e.test", role: "OWNER" },
  admin: { email: "admin@e2e.test", role: "ADMIN" },
  viewer: { email: "viewer@e2e.test", role: "VIEWER" },
  /** Demoted to VIEWER mid-test to prove the server re-checks the role on every action. */
  demoted: { email: "demoted@e2e.test", role: "ADMIN" },
  throttled: { email: "throttled@e2e.test", role: "ADMIN" },
} as const;

export type UserName = keyof typeof USERS;

/** Written by the e2e server so specs can reach the throwaway database. */
export const STATE_FILE = "test-results/e2e-state.json";
