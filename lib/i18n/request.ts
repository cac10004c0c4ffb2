import "server-only";
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentUser } from "../auth/session";
import { isDatabaseUnavailable } from "../db/errors";
import { MESSAGES } from "./catalog";
import { localeFromAcceptLanguage } from "./negotiate";

/**
 * The language of one request: the signed-in user's choice, else the browser's Accept-Language. No locale in the
 * URL: links, bookmarks and the API stay the same in every language. The server renders times in UTC; the browser
 * switches them to its own zone after hydration (components/ui/local-time.tsx), so both renders agree.
 */
export default getRequestConfig(async () => {
  const user = await signedInUser();
  const locale = user?.locale ?? localeFromAcceptLanguage((await headers()).get("accept-language"));
  return { locale, messages: MESSAGES[locale], timeZone: "UTC" };
});

// With the database away the page shows "database unavailable" itself; it should do so in the browser's language.
async function signedInUser() {
  try {
    return await currentUser();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return null;
    throw error;
  }
}
