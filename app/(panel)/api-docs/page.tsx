import { getTranslations } from "next-intl/server";
import { apiDescription } from "@/app/api/openapi.json/api-description";
import { ApiDocs } from "@/components/apidocs/api-docs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";

export default async function ApiDocsPage() {
  await requireUser();
  const t = await getTranslations("apidocs");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ApiDocs document={apiDescription()} />
    </>
  );
}
