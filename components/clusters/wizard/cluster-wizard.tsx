"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ClusterDraft, RenderedFile } from "@/lib/design";
import { WIZARD_STEPS } from "@/lib/clusters/schema";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { saveDraft } from "../queries";
import { StepBasics } from "./step-basics";
import { StepGroups } from "./step-groups";
import { StepNameServers } from "./step-nameservers";
import { StepReview } from "./step-review";
import { StepTuning } from "./step-tuning";

// Each step's name in the catalog.
const STEP_KEYS = {
  Basics: "basics",
  NameServers: "nameServers",
  Groups: "groups",
  Tuning: "tuning",
  Review: "review",
} as const satisfies Record<(typeof WIZARD_STEPS)[number], string>;

export interface DatacenterOption {
  id: string;
  code: string;
}

export interface StepProps {
  draft: ClusterDraft;
  onChange: (draft: ClusterDraft) => void;
  datacenters: DatacenterOption[];
}

interface WizardProps {
  clusterId: string;
  initialDraft: ClusterDraft;
  initialStep: number;
  datacenters: DatacenterOption[];
  /** Files of the desired revision, for the review step's diff. */
  previousFiles: RenderedFile[] | null;
  previousNumber: number | null;
}

/** Five steps over one draft held here; every step change saves the draft on the server, so work survives a reload. */
export function ClusterWizard({ clusterId, initialDraft, initialStep, datacenters, previousFiles, previousNumber }: WizardProps) {
  const t = useTranslations("wizard");
  const stepName = (index: number) => t(`steps.${STEP_KEYS[WIZARD_STEPS[index]]}`);
  const [draft, setDraft] = useState(initialDraft);
  const [step, setStep] = useState(initialStep);
  const save = useMutation({
    mutationFn: (next: number) => saveDraft(clusterId, draft, next),
    onSuccess: (saved) => {
      setDraft(saved.draft);
      setStep(saved.step);
    },
  });
  const props: StepProps = { draft, onChange: setDraft, datacenters };

  return (
    <div className="space-y-5">
      <ol className="flex flex-wrap gap-2" aria-label={t("stepsLabel")}>
        {WIZARD_STEPS.map((label, i) => (
          <li key={label}>
            <button
              type="button"
              onClick={() => save.mutate(i + 1)}
              aria-current={step === i + 1 ? "step" : undefined}
              className={`rounded-full border px-3 py-1 text-sm ${step === i + 1 ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`}
            >
              {i + 1}. {stepName(i)}
            </button>
          </li>
        ))}
      </ol>
      {save.error && <Alert>{t("saveFailed", { error: save.error.message })}</Alert>}
      <section aria-label={stepName(step - 1)} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        {step === 1 && <StepBasics {...props} />}
        {step === 2 && <StepNameServers {...props} />}
        {step === 3 && <StepGroups {...props} />}
        {step === 4 && <StepTuning {...props} />}
        {step === 5 && <StepReview {...props} clusterId={clusterId} previousFiles={previousFiles} previousNumber={previousNumber} />}
      </section>
      <div className="flex justify-between">
        <Button variant="secondary" disabled={step === 1 || save.isPending} onClick={() => save.mutate(step - 1)}>
          {t("back")}
        </Button>
        {step < WIZARD_STEPS.length && (
          <Button disabled={save.isPending} onClick={() => save.mutate(step + 1)}>
            {save.isPending ? t("saving") : t("next", { step: stepName(step) })}
          </Button>
        )}
      </div>
    </div>
  );
}
