"use client";

import { signOut } from "next-auth/react";
import { useI18n } from "@/lib/i18n/client";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const { t } = useI18n();
  return (
    <Button variant="secondary" onClick={() => signOut({ callbackUrl: "/login" })}>
      {t("shell.signOut")}
    </Button>
  );
}
