-- Single sign-on with OpenID Connect: users matched by the provider's issuer and subject, the sign-ins under way
-- (state, nonce, PKCE verifier, used once), and the switch that turns local password sign-in off.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "oidcIssuer" TEXT,
ADD COLUMN "oidcSubject" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcIssuer_oidcSubject_key" ON "User"("oidcIssuer", "oidcSubject");

-- CreateTable
CREATE TABLE "OidcLogin" (
    "id" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "returnTo" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OidcLogin_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OidcLogin_expiresAt_idx" ON "OidcLogin"("expiresAt");

-- CreateTable
CREATE TABLE "SignInSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "localSignInOff" BOOLEAN NOT NULL DEFAULT false,
    "breakGlassUsername" TEXT,

    CONSTRAINT "SignInSettings_pkey" PRIMARY KEY ("id")
);
