"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { SignInSettings } from "@/lib/auth/sso-settings";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField } from "../ui/field";
import { saveSignInSettings } from "./queries";

/** The admin's switch for password sign-in, with the one admin who keeps it. */
export function SignInSettingsForm({
  initial,
  admins,
  ssoConfigured,
}: {
  initial: SignInSettings;
  admins: string[];
  ssoConfigured: boolean;
}) {
  const t = useTranslations("sso.settings");
  const [localSignInOff, setLocalSignInOff] = useState(initial.localSignInOff);
  const [breakGlass, setBreakGlass] = useState(initial.breakGlassUsername ?? "");
  const save = useMutation({ mutationFn: saveSignInSettings });
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ localSignInOff, breakGlassUsername: breakGlass || null });
      }}
    >
      {save.error && <Alert>{save.error.message}</Alert>}
      {save.isSuccess && <Alert tone="success">{t("saved")}</Alert>}
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={localSignInOff}
          disabled={!ssoConfigured && !localSignInOff}
          onChange={(event) => setLocalSignInOff(event.target.checked)}
        />
        <span>
          <span className="font-medium">{t("localSignInOff")}</span>
          <span className="block text-slate-600">{t("localSignInOffHint")}</span>
        </span>
      </label>
      <SelectField
        label={t("breakGlass")}
        name="breakGlassUsername"
        value={breakGlass}
        disabled={initial.breakGlassFromEnv}
        hint={initial.breakGlassFromEnv ? t("breakGlassFromEnv") : undefined}
        onValue={setBreakGlass}
      >
        <option value="">{t("breakGlassNone")}</option>
        {[...new Set([...admins, ...(initial.breakGlassUsername ? [initial.breakGlassUsername] : [])])].map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" disabled={save.isPending}>
        {t("save")}
      </Button>
    </form>
  );
}
