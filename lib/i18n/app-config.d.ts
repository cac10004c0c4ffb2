import type { Locale } from "./locales";
import type { Messages } from "./catalog";

// Types next-intl's t() against the English catalog: a key that does not exist fails tsc.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
