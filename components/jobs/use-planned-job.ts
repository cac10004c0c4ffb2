"use client";

import { keepPreviousData, type QueryKey, skipToken, useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ApiError } from "../api";
import type { CreatedJob } from "./queries";

/**
 * The one way the panel starts a job: the server plans the request (creating nothing), the page shows that plan,
 * and only `confirm` creates the job, whose page opens next. The deploy panel and the operation dialog both use it.
 * `request` null: nothing to plan yet.
 */
export function usePlannedJob<Request, Plan>({
  key,
  request,
  fetchPlan,
  createJob,
}: {
  key: QueryKey;
  request: Request | null;
  fetchPlan: (request: Request) => Promise<Plan>;
  createJob: (request: Request) => Promise<CreatedJob>;
}) {
  const router = useRouter();
  const preview = useQuery({
    queryKey: key,
    queryFn: request === null ? skipToken : () => fetchPlan(request),
    // A plan describes the cluster as it is now: never served from cache, never retried behind the user's back.
    staleTime: 0,
    gcTime: 0,
    retry: false,
    // Keeps the last plan at hand while a changed request is planned, instead of a flash of nothing.
    placeholderData: keepPreviousData,
  });
  const job = useMutation({
    mutationFn: createJob,
    onSuccess: ({ jobId }) => router.push(`/jobs/${jobId}`),
    // 409: the cluster changed since the plan (a node went down, another job started); the fresh plan shows why.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void preview.refetch();
    },
  });
  return {
    preview,
    /** The plan of the request as it is now; undefined while a changed request is being planned. */
    plan: preview.isPlaceholderData ? undefined : preview.data,
    /** The plan on screen: while a changed request is planned, the last one. */
    shown: preview.data,
    job,
    /** Starting the job, or started and on the way to its page. */
    starting: job.isPending || job.isSuccess,
    confirm: () => {
      if (request !== null) job.mutate(request);
    },
  };
}
