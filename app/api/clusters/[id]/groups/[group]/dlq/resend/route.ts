import { consoleRocketmq } from "@/lib/console/client";
import { resendDeadLetters } from "@/lib/console/dead-letters";
import { groupParams, resendSchema } from "@/lib/console/schema";
import { route } from "@/lib/http/route";
import { localeFromAcceptLanguage } from "@/lib/i18n/negotiate";

export const dynamic = "force-dynamic";

/** Sends dead letters back to the group alone (its retry topic), each reported on its own. */
export const POST = route({ role: "operator", params: groupParams, body: resendSchema }, async ({ request, user, params, body }) => {
  const locale = user.locale ?? localeFromAcceptLanguage(request.headers.get("accept-language"));
  return resendDeadLetters(consoleRocketmq(), user, params.id, params.group, body, locale);
});
