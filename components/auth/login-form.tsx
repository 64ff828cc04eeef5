"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { inputClass } from "@/components/ui/input-class";
import { Notice } from "@/components/ui/notice";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/config";
import { signInSchema, type SignIn } from "@/lib/validation/auth";
import { sameOriginPath } from "@/lib/auth/callback-url";

const ERROR_MESSAGES: Record<string, MessageKey> = {
  CredentialsSignin: "login.error.invalid",
  TooManyAttempts: "login.error.throttled",
  SessionRequired: "login.error.session",
};

export function LoginForm({ callbackUrl, initialError, initialEmail }: { callbackUrl?: string; initialError?: string; initialEmail?: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const form = useForm<SignIn>({ resolver: zodResolver(signInSchema), defaultValues: { email: initialEmail ?? "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (result?.ok && !result.error) {
      // A crafted ?callbackUrl must not send people elsewhere after sign-in.
      router.replace(sameOriginPath(callbackUrl));
      router.refresh();
      return;
    }
    setError(result?.error ?? "generic");
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("login.title")}>
      {error ? (
        <Notice tone="error" testId="login-error">
          {t(ERROR_MESSAGES[error] ?? "login.error.generic")}
        </Notice>
      ) : null}
      <Field id="email" label={t("login.email")} error={errors.email?.message}>
        <input
          id="email"
          type="email"
          autoComplete="username"
          autoFocus
          className={inputClass}
          aria-invalid={Boolean(errors.email)}
          aria-describedby={errors.email ? "email-error" : undefined}
          {...form.register("email")}
        />
      </Field>
      <Field id="password" label={t("login.password")} error={errors.password?.message}>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          className={inputClass}
          aria-invalid={Boolean(errors.password)}
          aria-describedby={errors.password ? "password-error" : undefined}
          {...form.register("password")}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? t("login.submitting") : t("login.submit")}
      </Button>
    </form>
  );
}
