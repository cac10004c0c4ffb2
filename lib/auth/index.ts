export { authenticate, createFirstAdmin, createUser, listUsers, needsSetup, updateUser } from "./accounts";
export { requireUser } from "./guard";
export { updatePreferences } from "./preferences";
export { hasRole, type Role } from "./roles";
export { DEVICE_COOKIE, rememberDevice } from "./devices";
export { createSession, currentUser, destroySession, type SessionUser } from "./session";
