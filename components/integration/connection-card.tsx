"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { Notice } from "@/components/ui/notice";
import { activate, deactivate, disconnectIntegration, replayableStatus, testConnection } from "@/lib/actions/integration";
import type { CrmKind } from "@/lib/connectors/types";
import { brokenCause } from "@/lib/alerts/broken-cause";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";
import { StatusBadge } from "./status-badge";

export interface ConnectionView {
  crm: CrmKind;
  /** The CRM's product name (its descriptor's). */
  crmName: string;
  status: "active" | "inactive" | "broken";
  lastError: string | null;
  account: { accountName?: string; userName?: string; userEmail?: string; apiBase?: string; checkedAt?: string } | null;
}

const REPLAYABLE_POLL_MS = 3_000;

export function ConnectionCard(props: { projectKey: string; connection: ConnectionView; canEdit: boolean; timeZone: string; replayable: number }) {
  const { projectKey, connection, canEdit, timeZone } = props;
  // Events keep arriving while the integration is off: the count the admin decides on stays current.
  const { data: replayable } = useQuery({
    queryKey: ["replayable", projectKey],
    queryFn: async () => {
      const result = await replayableStatus(projectKey, {});
      if (!result.ok) throw new Error(result.error.message);
      return result.data.count;
    },
    initialData: props.replayable,
    refetchInterval: connection.status === "inactive" ? REPLAYABLE_POLL_MS : false,
  });
  const { t, locale } = useI18n();
  const errorText = useActionErrorText();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [confirmingDeactivate, setConfirmingDeactivate] = useState(false);
  const [replay, setReplay] = useState(false);
  const [pending, startTransition] = useTransition();
  const account = connection.account ?? {};
  const checked = account.checkedAt ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(account.checkedAt)) : "—";

  const test = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await testConnection(projectKey, {});
      if (!result.ok) return setMessage({ tone: "error", text: errorText(result.error) });
      const words = { account: result.data.accountName, user: `${result.data.userName} <${result.data.userEmail}>` };
      // A broken integration whose credentials work again is inactive now: the page offers Activate.
      setMessage({ tone: "success", text: t(result.data.recovered ? "integration.tested.recovered" : "integration.tested", words) });
    });
  const switchTo = (next: "active" | "inactive") =>
    startTransition(async () => {
      setMessage(null);
      const result = next === "active" ? await activate(projectKey, { replay }) : await deactivate(projectKey, {});
      if (!result.ok) setMessage({ tone: "error", text: errorText(result.error) });
      setConfirmingDeactivate(false);
      setReplay(false);
    });
  const disconnect = () =>
    startTransition(async () => {
      const result = await disconnectIntegration(projectKey, {});
      if (!result.ok) setMessage({ tone: "error", text: errorText(result.error) });
      setConfirming(false);
    });

  return (
    <section className="max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="connection-title">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="connection-title" className="text-base font-semibold">
          {connection.crmName}
        </h2>
        <StatusBadge status={connection.status} />
      </div>
      {connection.status === "broken" ? (
        <Notice tone="error" testId="broken-cause">
          <p>{t(`integration.broken.${brokenCause(connection.lastError)}`, { crm: connection.crmName })}</p>
          {/* This server's or the CRM's own words, in English: for whoever helps the admin, not the first thing read. */}
          {connection.lastError ? (
            <details className="mt-1 text-xs">
              <summary className="cursor-pointer">{t("integration.broken.details")}</summary>
              <code className="mt-1 block break-words" lang="en">
                {connection.lastError}
              </code>
            </details>
          ) : null}
        </Notice>
      ) : null}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]" data-testid="connected-account">
        <dt className="text-slate-500">{t("integration.account.name")}</dt>
        <dd>{account.accountName || "—"}</dd>
        <dt className="text-slate-500">{t("integration.account.user")}</dt>
        <dd>{account.userName ? `${account.userName} <${account.userEmail}>` : "—"}</dd>
        <dt className="text-slate-500">{t("integration.account.api")}</dt>
        <dd className="break-all">{account.apiBase || "—"}</dd>
        <dt className="text-slate-500">{t("integration.account.checked")}</dt>
        <dd>{checked}</dd>
      </dl>
      <p className="text-xs text-slate-500">{t("integration.secretsNote")}</p>
      {message ? (
        <Notice tone={message.tone} testId="connection-message">
          {message.text}
        </Notice>
      ) : null}
      {/* A broken integration is connected again first (the page's Re-connect form); then it is activated. */}
      {canEdit && connection.status === "inactive" ? (
        <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3">
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-0.5 h-4 w-4" checked={replay} onChange={(event) => setReplay(event.target.checked)} />
            <span>
              <span className="font-medium">{t("integration.replay")}</span>
              <span className="block text-xs text-slate-600">{t("integration.replay.hint")}</span>
              <span className="block text-xs font-medium text-slate-800" data-testid="replay-count">
                {t("integration.replay.count", { count: replayable })}
              </span>
            </span>
          </label>
          <Button onClick={() => switchTo("active")} disabled={pending}>
            {t("integration.activate")}
          </Button>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {canEdit && connection.status === "active" && !confirmingDeactivate ? (
          <Button variant="secondary" onClick={() => setConfirmingDeactivate(true)} disabled={pending}>
            {t("integration.deactivate")}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={test} disabled={pending}>
          {pending && !confirming ? t("integration.testing") : t("integration.test")}
        </Button>
        {canEdit && !confirming ? (
          <Button variant="ghost" onClick={() => setConfirming(true)} disabled={pending}>
            {t("integration.disconnect")}
          </Button>
        ) : null}
      </div>
      {confirmingDeactivate ? (
        <ConfirmPanel
          message={t("integration.deactivate.confirm")}
          confirmLabel={t("integration.deactivate")}
          cancelLabel={t("integration.cancel")}
          pending={pending}
          onConfirm={() => switchTo("inactive")}
          onCancel={() => setConfirmingDeactivate(false)}
        />
      ) : null}
      {confirming ? (
        <ConfirmPanel
          message={t("integration.disconnect.confirm", { crm: connection.crmName })}
          confirmLabel={t("integration.disconnect")}
          cancelLabel={t("integration.cancel")}
          pending={pending}
          onConfirm={disconnect}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </section>
  );
}
