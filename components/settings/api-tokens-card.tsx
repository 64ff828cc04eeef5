"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { ConfirmPanel } from "@/components/ui/confirm-panel";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { Notice } from "@/components/ui/notice";
import { TableShell } from "@/components/ui/table-shell";
import { createApiTokenAction, revokeApiTokenAction, rotateApiTokenAction } from "@/lib/actions/api-tokens";
import { useActionErrorText, useI18n } from "@/lib/i18n/client";
import { apiTokenSchema, type ApiTokenInput } from "@/lib/validation/api-token";
import { NewSecret } from "./new-secret";

export interface TokenRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type Pending = { id: string; kind: "rotate" | "revoke" } | null;

/** The project's API tokens: create (shown once), rotate and revoke, each with an in-page confirmation. */
export function ApiTokensCard({ projectKey, tokens, timeZone }: { projectKey: string; tokens: TokenRow[]; timeZone: string }) {
  const { t, locale } = useI18n();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Pending>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<ApiTokenInput>({ resolver: zodResolver(apiTokenSchema), defaultValues: { name: "", role: "VIEWER" } });
  const { errors, isSubmitting } = form.formState;
  // In the project's time zone, as every other page shows times.
  const date = (value: string | null) => (value ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(value)) : t("settings.tokens.never"));

  const failed = (result: { error: { code: string; message: string } }) => setError(errorText(result.error));

  const onCreate = form.handleSubmit(async (values) => {
    setError(null);
    const result = await createApiTokenAction(projectKey, values);
    if (!result.ok) return failed(result);
    setShown(result.data.token);
    form.reset({ name: "", role: values.role });
    router.refresh();
  });

  const act = (target: NonNullable<Pending>) =>
    startTransition(async () => {
      setError(null);
      const result = target.kind === "rotate" ? await rotateApiTokenAction(projectKey, { id: target.id }) : await revokeApiTokenAction(projectKey, { id: target.id });
      setConfirming(null);
      if (!result.ok) return failed(result);
      setShown("token" in result.data ? result.data.token : null);
      router.refresh();
    });

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="api-tokens-title">
      <h2 id="api-tokens-title" className="text-base font-semibold">
        {t("settings.tokens.title")}
      </h2>
      <p className="max-w-2xl text-sm text-slate-600">{t("settings.tokens.about")}</p>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {shown ? <NewSecret label={t("settings.tokens.newToken")} value={shown} testId="new-api-token" /> : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-500">{t("settings.tokens.empty")}</p>
      ) : (
        <TableShell testId="api-tokens" headers={[t("settings.tokens.name"), t("settings.tokens.role"), t("settings.tokens.prefix"), t("settings.tokens.created"), t("settings.tokens.lastUsed"), t("settings.tokens.status"), ""]}>
          {tokens.map((token) => (
            <tr key={token.id} className={token.revokedAt ? "text-slate-400" : undefined}>
              <td className="px-3 py-2 font-medium">{token.name}</td>
              <td className="px-3 py-2">{token.role === "VIEWER" ? t("settings.tokens.roleViewer") : t("settings.tokens.roleAdmin")}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <code>{token.prefix}…</code>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{date(token.createdAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{date(token.lastUsedAt)}</td>
              <td className="px-3 py-2">{token.revokedAt ? t("settings.tokens.revoked") : t("settings.tokens.active")}</td>
              <td className="px-3 py-2">
                {token.revokedAt ? null : confirming?.id === token.id ? (
                  <ConfirmPanel
                    message={confirming.kind === "rotate" ? t("settings.tokens.confirmRotate", { name: token.name }) : t("settings.tokens.confirmRevoke", { name: token.name })}
                    confirmLabel={confirming.kind === "rotate" ? t("settings.tokens.rotate") : t("settings.tokens.revoke")}
                    cancelLabel={t("settings.webhook.cancel")}
                    pending={pending}
                    onConfirm={() => act(confirming)}
                    onCancel={() => setConfirming(null)}
                  />
                ) : (
                  <div className="flex gap-2">
                    <Button variant="secondary" onClick={() => setConfirming({ id: token.id, kind: "rotate" })} aria-label={`${t("settings.tokens.rotate")}: ${token.name}`}>
                      {t("settings.tokens.rotate")}
                    </Button>
                    <Button variant="danger" onClick={() => setConfirming({ id: token.id, kind: "revoke" })} aria-label={`${t("settings.tokens.revoke")}: ${token.name}`}>
                      {t("settings.tokens.revoke")}
                    </Button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </TableShell>
      )}
      <form onSubmit={onCreate} noValidate className="flex flex-wrap items-end gap-3" aria-label={t("settings.tokens.create")}>
        <Field id="tokenName" label={t("settings.tokens.name")} error={errors.name?.message}>
          <input id="tokenName" className={inputClass} aria-invalid={Boolean(errors.name)} aria-describedby={errors.name ? "tokenName-error" : undefined} {...form.register("name")} />
        </Field>
        <Field id="tokenRole" label={t("settings.tokens.role")} error={errors.role?.message}>
          <select id="tokenRole" className={inputClass} {...form.register("role")}>
            <option value="VIEWER">{t("settings.tokens.roleViewer")}</option>
            <option value="ADMIN">{t("settings.tokens.roleAdmin")}</option>
          </select>
        </Field>
        <Button type="submit" disabled={isSubmitting}>
          {t("settings.tokens.create")}
        </Button>
      </form>
    </section>
  );
}
